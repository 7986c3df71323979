import { Injectable } from '@nestjs/common';

import { Outbox, OutboxJob, SqlRunner } from '../../common/outbox/outbox';
import {
  NOTIFICATION_JOB_OPTIONS,
  NotificationData,
  NotificationJob,
  NOTIFICATIONS_QUEUE,
  PASSWORD_SETUP_JOB,
  PasswordSetupData,
} from './notifications.queue';

/**
 * Queues notification jobs through the outbox, in the transaction of the change they announce.
 * Job ids are deterministic (kind, dispensation, version), so a job relayed twice sends once.
 */
@Injectable()
export class NotificationsProducer {
  constructor(private readonly outbox: Outbox) {}

  async enqueue(run: SqlRunner, kind: NotificationJob, data: NotificationData): Promise<void> {
    await this.outbox.add(run, this.job(kind, data));
  }

  /** The e-mail of a password-setup link, sent after the caller's transaction commits. */
  async enqueuePasswordSetup(run: SqlRunner, data: PasswordSetupData): Promise<void> {
    await this.outbox.add(run, {
      queue: NOTIFICATIONS_QUEUE,
      name: PASSWORD_SETUP_JOB,
      jobId: `${PASSWORD_SETUP_JOB}-${data.setupId}`,
      data,
      options: NOTIFICATION_JOB_OPTIONS,
    });
  }

  /** The outbox parameters of one job, for a statement that writes it with its change (`outboxInsert`). */
  parameters(kind: NotificationJob, data: NotificationData): unknown[] {
    return this.outbox.parameters([this.job(kind, data)]);
  }

  private job(kind: NotificationJob, data: NotificationData): OutboxJob {
    return {
      queue: NOTIFICATIONS_QUEUE,
      name: kind,
      jobId: `${kind}-${data.dispensationId}-${data.version}`,
      data,
      options: NOTIFICATION_JOB_OPTIONS,
    };
  }
}
