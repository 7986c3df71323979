import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { setStatementTimeout } from '../../database/sql';
import {
  aggregateBySorting,
  allMonths,
  differences,
  EVERYTHING,
  lockMonth,
  lockRegions,
  markMonthRolledUp,
  markScopeRolledUp,
  oneMonth,
  rebuild,
  regionMonths,
  RollupDifference,
} from './rollups.queries';

export type { RollupDifference } from './rollups.queries';

/**
 * Monthly facts for the metrics, recomputed from the raw rows with set-based SQL
 * (rollups.queries.ts): one (region, month) after each change, or every month of a region or of
 * all at once for the full recompute. Idempotent: running it again gives the same rows. Each
 * recompute raises the metrics version of its regions in its transaction, which is what lets the
 * API cache answers.
 */
@Injectable()
export class RollupsService {
  private readonly logger = new Logger(RollupsService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Recomputes one region's month (`YYYY-MM-01`) of every rollup table in one transaction. */
  async recompute(regionId: string, month: string, statementTimeoutMs?: number): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      // the rollup job's bulk statements get the import timeout (rollups.processor.ts)
      if (statementTimeoutMs) await setStatementTimeout(m, statementTimeoutMs);
      await lockMonth(m, regionId, month);
      await markMonthRolledUp(m, regionId, month);
      await rebuild(m, oneMonth(regionId, month));
    });
  }

  /**
   * The full recompute of every month of one region or of all. All regions are recomputed in one
   * transaction with one statement per rollup table over all of them, as the raw aggregation
   * runs: regions cannot be added meanwhile, and every region's lock is held until the commit,
   * so a region's per-month jobs wait for the whole recompute rather than for their region's
   * part (docs/performance.md, issue 17). Returns the number of region-months.
   */
  async recomputeAll(regionId?: string): Promise<number> {
    const started = Date.now();
    const { regions, months } = await this.dataSource.transaction(async (m) => {
      const ids = await lockRegions(m, regionId);
      // one region's thousands of groups spill a hash aggregation; all regions' do not
      if (regionId) await aggregateBySorting(m);
      const scope = regionId ? allMonths(regionId) : EVERYTHING;
      await rebuild(m, scope);
      await markScopeRolledUp(m, scope);
      return { regions: ids.length, months: await regionMonths(m, scope) };
    });
    this.logger.log(`recomputed ${months} region-months of ${regions} regions in ${Date.now() - started} ms`);
    return months;
  }

  /**
   * Compares the rollup tables with a recompute from the raw rows and lists every difference
   * (at most `limit` a table and side): of every region, of one, or of one region's month.
   */
  async check(
    options: { regionId?: string; month?: string; limit?: number } = {},
  ): Promise<RollupDifference[]> {
    const { regionId, month, limit = 100 } = options;
    const scope = !regionId ? EVERYTHING : month ? oneMonth(regionId, month) : allMonths(regionId);
    return differences(this.dataSource, scope, limit);
  }
}
