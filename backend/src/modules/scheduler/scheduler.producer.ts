import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';

import { AppConfig } from '../../config/app-config';
import { AUDIT_HEADS_JOB, DEADLINES_EVERY_MS, DEADLINES_JOB, SCHEDULED_QUEUE } from './scheduler.queue';

const RETENTION = { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } };

/**
 * Makes sure the deadline checks and the export of the audit chains' heads are scheduled (once,
 * however many workers start); a job scheduler with `every` runs its first job at once.
 */
@Injectable()
export class SchedulerProducer implements OnApplicationBootstrap {
  private readonly logger = new Logger(SchedulerProducer.name);

  constructor(
    @InjectQueue(SCHEDULED_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      DEADLINES_JOB,
      { every: DEADLINES_EVERY_MS },
      { name: DEADLINES_JOB, opts: RETENTION },
    );
    const minutes = this.config.audit.headExportMinutes;
    await this.queue.upsertJobScheduler(
      AUDIT_HEADS_JOB,
      { every: minutes * 60_000 },
      { name: AUDIT_HEADS_JOB, opts: RETENTION },
    );
    this.logger.log(
      `deadline checks scheduled every ${DEADLINES_EVERY_MS / 1000} s, audit chain heads every ${minutes} min`,
    );
  }
}
