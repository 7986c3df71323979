import { Injectable } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { insertJobs, SqlRunner } from './outbox.queries';

// The producers, and the statements that write a change with its jobs, take these from here.
export type { SqlRunner } from './outbox.queries';
export { outboxInsert } from './outbox.queries';

/**
 * Jobs for the queues are not sent to Redis by the code that needs them: they are written to the
 * `outbox` table in the same transaction as the change, and the relay moves them to BullMQ. A change
 * and its jobs commit together or not at all, and Redis being away only delays the jobs.
 */

export interface OutboxJob {
  queue: string;
  name: string;
  /** Deterministic, so that relaying the same row twice makes one job. */
  jobId: string;
  data: object;
  /** BullMQ job options (attempts, backoff, retention); the job id is set from `jobId`. */
  options?: object;
}

/** Records jobs in the caller's transaction; they reach their queues after it commits. */
@Injectable()
export class Outbox {
  /** The deployment's queue prefix: the relays of this deployment pick up only its own rows. */
  private readonly prefix: string;

  constructor(config: AppConfig) {
    this.prefix = config.redis.queuePrefix;
  }

  async add(run: SqlRunner, ...jobs: OutboxJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await insertJobs(run, this.parameters(jobs));
  }

  /** The parameters of `outboxInsert` for these jobs, in its order. */
  parameters(jobs: OutboxJob[]): unknown[] {
    return [
      this.prefix,
      jobs.map((j) => j.queue),
      jobs.map((j) => j.name),
      jobs.map((j) => j.jobId),
      jobs.map((j) => JSON.stringify(j.data)),
      jobs.map((j) => JSON.stringify(j.options ?? {})),
    ];
  }
}
