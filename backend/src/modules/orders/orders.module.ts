import { DynamicModule, Module, Type } from '@nestjs/common';

import { AgreementModule } from '../agreement/agreement.module';
import { BidsService } from './bids.service';
import { OrderAssessor } from './order-assessor';
import { OrderReader } from './order-reader.service';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

/**
 * Orders, bids and call-offs. The approval of an order's exceptions comes from the module given
 * to `withApprovals`, which must export `OrderApprovals` (the root module passes the
 * dispensations module): orders name no module above them.
 */
@Module({})
export class OrdersModule {
  static withApprovals(approvals: Type): DynamicModule {
    return {
      module: OrdersModule,
      imports: [AgreementModule, approvals],
      controllers: [OrdersController],
      providers: [OrdersService, OrderReader, OrderAssessor, BidsService],
      exports: [OrdersService, BidsService],
    };
  }
}
