import { swedishDate } from '@hyrkoll/domain';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';

import { IdempotencyStore } from '../../common/idempotency/idempotency.store';
import { OutboxRelay } from '../../common/outbox/outbox-relay';
import { AuditHeadsService } from '../audit/audit-heads.service';
import { DispensationLifecycleService } from '../dispensations/dispensation-lifecycle.service';
import { OrderLifecycleService } from '../orders/order-lifecycle.service';
import { AUDIT_HEADS_JOB, DEADLINES_JOB, SCHEDULED_QUEUE } from './scheduler.queue';

/** Runs every time-driven check; each is idempotent, so a late or repeated run is harmless. */
@Processor(SCHEDULED_QUEUE)
export class SchedulerProcessor extends WorkerHost {
  constructor(
    private readonly orders: OrderLifecycleService,
    private readonly dispensations: DispensationLifecycleService,
    private readonly idempotencyKeys: IdempotencyStore,
    private readonly outbox: OutboxRelay,
    private readonly auditHeads: AuditHeadsService,
  ) {
    super();
  }

  async process(job: Job): Promise<Record<string, number>> {
    if (job.name === AUDIT_HEADS_JOB) return this.auditHeads.exportHeads();
    if (job.name !== DEADLINES_JOB) throw new Error(`no handler for scheduled job "${job.name}"`);
    const now = new Date();
    const today = swedishDate(now);
    const lapsed = await this.orders.lapseMissedConfirmations(now);
    const { started, completed } = await this.orders.advanceAssignments(today);
    const expired = await this.dispensations.expire(today);
    const reminded = await this.dispensations.remind(now);
    const forgottenKeys = await this.idempotencyKeys.purgeExpired(now);
    const purgedOutbox = await this.outbox.purgeRelayed(now);
    return { lapsed, started, completed, expired, reminded, forgottenKeys, purgedOutbox };
  }
}
