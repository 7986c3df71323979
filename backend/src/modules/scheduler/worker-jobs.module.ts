import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DispensationLifecycleService } from '../dispensations/dispensation-lifecycle.service';
import { Mailer } from '../notifications/mailer';
import { NotificationsProcessor } from '../notifications/notifications.processor';
import { OrderLifecycleService } from '../orders/order-lifecycle.service';
import { SchedulerProcessor, SchedulerRegistrar } from './scheduler.processor';
import { SCHEDULED_QUEUE } from './scheduler.queue';

/** What the worker process runs: the notification sender and the scheduled deadline checks. */
@Module({
  imports: [BullModule.registerQueue({ name: SCHEDULED_QUEUE })],
  providers: [
    Mailer,
    NotificationsProcessor,
    OrderLifecycleService,
    DispensationLifecycleService,
    SchedulerProcessor,
    SchedulerRegistrar,
  ],
  exports: [OrderLifecycleService, DispensationLifecycleService],
})
export class WorkerJobsModule {}
