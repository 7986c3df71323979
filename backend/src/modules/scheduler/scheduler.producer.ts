import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';

import { DEADLINES_EVERY_MS, DEADLINES_JOB, SCHEDULED_QUEUE } from './scheduler.queue';

/** Makes sure the deadline checks are scheduled (once, however many workers start). */
@Injectable()
export class SchedulerProducer implements OnApplicationBootstrap {
  private readonly logger = new Logger(SchedulerProducer.name);

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
