import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';

import { Outbox, OutboxJob } from '../src/common/outbox/outbox';
import { NOTIFICATIONS_QUEUE } from '../src/modules/notifications/notifications.queue';
import { ROLLUPS_QUEUE } from '../src/modules/rollups/rollups.queue';
import { eventually } from './support/eventually';
import { PrivateRedis, startPrivateRedis } from './support/private-redis';
import { startApi, TestApp } from './support/test-app';

function job(queue: string, jobId: string): OutboxJob {
  return { queue, name: 'relay-test', jobId, data: { jobId }, options: { attempts: 3 } };
}

/** The API's relay on a private Redis, with no worker: relayed jobs wait in their queues. */
describe('the outbox relay', () => {
  let redis: PrivateRedis;
  let api: TestApp;
  let notifications: Queue;
  let rollups: Queue;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    api = await startApi({ REDIS_URL: redis.url });
    notifications = api.app.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE), { strict: false });
    rollups = api.app.get<Queue>(getQueueToken(ROLLUPS_QUEUE), { strict: false });
  });

  afterAll(async () => {
    if (redis && !redis.running()) await redis.start();
    await api?.close();
    await redis?.remove();
  });

  const rows = (ids: string[]) =>
    api.dataSource.query<{ job_id: string; relayed: boolean; attempts: number; last_error: string | null }[]>(
      `SELECT job_id, relayed_at IS NOT NULL AS relayed, attempts, last_error FROM outbox
        WHERE queue_prefix = $1 AND job_id = ANY($2) ORDER BY id`,
      [api.config.redis.queuePrefix, ids],
    );
  const waiting = async (queue: Queue) => (await queue.getJobs(['wait'], 0, -1, true)).map((j) => j.id);

  it('relays rows of several queues in their order, a row written twice as one job', async () => {
    const outbox = api.app.get(Outbox);
    await api.dataSource.transaction(async (m) => {
      await outbox.add(
        m,
        job(NOTIFICATIONS_QUEUE, 'n-1'),
        job(NOTIFICATIONS_QUEUE, 'n-2'),
        job(ROLLUPS_QUEUE, 'r-1'),
        job(NOTIFICATIONS_QUEUE, 'n-3'),
        job(ROLLUPS_QUEUE, 'r-2'),
      );
      await outbox.add(m, job(NOTIFICATIONS_QUEUE, 'n-1'));
    });
    const ids = ['n-1', 'n-2', 'n-3', 'r-1', 'r-2'];
    await eventually('every row relayed', async () => (await rows(ids)).every((r) => r.relayed));
    expect(await waiting(notifications)).toEqual(['n-1', 'n-2', 'n-3']);
    expect(await waiting(rollups)).toEqual(['r-1', 'r-2']);
    expect((await notifications.getJob('n-2'))?.opts.attempts).toBe(3);
  });

  it('keeps the rows, with the error, while Redis is away, and relays them when it is back', async () => {
    await redis.stop();
    const outbox = api.app.get(Outbox);
    await api.dataSource.transaction((m) =>
      outbox.add(m, job(NOTIFICATIONS_QUEUE, 'n-away-1'), job(NOTIFICATIONS_QUEUE, 'n-away-2')),
    );
    const ids = ['n-away-1', 'n-away-2'];
    await eventually('the failed attempt recorded', async () =>
      (await rows(ids)).every((r) => r.attempts > 0 && r.last_error !== null && !r.relayed),
    );
    await redis.start();
    await eventually('the rows relayed', async () => (await rows(ids)).every((r) => r.relayed));
    expect((await waiting(notifications)).slice(-2)).toEqual(ids);
  });
});
