import type { ImportDto, OperationsStatusDto } from '@hyrkoll/contracts';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';

import { eventually } from './support/eventually';
import { importFinished, uploadImport } from './support/imports';
import { NewRegion, newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import { startApi, startWorker, TestApp } from './support/test-app';

/**
 * A region's administrator sees its own region's imports, rollups and jobs at
 * /api/operations/status, and nothing of another region's.
 */
describe('the region’s import and rollup status, for its administrator', () => {
  let api: TestApp;
  let worker: INestApplicationContext | undefined;
  let mine: NewRegion;
  let other: NewRegion;

  const region = (costCentre: string) => ({
    areas: ['OPS'],
    units: [{ costCentre, area: 'OPS' }],
    users: { admin: [{ role: 'ADMINISTRATOR' as const }], purchaser: [{ role: 'PURCHASER' as const }] },
  });
  const session = (r: NewRegion, key: string) => r.sessions[key] as TestSession;
  const status = async (r: NewRegion) =>
    (await as(api.app, session(r, 'admin')).get('/api/operations/status').expect(200))
      .body as OperationsStatusDto;
  const hours = (costCentre: string, month: string, cost = '1000') =>
    `month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n${month};${costCentre};LAKARE;Bemanning AB;10;${cost};\n`;

  beforeAll(async () => {
    api = await startApi();
    mine = await newRegion(api.app, api.dataSource, region('410101'));
    other = await newRegion(api.app, api.dataSource, region('420101'));

    // Jobs that failed and jobs that wait, of both regions, before any worker of the app runs.
    const connection = { url: api.config.redis.url, maxRetriesPerRequest: null };
    const prefix = api.config.redis.queuePrefix;
    const rollups = api.app.get<Queue>(getQueueToken('rollups'), { strict: false });
    const imports = api.app.get<Queue>(getQueueToken('imports'), { strict: false });
    for (const [r, month] of [
      [mine, '2023-01-01'],
      [other, '2023-02-01'],
      [other, '2023-03-01'],
    ] as const) {
      await rollups.add(
        'rollup',
        { regionId: r.regionId, month },
        { attempts: 1, jobId: `failing-${r.code}-${month}` },
      );
    }
    const failing = new Worker(
      'rollups',
      async () => {
        throw new Error('the database went away');
      },
      { connection, prefix },
    );
    await eventually('three failed rollup jobs', async () => (await rollups.getFailedCount()) === 3);
    await failing.close();
    for (const [r, n] of [
      [mine, 1],
      [other, 2],
    ] as const) {
      for (let i = 0; i < n; i++) {
        await imports.add('import', { regionId: r.regionId, importId: `later-${i}` }, { delay: 3_600_000 });
      }
    }

    worker = await startWorker({ QUEUE_PREFIX: prefix });
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('counts and lists only the region’s own jobs', async () => {
    const own = await status(mine);
    expect(own.queues.find((q) => q.queue === 'rollups')).toMatchObject({ failed: 1 });
    expect(own.queues.find((q) => q.queue === 'imports')).toMatchObject({ delayed: 1 });
    expect(own.failedJobs).toEqual([
      expect.objectContaining({
        queue: 'rollups',
        name: 'rollup',
        subject: '2023-01',
        attempts: 1,
        reason: 'the database went away',
      }),
    ]);
    const theirs = await status(other);
    expect(theirs.queues.find((q) => q.queue === 'rollups')).toMatchObject({ failed: 2 });
    expect(theirs.queues.find((q) => q.queue === 'imports')).toMatchObject({ delayed: 2 });
    expect(theirs.failedJobs.map((j) => j.subject).sort()).toEqual(['2023-02', '2023-03']);
  });

  it('shows the region’s recent imports with their errors and the months rolled up, and none of another region’s', async () => {
    const upload = async (r: NewRegion, costCentre: string, month: string) =>
      (
        await uploadImport(
          api.app,
          session(r, 'purchaser'),
          'purchased-hours',
          hours(costCentre, month),
        ).expect(202)
      ).body as ImportDto;
    const bad = await upload(mine, '410101', '2024-13');
    const good = await upload(mine, '410101', '2024-03');
    const theirs = await upload(other, '420101', '2024-05');
    expect((await importFinished(api.app, session(mine, 'purchaser'), bad.id)).status).toBe('REFUSED');
    expect((await importFinished(api.app, session(mine, 'purchaser'), good.id)).status).toBe('DONE');
    expect((await importFinished(api.app, session(other, 'purchaser'), theirs.id)).status).toBe('DONE');
    // every queue is never idle here (the delayed jobs above): wait for the months themselves
    await eventually('both regions’ months to be rolled up', async () => {
      const [a, b] = [await status(mine), await status(other)];
      return a.rollupMonths.length > 0 && b.rollupMonths.length > 0;
    });

    const own = await status(mine);
    expect(own.imports.map((i) => i.id)).toEqual([good.id, bad.id]);
    const refused = own.imports.find((i) => i.id === bad.id);
    expect(refused).toMatchObject({ status: 'REFUSED', errorCount: 1 });
    expect(refused?.errors[0]).toMatchObject({ line: 2, column: 'month' });
    expect(own.rollupMonths.map((m) => m.month)).toEqual(['2024-03']);

    const them = await status(other);
    expect(them.imports.map((i) => i.id)).toEqual([theirs.id]);
    expect(them.rollupMonths.map((m) => m.month)).toEqual(['2024-05']);
  }, 120_000);
});
