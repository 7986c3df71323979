import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { JobType, Queue } from 'bullmq';
import type { DataSource } from 'typeorm';

import { SCHEDULED_QUEUE } from '../../src/modules/scheduler/scheduler.queue';
import { QUEUES } from '../../src/queues';

/** Job states that mean work is still to come: waiting, running, or retried after a backoff. */
const UNFINISHED: JobType[] = ['wait', 'active', 'prioritized', 'waiting-children', 'paused', 'delayed'];

/** Rows of the outbox under `queuePrefix` that are not relayed yet. */
export async function outboxPending(dataSource: DataSource, queuePrefix: string): Promise<number> {
  const [{ n }] = await dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM outbox WHERE queue_prefix = $1 AND relayed_at IS NULL`,
    [queuePrefix],
  );
  return n;
}

/** Whether no queue of `context` (a worker) has a job waiting, running or to be retried. */
export async function queuesIdle(context: INestApplicationContext): Promise<boolean> {
  for (const { name } of QUEUES) {
    const queue = context.get<Queue>(getQueueToken(name), { strict: false });
    // the job scheduler always holds the next run of the deadline checks as a delayed job
    const states = name === SCHEDULED_QUEUE ? UNFINISHED.filter((s) => s !== 'delayed') : UNFINISHED;
    const counts = await queue.getJobCounts(...states);
    if (Object.values(counts).some((n) => n > 0)) return false;
  }
  return true;
}

/**
 * Whether all the work under `queuePrefix` is done: the outbox relayed and the queues idle. The
 * outbox is read again after the queues, for a job that ended between the two reads having
 * written its follow-up job to the outbox.
 */
export async function workDone(
  context: INestApplicationContext,
  dataSource: DataSource,
  queuePrefix: string,
): Promise<boolean> {
  return (
    (await outboxPending(dataSource, queuePrefix)) === 0 &&
    (await queuesIdle(context)) &&
    (await outboxPending(dataSource, queuePrefix)) === 0
  );
}
