import type { MetricGrouping, RatioLevel } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { Reach, reachCondition } from '../../common/auth/access';
import { prepared, select, SqlParams } from '../../database/sql';

/**
 * The metrics' SQL (decision 018): reads of the rollup tables only, never the raw rows.
 * MetricsService decides the periods, the reach and what is computed from the rows.
 */

/** What the statements run on: the data source, or a transaction's manager. */
type Runner = Pick<EntityManager, 'query'>;

/** How a grouping is read from the hired rollup `h` (key, label, join). */
const HIRED_GROUPS: Record<MetricGrouping, { key: string; label: string; join: string }> = {
  none: { key: `'all'`, label: `'all'`, join: '' },
  area: { key: 'h.area_id::text', label: 'a.name', join: 'JOIN areas a ON a.id = h.area_id' },
  unit: { key: 'h.unit_id::text', label: 'u.name', join: 'JOIN units u ON u.id = h.unit_id' },
  'care-setting': { key: 'h.care_setting', label: 'h.care_setting', join: '' },
  'profession-group': { key: 'h.profession_group', label: 'h.profession_group', join: '' },
  supplier: {
    key: 'h.supplier_key',
    label: `COALESCE(s.name, h.supplier_name, substr(h.supplier_key, 9))`,
    join: 'LEFT JOIN suppliers s ON s.id::text = h.supplier_key',
  },
};

/** How a level of the SKR measure is read from either rollup, aliased `x` (key, label, join). */
const RATIO_GROUPS: Record<RatioLevel, { key: string; label: string; join: string }> = {
  region: { key: `'all'`, label: `'all'`, join: '' },
  area: { key: 'x.area_id::text', label: 'a.name', join: 'JOIN areas a ON a.id = x.area_id' },
  'care-setting': { key: 'x.care_setting', label: 'x.care_setting', join: '' },
  'profession-group': { key: 'x.profession_group', label: 'x.profession_group', join: '' },
};

/** A sum of one month (`YYYY-MM`) and group, as exact decimal text. */
export interface MonthValueRow {
  month: string;
  key: string;
  label: string;
  value: string;
}

/**
 * The hired rollup to read: `hired_area_monthly` (summed over units and suppliers, far fewer
 * rows) unless the answer is by unit or supplier, or the user reaches single units.
 */
function hiredTable(groupBy: MetricGrouping, reach: Reach | null): 'hired_monthly' | 'hired_area_monthly' {
  const byUnits =
    groupBy === 'unit' || groupBy === 'supplier' || (reach && !reach.region && reach.unitIds.length > 0);
  return byUnits ? 'hired_monthly' : 'hired_area_monthly';
}

/** The hired rows a user may see (the region, or their areas and units): none without a reach. */
function hiredScope(reach: Reach | null, params: SqlParams): string {
  if (!reach) return 'AND false';
  const condition = reachCondition(reach, 'h', (value) => params.add(value));
  return condition ? `AND ${condition}` : '';
}

/**
 * Hired cost (SEK) or hours per month and group of a region's months `from` to `to`
 * (`YYYY-MM-01`), of the rows the reach covers.
 */
export async function hiredByMonth(
  m: Runner,
  query: {
    regionId: string;
    reach: Reach | null;
    measure: 'cost' | 'hours';
    groupBy: MetricGrouping;
    from: string;
    to: string;
  },
): Promise<MonthValueRow[]> {
  const params = new SqlParams();
  const where = `h.region_id = ${params.add(query.regionId)} AND h.month BETWEEN ${params.add(query.from)}::date AND ${params.add(query.to)}::date`;
  const scope = hiredScope(query.reach, params);
  const g = HIRED_GROUPS[query.groupBy];
  return m.query<MonthValueRow[]>(
    `SELECT to_char(h.month, 'YYYY-MM') AS month, ${g.key} AS key, min(${g.label}) AS label, sum(h.${query.measure === 'cost' ? 'cost_sek' : 'hours'})::text AS value
         FROM ${hiredTable(query.groupBy, query.reach)} h ${g.join}
        WHERE ${where} ${scope}
        GROUP BY 1, 2`,
    params.values,
  );
}

/**
 * The hired or the own-staff cost per month and group at a level of the SKR measure, of a
 * region's months `from` to `to` (`YYYY-MM-01`): all of the region, or only the reach's areas.
 */
export async function costByMonth(
  m: Runner,
  side: 'hired' | 'own',
  query: { regionId: string; reach: Reach; level: RatioLevel; from: string; to: string },
): Promise<MonthValueRow[]> {
  const table = side === 'hired' ? 'hired_area_monthly' : 'own_monthly';
  const params = new SqlParams();
  const where = `x.region_id = ${params.add(query.regionId)} AND x.month BETWEEN ${params.add(query.from)}::date AND ${params.add(query.to)}::date`;
  const areaFilter = query.reach.region ? '' : `AND x.area_id = ANY(${params.add(query.reach.areaIds)})`;
  const g = RATIO_GROUPS[query.level];
  return m.query<MonthValueRow[]>(
    `SELECT to_char(x.month, 'YYYY-MM') AS month, ${g.key} AS key, ${g.label} AS label, sum(x.cost_sek)::text AS value
           FROM ${table} x ${g.join}
          WHERE ${where} ${areaFilter}
          GROUP BY 1, 2, 3`,
    params.values,
  );
}

export interface RegisterRow {
  month: string;
  rule: string;
  area_id: string;
  area_name: string;
  profession_group: string;
  granted: number;
  hours: string;
  cost_sek: string;
}

/**
 * The dispensation register's rows of a region's months `from` to `to` (`YYYY-MM-01`): all of
 * the region, or only the reach's areas.
 */
export async function registerRows(
  m: Runner,
  query: { regionId: string; reach: Reach; from: string; to: string },
): Promise<RegisterRow[]> {
  const params = new SqlParams();
  const where = `r.region_id = ${params.add(query.regionId)} AND r.month BETWEEN ${params.add(query.from)}::date AND ${params.add(query.to)}::date`;
  const areaFilter = query.reach.region ? '' : `AND r.area_id = ANY(${params.add(query.reach.areaIds)})`;
  return m.query<RegisterRow[]>(
    `SELECT to_char(r.month, 'YYYY-MM') AS month, r.rule, r.area_id, a.name AS area_name, r.profession_group, r.granted,
              r.hours::text AS hours, r.cost_sek::text AS cost_sek
         FROM dispensation_monthly r JOIN areas a ON a.id = r.area_id
        WHERE ${where} ${areaFilter}
        ORDER BY r.month, r.rule, a.name, r.profession_group`,
    params.values,
  );
}

/** Every region's hired share (percent, decimal text) per month, as region `regionId` imported it. */
export async function nationalShares(
  m: Runner,
  regionId: string,
  from: string,
  to: string,
): Promise<{ code: string; month: string; share: string }[]> {
  return m.query<{ code: string; month: string; share: string }[]>(
    `SELECT region_code AS code, to_char(month, 'YYYY-MM') AS month, hired_share_percent::text AS share
         FROM national_comparison WHERE region_id = $1 AND month BETWEEN $2::date AND $3::date
        ORDER BY region_code, month`,
    [regionId, from, to],
  );
}

const VERSION = prepared('SELECT version FROM metrics_versions WHERE region_id = $1');

/** The region's metrics version (bigint, as text), if it has one. */
export async function metricsVersion(m: EntityManager, regionId: string): Promise<string | undefined> {
  const [row] = await select<{ version: string }>(m, VERSION, [regionId]);
  return row?.version;
}
