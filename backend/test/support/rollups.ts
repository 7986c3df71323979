import type { DataSource } from 'typeorm';

import { RollupDifference, RollupsService } from '../../src/modules/rollups/rollups.service';
import { eventuallyValue } from './eventually';

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

/** The sums of a month's hired rollup. */
export interface HiredTotal {
  hours: string;
  cost: string;
  unmatched: string;
}

/** The hired rollup's sums of a region's month, once the month has rows (fails after 10 s). */
export function hiredTotal(dataSource: DataSource, regionId: string, month: string): Promise<HiredTotal> {
  return eventuallyValue(
    `the hired rollup of ${month} to have rows`,
    async () =>
      (
        await dataSource.query<{ hours: string | null; cost: string | null; unmatched: string | null }[]>(
          `SELECT sum(hours)::text AS hours, sum(cost_sek)::text AS cost, sum(unmatched_cost_sek)::text AS unmatched
             FROM hired_monthly WHERE region_id = $1 AND month = $2`,
          [regionId, month],
        )
      )[0],
    (row): row is HiredTotal => row !== undefined && row.hours !== null,
    10_000,
  );
}
