import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';

import { AppConfig } from '../../config/app-config';
import { ROLLUP_JOB, RollupJobData, ROLLUPS_QUEUE } from './rollups.queue';
import { RollupsService } from './rollups.service';

/**
 * Recomputes the monthly facts of one (region, month) after an import. Rollups take well under
 * a second, so a short lock (renewed while a job runs) lets the job of a crashed worker go to
 * another one within about 15 s instead of BullMQ's default minute.
 */
@Processor(ROLLUPS_QUEUE, { concurrency: 2, lockDuration: 10_000, stalledInterval: 5_000 })
export class RollupsProcessor extends WorkerHost {
  constructor(
    private readonly rollups: RollupsService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job<RollupJobData>): Promise<void> {
    if (job.name !== ROLLUP_JOB) throw new Error(`no handler for rollup job "${job.name}"`);
    // A month's rollup is bulk work over the month's raw rows: it runs under the import timeout
    // (IMPORT_STATEMENT_TIMEOUT_SECONDS), not the 60 s of queries, like the import that queued it.
    await this.rollups.recompute(job.data.regionId, job.data.month, this.config.imports.statementTimeoutMs);
  }
}
