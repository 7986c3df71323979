import { Injectable } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';

/**
 * Jobs for the queues are not sent to Redis by the code that needs them: they are written to the
 * `outbox` table in the same transaction as the change, and the relay moves them to BullMQ. A change
 * and its jobs commit together or not at all, and Redis being away only delays the jobs.
 */

/** Anything that runs SQL inside the caller's transaction: a TypeORM EntityManager or a pg client. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

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
    await run.query(outboxInsert(1), this.parameters(jobs));
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

/**
 * The INSERT of jobs into the outbox, with its six parameters numbered from `$first` (see
 * `Outbox.parameters`): on its own, or as a CTE of a statement that writes the change the jobs
 * belong to, which saves that change a round trip.
 */
export function outboxInsert(first: number): string {
  const [prefix, queues, names, ids, data, options] = [0, 1, 2, 3, 4, 5].map((i) => `$${first + i}`);
  return `INSERT INTO outbox (queue_prefix, queue, job_name, job_id, data, options)
       SELECT ${prefix}, * FROM unnest(${queues}::text[], ${names}::text[], ${ids}::text[], ${data}::jsonb[], ${options}::jsonb[])`;
}
