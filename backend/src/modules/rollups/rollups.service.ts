import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const HIRED_SELECT = `
  SELECT region_id, month, area_id, unit_id, care_setting, profession_group,
         COALESCE(supplier_id::text, 'unknown:' || lower(trim(supplier_text))) AS supplier_key,
         sum(hours) AS hours, sum(cost_sek) AS cost_sek,
         COALESCE(sum(hours) FILTER (WHERE order_id IS NULL), 0) AS unmatched_hours,
         COALESCE(sum(cost_sek) FILTER (WHERE order_id IS NULL), 0) AS unmatched_cost_sek,
         count(*)::int AS row_count
    FROM purchased_hours`;
const HIRED_GROUP = 'GROUP BY region_id, month, area_id, unit_id, care_setting, profession_group, 7';
const HIRED_COLUMNS =
  'region_id, month, area_id, unit_id, care_setting, profession_group, supplier_key, hours, cost_sek, unmatched_hours, unmatched_cost_sek, row_count';

const OWN_SELECT = `
  SELECT region_id, month, area_id, care_setting, profession_group,
         sum(cost_sek) AS cost_sek, sum(budget_sek) AS budget_sek, count(*)::int AS row_count
    FROM own_staff_costs`;
const OWN_GROUP = 'GROUP BY region_id, month, area_id, care_setting, profession_group';
const OWN_COLUMNS =
  'region_id, month, area_id, care_setting, profession_group, cost_sek, budget_sek, row_count';

export interface RollupDifference {
  table: 'hired_monthly' | 'own_monthly';
  side: 'only in the rollup' | 'only in the recompute';
  row: Record<string, unknown>;
}

/**
 * Monthly facts for the metrics, recomputed from the raw rows with set-based SQL, one
 * (region, month) at a time. Idempotent: running it again gives the same rows.
 */
@Injectable()
export class RollupsService {
  private readonly logger = new Logger(RollupsService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Recomputes one region's month (`YYYY-MM-01`) of both rollup tables in one transaction. */
  async recompute(regionId: string, month: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rollup:${regionId}:${month}`]);
      await m.query('DELETE FROM hired_monthly WHERE region_id = $1 AND month = $2', [regionId, month]);
      await m.query(
        `INSERT INTO hired_monthly (${HIRED_COLUMNS}) ${HIRED_SELECT} WHERE region_id = $1 AND month = $2 ${HIRED_GROUP}
         ON CONFLICT (region_id, month, unit_id, profession_group, supplier_key) DO UPDATE SET
           hours = EXCLUDED.hours, cost_sek = EXCLUDED.cost_sek, unmatched_hours = EXCLUDED.unmatched_hours,
           unmatched_cost_sek = EXCLUDED.unmatched_cost_sek, row_count = EXCLUDED.row_count`,
        [regionId, month],
      );
      await m.query('DELETE FROM own_monthly WHERE region_id = $1 AND month = $2', [regionId, month]);
      await m.query(
        `INSERT INTO own_monthly (${OWN_COLUMNS}) ${OWN_SELECT} WHERE region_id = $1 AND month = $2 ${OWN_GROUP}
         ON CONFLICT (region_id, month, area_id, care_setting, profession_group) DO UPDATE SET
           cost_sek = EXCLUDED.cost_sek, budget_sek = EXCLUDED.budget_sek, row_count = EXCLUDED.row_count`,
        [regionId, month],
      );
    });
  }

  /** Every (region, month) that has raw rows or rollup rows, optionally for one region. */
  async keys(regionId?: string): Promise<{ region_id: string; month: string }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT region_id, to_char(month, 'YYYY-MM-DD') AS month FROM (
         SELECT region_id, month FROM purchased_hours UNION SELECT region_id, month FROM own_staff_costs
         UNION SELECT region_id, month FROM hired_monthly UNION SELECT region_id, month FROM own_monthly) k
        WHERE $1::uuid IS NULL OR region_id = $1 ORDER BY 1, 2`,
      [regionId ?? null],
    );
  }

  /** The full recompute: every month of every region (or of one). */
  async recomputeAll(regionId?: string): Promise<number> {
    const keys = await this.keys(regionId);
    for (const key of keys) await this.recompute(key.region_id, key.month);
    this.logger.log(`recomputed ${keys.length} region-months`);
    return keys.length;
  }

  /** Compares the rollup tables with a recompute from the raw rows; every difference is listed. */
  async check(limit = 100): Promise<RollupDifference[]> {
    const compare = async (
      table: 'hired_monthly' | 'own_monthly',
      columns: string,
      select: string,
      group: string,
    ) => {
      const onlyRollup = await this.dataSource.query(
        `SELECT ${columns} FROM ${table} EXCEPT (${select} ${group}) LIMIT $1`,
        [limit],
      );
      const onlyRecompute = await this.dataSource.query(
        `(${select} ${group}) EXCEPT SELECT ${columns} FROM ${table} LIMIT $1`,
        [limit],
      );
      return [
        ...onlyRollup.map((row: Record<string, unknown>) => ({
          table,
          side: 'only in the rollup' as const,
          row,
        })),
        ...onlyRecompute.map((row: Record<string, unknown>) => ({
          table,
          side: 'only in the recompute' as const,
          row,
        })),
      ];
    };
    return [
      ...(await compare('hired_monthly', HIRED_COLUMNS, HIRED_SELECT, HIRED_GROUP)),
      ...(await compare('own_monthly', OWN_COLUMNS, OWN_SELECT, OWN_GROUP)),
    ];
  }
}
