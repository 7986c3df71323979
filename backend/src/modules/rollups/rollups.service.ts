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

/** The profession group of an order's profession (the register's reporting dimension). */
const GROUP_OF_PROFESSION = `CASE o.profession WHEN 'LAKARE' THEN 'LAKARE' ELSE 'SSK_BM' END`;

/**
 * The dispensation register of one month: each granted dispensation counted in the month of
 * its final approval (Swedish time), and the hours and cost booked that month under granted
 * dispensations, by rule type (a dispensation with two rules counts under both), area and
 * profession group.
 */
const REGISTER_INSERT = `
  INSERT INTO dispensation_monthly (region_id, month, rule, area_id, profession_group, granted, hours, cost_sek)
  SELECT $1, $2::date, x.rule, x.area_id, x.profession_group, sum(x.granted)::int, sum(x.hours), sum(x.cost)
    FROM (
      SELECT r.rule, d.area_id, ${GROUP_OF_PROFESSION} AS profession_group, 1 AS granted, 0 AS hours, 0 AS cost
        FROM dispensations d
        JOIN orders o ON o.id = d.order_id
        CROSS JOIN LATERAL (SELECT DISTINCT e ->> 'rule' AS rule FROM jsonb_array_elements(d.rules) e) r
       WHERE d.region_id = $1 AND d.status IN ('APPROVED', 'EXPIRED', 'REVOKED')
         AND date_trunc('month', (SELECT max(x.decided_at) FROM dispensation_decisions x
                                   WHERE x.dispensation_id = d.id AND x.outcome = 'APPROVED') AT TIME ZONE 'Europe/Stockholm') = $2::date
      UNION ALL
      SELECT r.rule, p.area_id, p.profession_group, 0, p.hours, p.cost_sek
        FROM purchased_hours p
        JOIN dispensations d ON d.order_id = p.order_id AND d.status IN ('APPROVED', 'EXPIRED', 'REVOKED')
        CROSS JOIN LATERAL (SELECT DISTINCT e ->> 'rule' AS rule FROM jsonb_array_elements(d.rules) e) r
       WHERE p.region_id = $1 AND p.month = $2::date
    ) x
   GROUP BY x.rule, x.area_id, x.profession_group`;

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
      await m.query('DELETE FROM dispensation_monthly WHERE region_id = $1 AND month = $2', [
        regionId,
        month,
      ]);
      await m.query(REGISTER_INSERT, [regionId, month]);
    });
  }

  /** Every (region, month) that has raw rows or rollup rows, optionally for one region. */
  async keys(regionId?: string): Promise<{ region_id: string; month: string }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT region_id, to_char(month, 'YYYY-MM-DD') AS month FROM (
         SELECT region_id, month FROM purchased_hours UNION SELECT region_id, month FROM own_staff_costs
         UNION SELECT region_id, month FROM hired_monthly UNION SELECT region_id, month FROM own_monthly
         UNION SELECT region_id, month FROM dispensation_monthly) k
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
