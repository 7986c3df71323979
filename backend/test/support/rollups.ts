import type { DataSource } from 'typeorm';

import { RollupDifference, RollupsService } from '../../src/modules/rollups/rollups.service';

/**
 * The rollups of some months (`YYYY-MM-01`) of one region against a recompute from the raw rows.
 * Suites share the test database, and a suite without a worker leaves the months it changed to
 * be rolled up later, so a suite compares only the months it owns.
 */
export async function rollupDifferences(
  rollups: RollupsService,
  regionId: string,
  months: readonly string[],
): Promise<RollupDifference[]> {
  const found: RollupDifference[] = [];
  for (const month of months) found.push(...(await rollups.check({ regionId, month })));
  return found;
}

/** The hired rollup's sums of a region's month, once the month has rows (undefined after 10 s). */
export async function hiredTotal(
  dataSource: DataSource,
  regionId: string,
  month: string,
): Promise<{ hours: string; cost: string; unmatched: string } | undefined> {
  for (let i = 0; i < 100; i++) {
    const [row] = await dataSource.query(
      `SELECT sum(hours)::text AS hours, sum(cost_sek)::text AS cost, sum(unmatched_cost_sek)::text AS unmatched
         FROM hired_monthly WHERE region_id = $1 AND month = $2`,
      [regionId, month],
    );
    if (row?.hours !== null) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}
