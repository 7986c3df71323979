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
