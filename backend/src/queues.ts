import { DispensationsWorkerModule } from './modules/dispensations/dispensations-worker.module';
import { IMPORTS_QUEUE } from './modules/imports/imports.queue';
import { ImportsWorkerModule } from './modules/imports/imports-worker.module';
import { NOTIFICATIONS_QUEUE } from './modules/notifications/notifications.queue';
import { NotificationsWorkerModule } from './modules/notifications/notifications-worker.module';
import { ROLLUPS_QUEUE } from './modules/rollups/rollups.queue';
import { RollupsWorkerModule } from './modules/rollups/rollups-worker.module';
import { SCHEDULED_QUEUE } from './modules/scheduler/scheduler.queue';
import { SchedulerWorkerModule } from './modules/scheduler/scheduler-worker.module';

/**
 * Every BullMQ queue of Hyrkoll and the feature module that consumes it in the worker process.
 * A queue lives in its feature's folder as `<queue>.queue.ts` (name, job names, data, options),
 * `<queue>.producer.ts` and `<queue>.processor.ts`, with a `<feature>.module.ts` that exports the
 * producer and a `<feature>-worker.module.ts` that runs the processor (docs/architecture.md).
 */
export const QUEUES = [
  { name: NOTIFICATIONS_QUEUE, worker: NotificationsWorkerModule.withNotices(DispensationsWorkerModule) },
  { name: IMPORTS_QUEUE, worker: ImportsWorkerModule },
  { name: ROLLUPS_QUEUE, worker: RollupsWorkerModule },
  { name: SCHEDULED_QUEUE, worker: SchedulerWorkerModule },
] as const;
