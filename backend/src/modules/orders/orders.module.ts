import { Module } from '@nestjs/common';

import { AgreementModule } from '../agreement/agreement.module';
import { DispensationsModule } from '../dispensations/dispensations.module';
import { BidsService } from './bids.service';
import { OrderAssessor } from './order-assessor';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [AgreementModule, DispensationsModule],
  controllers: [OrdersController],
  providers: [OrdersService, OrderAssessor, BidsService],
  exports: [OrdersService, BidsService],
})
export class OrdersModule {}
