import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  NOTIFICATION_JOB_OPTIONS,
  NOTIFICATIONS_QUEUE,
  NotificationData,
  NotificationJob,
} from './notifications.queue';

/**
 * Enqueues notification jobs. Call it after the transaction of the change has committed.
 * Job ids are deterministic (kind, dispensation, version), so enqueueing twice sends once.
 */
@Injectable()
export class NotificationsProducer {
  private readonly logger = new Logger(NotificationsProducer.name);

  constructor(@InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue<NotificationData>) {}

  async enqueue(kind: NotificationJob, data: NotificationData): Promise<void> {
    try {
      await this.queue.add(kind, data, {
        ...NOTIFICATION_JOB_OPTIONS,
        jobId: `${kind}-${data.dispensationId}-${data.version}`,
      });
    } catch (error) {
      // The change itself is committed; a lost e-mail must not turn it into an error for the user.
      this.logger.error(
        `notification ${kind} for ${data.dispensationId} not queued: ${(error as Error).message}`,
      );
    }
  }
}
