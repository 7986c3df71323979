import type { JobsOptions } from 'bullmq';
import type { EntityManager } from 'typeorm';

import { execute } from '../../database/sql';

/**
 * The outbox's SQL (decision 018): writing jobs, and the relay's claim, marks and purge. Outbox
 * and OutboxRelay decide what is written, in which transaction, and what a failure means.
 */

/** Anything that runs SQL inside the caller's transaction: a TypeORM EntityManager or a pg client. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
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

/** Writes jobs into the outbox in the runner's transaction; `params` as `Outbox.parameters` gives them. */
export async function insertJobs(run: SqlRunner, params: unknown[]): Promise<void> {
  await run.query(outboxInsert(1), params);
}

/** A job waiting in the outbox. */
export interface OutboxRow {
  /** bigint */
  id: string;
  queue: string;
  job_name: string;
  job_id: string;
  data: object;
  options: JobsOptions;
}

/**
 * Locks, until the commit, at most `limit` of a deployment's rows waiting to be relayed, oldest
 * first, except those of the queues named in `elsewhere`; rows another transaction has locked are
 * skipped.
 */
export async function lockWaiting(
  m: EntityManager,
  queuePrefix: string,
  elsewhere: string[],
  limit: number,
): Promise<OutboxRow[]> {
  return m.query<OutboxRow[]>(
    `SELECT id, queue, job_name, job_id, data, options FROM outbox
          WHERE relayed_at IS NULL AND queue_prefix = $1 AND queue <> ALL($2::text[])
          ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
    [queuePrefix, elsewhere, limit],
  );
}

/** Counts a failed attempt on the rows, with its error. */
export async function markFailed(m: EntityManager, ids: string[], error: string): Promise<void> {
  await m.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [
    ids,
    error,
  ]);
}

/** Marks the rows relayed now. */
export async function markRelayed(m: EntityManager, ids: string[]): Promise<void> {
  await m.query(
    `UPDATE outbox SET relayed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`,
    [ids],
  );
}

/** Deletes the rows relayed more than `days` before `now`; returns how many. */
export async function deleteRelayed(m: EntityManager, now: Date, days: number): Promise<number> {
  const { affected } = await execute(
    m,
    `DELETE FROM outbox WHERE relayed_at < $1::timestamptz - make_interval(days => $2)`,
    [now.toISOString(), days],
  );
  return affected;
}
