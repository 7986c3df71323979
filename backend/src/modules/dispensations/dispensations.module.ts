import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { OrderApprovals } from '../orders/order-approvals';
import { RollupsModule } from '../rollups/rollups.module';
import { DispensationDecisions } from './dispensation-decisions.service';
import { DispensationRequests } from './dispensation-requests.service';
import { DispensationsController } from './dispensations.controller';
import { DispensationsService } from './dispensations.service';
import { WaitingController } from './waiting.controller';
import { WaitingService } from './waiting.service';

@Module({
  imports: [NotificationsModule, RollupsModule],
  controllers: [DispensationsController, WaitingController],
  providers: [
    DispensationsService,
    DispensationDecisions,
    WaitingService,
    DispensationRequests,
    { provide: OrderApprovals, useExisting: DispensationRequests },
  ],
  exports: [OrderApprovals],
})
export class DispensationsModule {}
