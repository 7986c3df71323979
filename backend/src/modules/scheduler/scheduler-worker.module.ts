import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { AuditHeadsService } from '../audit/audit-heads.service';
import { DispensationsWorkerModule } from '../dispensations/dispensations-worker.module';
import { OrdersWorkerModule } from '../orders/orders-worker.module';
import { SchedulerProcessor } from './scheduler.processor';
import { SchedulerProducer } from './scheduler.producer';
import { SCHEDULED_QUEUE } from './scheduler.queue';

/** The time-driven checks: their job scheduler (producer) and the processor, in the worker. */
@Module({
  imports: [
    BullModule.registerQueue({ name: SCHEDULED_QUEUE }),
    IdempotencyModule,
    OrdersWorkerModule,
    DispensationsWorkerModule,
  ],
  providers: [SchedulerProducer, SchedulerProcessor, AuditHeadsService],
})
export class SchedulerWorkerModule {}
