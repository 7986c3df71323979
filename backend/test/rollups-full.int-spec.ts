// Needs the demo history (seed:demo), loaded into a throwaway database of its own: it keeps the demo.
import { DataSource } from 'typeorm';

import { AppConfig } from '../src/config/app-config';
import { typeormOptions } from '../src/database/typeorm-options';
import { RollupsService } from '../src/modules/rollups/rollups.service';
import { cli, runCli } from './support/cli';
import { createThrowawayDatabase, databaseEnv, dropDatabase } from './support/databases';
import { eventually } from './support/eventually';
import { testEnv } from './support/test-env';

/**
 * The full recompute of every region: one transaction with one statement per rollup table over
 * all regions. It mends every region's rows, raises every region's metrics version, and no region
 * can be added while it runs. In a database of its own: it rewrites every region's rollups.
 */
describe('the full recompute of every region', () => {
  let url: string;
  let env: Record<string, string | undefined>;
  let dataSource: DataSource;
  let demoRegion: string;
  let otherRegion: string;

  beforeAll(async () => {
    url = await createThrowawayDatabase('hyrkoll_it_recompute');
    env = { ...testEnv(), ...databaseEnv(url), LOG_LEVEL: 'silent' };
    await cli('migrate', env);
    await cli('seed:demo', env);
    dataSource = await new DataSource(
      typeormOptions(AppConfig.fromEnv(env), 'hyrkoll-it-recompute'),
    ).initialize();
    [{ id: demoRegion }] = await dataSource.query(`SELECT id FROM regions WHERE code = '24'`);
    [{ id: otherRegion }] = await dataSource.query(
      `INSERT INTO regions (code, name) VALUES ('25', 'Region Norrbotten (test)') RETURNING id`,
    );
  }, 60_000);

  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(url);
  });

  const versions = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      (
        await dataSource.query<{ region_id: string; version: string }[]>(
          'SELECT region_id, version FROM metrics_versions',
        )
      ).map((r) => [r.region_id, Number(r.version)]),
    );

  it('mends the rollups of every region and raises every metrics version', async () => {
    const rollups = new RollupsService(dataSource);
    expect(await rollups.check()).toEqual([]);
    await dataSource.query(
      `UPDATE hired_monthly SET cost_sek = cost_sek + 1
        WHERE ctid = (SELECT ctid FROM hired_monthly WHERE region_id = $1 ORDER BY month LIMIT 1)`,
      [demoRegion],
    );
    await dataSource.query(
      `INSERT INTO own_monthly (region_id, month, area_id, care_setting, profession_group, cost_sek, budget_sek, row_count)
       SELECT $1, '2019-01-01', id, 'SLUTENVARD', 'LAKARE', 1, 1, 1 FROM areas WHERE region_id = $2 LIMIT 1`,
      [otherRegion, demoRegion],
    );
    expect((await rollups.check()).map((d) => [d.table, d.side])).toEqual([
      ['hired_monthly', 'only in the rollup'],
      ['hired_monthly', 'only in the recompute'],
      ['own_monthly', 'only in the rollup'],
    ]);
    const before = await versions();

    const done = await runCli('rollups:recompute', env);
    expect(done.code).toBe(0);
    const [{ months }] = await dataSource.query<{ months: number }[]>(
      `SELECT count(*)::int AS months FROM (SELECT region_id, month FROM hired_monthly
         UNION SELECT region_id, month FROM own_monthly UNION SELECT region_id, month FROM dispensation_monthly) k`,
    );
    expect(months).toBeGreaterThan(12);
    expect(done.out).toContain(`${months} region-months recomputed (every region)`);
    expect(await rollups.check()).toEqual([]);
    const after = await versions();
    expect(after[demoRegion]).toBe((before[demoRegion] ?? 0) + 1);
    expect(after[otherRegion]).toBe((before[otherRegion] ?? 0) + 1);
  });

  it('holds every region lock and keeps regions from being added until it commits', async () => {
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    // a month's rollup of the other region is running: the full recompute waits for it
    await holder.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [`rollup:${otherRegion}`]);
    const recompute = new RollupsService(dataSource).recomputeAll();
    try {
      await eventually('the recompute to wait for the region lock', async () => {
        const [{ waiting }] = await dataSource.query<{ waiting: number }[]>(
          `SELECT count(*)::int AS waiting FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        return waiting === 1;
      });
      const adding = dataSource.transaction(async (m) => {
        await m.query(`SET LOCAL lock_timeout = '200ms'`);
        await m.query(`INSERT INTO regions (code, name) VALUES ('23', 'Region Jämtland Härjedalen (test)')`);
      });
      await expect(adding).rejects.toMatchObject({ driverError: { code: '55P03' } });
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    expect(await recompute).toBeGreaterThan(12);
    await dataSource.query(
      `INSERT INTO regions (code, name) VALUES ('23', 'Region Jämtland Härjedalen (test)')`,
    );
  });
});
