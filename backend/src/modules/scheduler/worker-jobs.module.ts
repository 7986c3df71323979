import { BullModule } from '@nestjs/bullmq';
import { IMPORTS_QUEUE, ROLLUPS_QUEUE } from '../imports/imports.queue';
import { ImportProcessor } from '../imports/import.processor';
import { RollupProcessor } from '../rollups/rollup.processor';
import { RollupsService } from '../rollups/rollups.service';
import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { DispensationLifecycleService } from '../dispensations/dispensation-lifecycle.service';
import { Mailer } from '../notifications/mailer';
import { NotificationsProcessor } from '../notifications/notifications.processor';
import { OrderLifecycleService } from '../orders/order-lifecycle.service';
import { SchedulerProcessor, SchedulerRegistrar } from './scheduler.processor';
import { SCHEDULED_QUEUE } from './scheduler.queue';

/** What the worker process runs: notifications, scheduled deadline checks, imports and rollups. */
@Module({
  imports: [
    BullModule.registerQueue({ name: SCHEDULED_QUEUE }, { name: IMPORTS_QUEUE }, { name: ROLLUPS_QUEUE }),
    IdempotencyModule,
  ],
  providers: [
    Mailer,
    NotificationsProcessor,
    OrderLifecycleService,
    DispensationLifecycleService,
    SchedulerProcessor,
    SchedulerRegistrar,
    ImportProcessor,
    RollupsService,
    RollupProcessor,
  ],
  exports: [OrderLifecycleService, DispensationLifecycleService, RollupsService],
})
export class WorkerJobsModule {}
