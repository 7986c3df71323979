// Needs the demo history (seed:demo), loaded into a throwaway database of its own: it keeps the demo.
import type { ChildProcess } from 'node:child_process';

import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

import { AppConfig } from '../src/config/app-config';
import { typeormOptions } from '../src/database/typeorm-options';
import { ROLLUP_JOB, ROLLUP_JOB_OPTIONS, ROLLUPS_QUEUE } from '../src/modules/rollups/rollups.queue';
import { RollupsService } from '../src/modules/rollups/rollups.service';
import { cli } from './support/cli';
import { createThrowawayDatabase, databaseEnv, dropDatabase } from './support/databases';
import { testEnv, uniquePrefix } from './support/test-env';
import { startWorkerProcess, until } from './support/worker-process';

/**
 * A worker killed with SIGKILL while it rolls up: the rollup of the month it was in rolls back
 * with its transaction, BullMQ hands the stalled job to the next worker, and the rollups end
 * exactly as a full recompute from the raw rows makes them.
 */
describe('a worker killed in the middle of the rollups', () => {
  let url: string;
  let env: Record<string, string | undefined>;
  let dataSource: DataSource;
  let queue: Queue;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    url = await createThrowawayDatabase('hyrkoll_it_crash');
    env = { ...testEnv(), ...databaseEnv(url), QUEUE_PREFIX: uniquePrefix(), LOG_LEVEL: 'silent' };
    await cli('migrate', env);
    await cli('seed:demo', env); // with the history and its rollups
    const config = AppConfig.fromEnv(env);
    dataSource = await new DataSource(typeormOptions(config, 'hyrkoll-it-crash')).initialize();
    queue = new Queue(ROLLUPS_QUEUE, {
      connection: { url: config.redis.url },
      prefix: config.redis.queuePrefix,
    });
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await dataSource.destroy();
    await dropDatabase(url);
  });

  it('ends with the same rollups as a full recompute', async () => {
    const totals = () =>
      dataSource.query(
        `SELECT (SELECT sum(cost_sek)::text FROM hired_monthly) AS hired, (SELECT sum(cost_sek)::text FROM own_monthly) AS own`,
      );
    const expected = await totals();
    await dataSource.query('DELETE FROM hired_monthly');
    await dataSource.query('DELETE FROM own_monthly');
    const [{ id: regionId }] = await dataSource.query(`SELECT id FROM regions WHERE code = '24'`);
    const months: string[] = (
      await dataSource.query(
        `SELECT DISTINCT to_char(month, 'YYYY-MM-DD') AS m FROM purchased_hours ORDER BY 1`,
      )
    ).map((r: { m: string }) => r.m);
    await queue.addBulk(
      months.map((month) => ({
        name: ROLLUP_JOB,
        data: { regionId, month },
        opts: { ...ROLLUP_JOB_OPTIONS, jobId: `rollup-crash-${month}` },
      })),
    );

    const first = startWorkerProcess(env);
    workers.push(first);
    await until(
      async () => (await queue.getCompletedCount()) >= 3 && (await queue.getActiveCount()) > 0,
      30_000,
      'the first worker to be busy',
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const doneBefore = await queue.getCompletedCount();
    expect(doneBefore).toBeLessThan(months.length);

    workers.push(startWorkerProcess(env));
    await until(
      async () => (await queue.getCompletedCount()) + (await queue.getFailedCount()) === months.length,
      90_000,
      'every rollup after the crash',
    );
    expect(await queue.getFailedCount()).toBe(0);
    expect(await totals()).toEqual(expected);
    expect(await new RollupsService(dataSource).check()).toEqual([]);
  }, 120_000);
});
