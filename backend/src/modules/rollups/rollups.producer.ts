import { Injectable } from '@nestjs/common';

import { Outbox, SqlRunner } from '../../common/outbox/outbox';
import { ROLLUP_JOB, ROLLUP_JOB_OPTIONS, RollupJobData, ROLLUPS_QUEUE } from './rollups.queue';

/** Queues the recompute of a region's months through the outbox, in the transaction of the change. */
@Injectable()
export class RollupsProducer {
  constructor(private readonly outbox: Outbox) {}

  /**
   * One job per month (`YYYY-MM`). `cause` makes the job ids unique per change, e.g.
   * `dispensation-<id>-<version>` or an import's id.
   */
  async enqueue(run: SqlRunner, regionId: string, months: Iterable<string>, cause: string): Promise<void> {
    const jobs = [...months].map((month) => ({
      queue: ROLLUPS_QUEUE,
      name: ROLLUP_JOB,
      jobId: `rollup-${regionId}-${month}-${cause}`,
      data: { regionId, month: `${month}-01` } satisfies RollupJobData,
      options: ROLLUP_JOB_OPTIONS,
    }));
    if (jobs.length > 0) await this.outbox.add(run, ...jobs);
  }
}
