import type { ImportDto } from '@hyrkoll/contracts';
import type { INestApplicationContext } from '@nestjs/common';

import { RollupsService } from '../src/modules/rollups/rollups.service';
import { runCli } from './support/cli';
import { eventuallyValue } from './support/eventually';
import { importFinished, uploadImport } from './support/imports';
import { hiredTotal, rollupDifferences } from './support/rollups';
import { as, TestSession } from './support/sessions';
import { startWorker, TestApp } from './support/test-app';
import { testEnv } from './support/test-env';
import { startWorkflowWorld, WorkflowWorld } from './support/workflow-world';

/**
 * The rollups against the raw rows: the dispensation register after an approval that comes after
 * the hours, and the consistency check (service and CLI) finding and mending corrupted rows. Each
 * test keeps to months of its own.
 */
describe('rollups kept equal to the raw rows', () => {
  let world: WorkflowWorld;
  let api: TestApp;
  let worker: INestApplicationContext;
  let lars: TestSession;
  let regionId: string;

  beforeAll(async () => {
    world = await startWorkflowWorld();
    ({ api, lars } = world);
    regionId = world.region.regionId;
    worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const upload = (kind: string, content: string) => uploadImport(api.app, lars, kind, content);
  const finished = (id: string) => importFinished(api.app, lars, id);
  const rollupTotal = (month: string) => hiredTotal(api.dataSource, regionId, month);

  it('counts hours booked before the dispensation was granted in the register of their month', async () => {
    const { maria } = world;
    const { order, dispensation } = await world.submittedOrder('20.00');
    const csv = [
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref',
      `2018-04;120101;LAKARE;556712-3459;8;9000;${order.reference}`,
    ].join('\n');
    const imported = await finished(
      ((await upload('purchased-hours', csv).expect(202)).body as ImportDto).id,
    );
    expect(imported).toMatchObject({ status: 'DONE', rowsWritten: 1 });
    const register = async () =>
      api.dataSource.query(
        `SELECT rule, granted, hours::text, cost_sek::text FROM dispensation_monthly
          WHERE region_id = $1 AND month = '2018-04-01' ORDER BY rule`,
        [regionId],
      );
    expect(await register()).toEqual([]);

    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
    const rows = await eventuallyValue(
      'the 2018-04 register to have rows',
      register,
      (found) => found.length > 0,
      10_000,
    );
    expect(rows).toEqual([{ rule: 'HIRING_STOP', granted: 0, hours: '8.00', cost_sek: '9000.00' }]);
    expect(await rollupDifferences(worker.get(RollupsService), regionId, ['2018-04-01'])).toEqual([]);
  });

  it('lets the consistency check find corrupted rollup and register rows', async () => {
    const rollups = worker.get(RollupsService);
    // a month of its own
    const csv =
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n2018-02;120101;LAKARE;556712-3459;5;6000;';
    const imported = await finished(
      ((await upload('purchased-hours', csv).expect(202)).body as ImportDto).id,
    );
    expect(imported).toMatchObject({ status: 'DONE', rowsWritten: 1 });
    expect(await rollupTotal('2018-02-01')).toMatchObject({ cost: '6000.00' });
    await api.dataSource.query(
      `UPDATE hired_monthly SET cost_sek = cost_sek + 1 WHERE region_id = $1 AND month = '2018-02-01'`,
      [regionId],
    );
    // a register row that no dispensation explains
    await api.dataSource.query(
      `INSERT INTO dispensation_monthly (region_id, month, rule, area_id, profession_group, granted, hours, cost_sek)
       SELECT region_id, '2018-01-01', 'HIRING_STOP', id, 'LAKARE', 1, 0, 0 FROM areas WHERE region_id = $1 LIMIT 1`,
      [regionId],
    );
    const differences = await rollupDifferences(rollups, regionId, ['2018-02-01', '2018-01-01']);
    expect(differences.map((d) => [d.table, d.side])).toEqual([
      ['hired_monthly', 'only in the rollup'],
      ['hired_monthly', 'only in the recompute'],
      ['dispensation_monthly', 'only in the rollup'],
    ]);
    // the operations CLI names the differences of the month, and rebuilds it
    const env = { ...testEnv(), DATABASE_URL: api.config.database.url };
    const region = ['--region', world.region.code, '--month', '2018-02'];
    const found = await runCli('rollups:check', env, region);
    expect(found.code).toBe(1);
    expect(found.out).toMatch(/2018-02 differ from the raw rows:\n {2}hired_monthly, only in the rollup: /);
    expect((await runCli('rollups:recompute', env, region)).code).toBe(0);
    expect(await rollupDifferences(rollups, regionId, ['2018-02-01'])).toEqual([]);
    const misuse = await runCli('rollups:check', env, ['--region', world.region.code, '--month', '2018-13']);
    expect(misuse).toMatchObject({ code: 2, out: expect.stringContaining('--month must be a month') });

    await rollups.recomputeAll(regionId);
    expect(await rollups.check({ regionId })).toEqual([]);
  });
});
