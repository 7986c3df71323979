import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { swedishDate } from '@hyrkoll/domain';
import type { Job, Queue } from 'bullmq';
import { IdempotencyStore } from '../../common/idempotency/idempotency.store';
import { OutboxRelay } from '../../common/outbox/outbox-relay';
import { DispensationLifecycleService } from '../dispensations/dispensation-lifecycle.service';
import { OrderLifecycleService } from '../orders/order-lifecycle.service';
import { DEADLINES_EVERY_MS, DEADLINES_JOB, SCHEDULED_QUEUE } from './scheduler.queue';

/** Runs every time-driven check; each is idempotent, so a late or repeated run is harmless. */
@Processor(SCHEDULED_QUEUE)
export class SchedulerProcessor extends WorkerHost {
  constructor(
    private readonly orders: OrderLifecycleService,
    private readonly dispensations: DispensationLifecycleService,
    private readonly idempotencyKeys: IdempotencyStore,
    private readonly outbox: OutboxRelay,
  ) {
    super();
  }

  async process(job: Job): Promise<Record<string, number>> {
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

/** Makes sure the deadline checks are scheduled (once, however many workers start). */
@Injectable()
export class SchedulerRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger(SchedulerRegistrar.name);

  constructor(@InjectQueue(SCHEDULED_QUEUE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      DEADLINES_JOB,
      { every: DEADLINES_EVERY_MS },
      { name: DEADLINES_JOB, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } },
    );
    this.logger.log(`deadline checks scheduled every ${DEADLINES_EVERY_MS / 1000} s`);
  }
}
