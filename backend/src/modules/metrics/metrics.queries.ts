import type { MetricFilters, MetricGrouping, RatioLevel } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { Reach, reachCondition } from '../../common/auth/access';
import {
  APPROVAL_MONTH,
  GRANTED,
  GROUP_OF_PROFESSION,
  registerSelect,
  supplierKeyOf,
} from '../../database/rollup-sql';
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
 * rows) unless the answer is by or filtered on a unit or supplier, or the user reaches single units.
 */
function hiredTable(
  groupBy: MetricGrouping,
  reach: Reach | null,
  filters: MetricFilters,
): 'hired_monthly' | 'hired_area_monthly' {
  const byUnits =
    groupBy === 'unit' ||
    groupBy === 'supplier' ||
    filters.unit !== undefined ||
    filters.supplier !== undefined ||
    (reach && !reach.region && reach.unitIds.length > 0);
  return byUnits ? 'hired_monthly' : 'hired_area_monthly';
}

/** The columns of a rollup the filters compare with (the unit and supplier only in `hired_monthly`). */
const FILTER_COLUMNS: Record<keyof MetricFilters, string> = {
  area: 'area_id',
  unit: 'unit_id',
  careSetting: 'care_setting',
  professionGroup: 'profession_group',
  supplier: 'supplier_key',
};

/** The filters as conditions on the rollup aliased `alias`, all of which must hold ('' without any). */
export function filterConditions(filters: MetricFilters, alias: string, params: SqlParams): string {
  return (Object.keys(FILTER_COLUMNS) as (keyof MetricFilters)[])
    .filter((name) => filters[name] !== undefined)
    .map((name) => ` AND ${alias}.${FILTER_COLUMNS[name]} = ${params.add(filters[name])}`)
    .join('');
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
    filters: MetricFilters;
    from: string;
    to: string;
  },
): Promise<MonthValueRow[]> {
  const params = new SqlParams();
  const where = `h.region_id = ${params.add(query.regionId)} AND h.month BETWEEN ${params.add(query.from)}::date AND ${params.add(query.to)}::date`;
  const scope = hiredScope(query.reach, params) + filterConditions(query.filters, 'h', params);
  const g = HIRED_GROUPS[query.groupBy];
  return m.query<MonthValueRow[]>(
    `SELECT to_char(h.month, 'YYYY-MM') AS month, ${g.key} AS key, min(${g.label}) AS label, sum(h.${query.measure === 'cost' ? 'cost_sek' : 'hours'})::text AS value
         FROM ${hiredTable(query.groupBy, query.reach, query.filters)} h ${g.join}
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
  query: {
    regionId: string;
    reach: Reach;
    level: RatioLevel;
    filters: Pick<MetricFilters, 'area' | 'careSetting' | 'professionGroup'>;
    from: string;
    to: string;
  },
): Promise<MonthValueRow[]> {
  const table = side === 'hired' ? 'hired_area_monthly' : 'own_monthly';
  const params = new SqlParams();
  const where = `x.region_id = ${params.add(query.regionId)} AND x.month BETWEEN ${params.add(query.from)}::date AND ${params.add(query.to)}::date`;
  const areaFilter =
    (query.reach.region ? '' : `AND x.area_id = ANY(${params.add(query.reach.areaIds)})`) +
    filterConditions(query.filters, 'x', params);
  const g = RATIO_GROUPS[query.level];
  return m.query<MonthValueRow[]>(
    `SELECT to_char(x.month, 'YYYY-MM') AS month, ${g.key} AS key, ${g.label} AS label, sum(x.cost_sek)::text AS value
           FROM ${table} x ${g.join}
          WHERE ${where} ${areaFilter}
          GROUP BY 1, 2, 3`,
    params.values,
  );
}

/**
 * The months (`YYYY-MM`) of `from` to `to` (`YYYY-MM-01`) for which the region has data in the
 * hired or the own-staff rollup at all: the months imported, whatever the user's scope or filters.
 */
export async function monthsWithData(
  m: Runner,
  side: 'hired' | 'own',
  query: { regionId: string; from: string; to: string },
): Promise<Set<string>> {
  const table = side === 'hired' ? 'hired_area_monthly' : 'own_monthly';
  const rows = await m.query<{ month: string }[]>(
    `SELECT DISTINCT to_char(x.month, 'YYYY-MM') AS month FROM ${table} x
      WHERE x.region_id = $1 AND x.month BETWEEN $2::date AND $3::date`,
    [query.regionId, query.from, query.to],
  );
  return new Set(rows.map((r) => r.month));
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
 * The filters as conditions on a dispensation `d` of an order `o`: its area, unit, the unit's care
 * setting, the order's profession group, and the supplier awarded the order ('' without any).
 */
function dispensationConditions(filters: MetricFilters, params: SqlParams): string {
  const conditions: Record<keyof MetricFilters, (p: string) => string> = {
    area: (p) => `d.area_id = ${p}`,
    unit: (p) => `d.unit_id = ${p}`,
    careSetting: (p) => `(SELECT u2.care_setting FROM units u2 WHERE u2.id = d.unit_id) = ${p}`,
    professionGroup: (p) => `${GROUP_OF_PROFESSION} = ${p}`,
    supplier: (p) =>
      `EXISTS (SELECT 1 FROM bids b WHERE b.order_id = o.id AND b.status IN ('AWARDED', 'CONFIRMED') AND b.supplier_id::text = ${p})`,
  };
  return (Object.keys(conditions) as (keyof MetricFilters)[])
    .filter((name) => filters[name] !== undefined)
    .map((name) => ` AND ${conditions[name](params.add(filters[name]))}`)
    .join('');
}

/**
 * The dispensation register's rows of a region's months `from` to `to` (`YYYY-MM-01`): all of
 * the region, or only the reach's areas. By area and profession group from its rollup; with a
 * unit, care setting or supplier (dimensions the rollup does not keep), by the rollup's own
 * aggregation of the granted dispensations and the hours booked under them, narrowed to those.
 */
export async function registerRows(
  m: Runner,
  query: { regionId: string; reach: Reach; filters: MetricFilters; from: string; to: string },
): Promise<RegisterRow[]> {
  const { filters } = query;
  const params = new SqlParams();
  const region = params.add(query.regionId);
  const from = params.add(query.from);
  const to = params.add(query.to);
  const beyondRollup = ['unit', 'careSetting', 'supplier'].some(
    (name) => filters[name as keyof MetricFilters] !== undefined,
  );
  let source = 'dispensation_monthly';
  if (beyondRollup) {
    const narrow: MetricFilters = {
      unit: filters.unit,
      careSetting: filters.careSetting,
      supplier: filters.supplier,
    };
    const approvals = `d.region_id = ${region} AND ${APPROVAL_MONTH} BETWEEN ${from}::date AND ${to}::date${dispensationConditions(narrow, params)}`;
    const rows = `p.region_id = ${region} AND p.month BETWEEN ${from}::date AND ${to}::date${filterConditions(
      { unit: filters.unit, careSetting: filters.careSetting },
      'p',
      params,
    )}${filters.supplier === undefined ? '' : ` AND ${supplierKeyOf('p')} = ${params.add(filters.supplier)}`}`;
    source = `(${registerSelect({ rows: () => rows, approvals })})`;
  }
  const where = `r.region_id = ${region} AND r.month BETWEEN ${from}::date AND ${to}::date`;
  const areaFilter =
    (query.reach.region ? '' : `AND r.area_id = ANY(${params.add(query.reach.areaIds)})`) +
    filterConditions({ area: filters.area, professionGroup: filters.professionGroup }, 'r', params);
  return m.query<RegisterRow[]>(
    `SELECT to_char(r.month, 'YYYY-MM') AS month, r.rule, r.area_id, a.name AS area_name, r.profession_group, r.granted,
              round(r.hours, 2)::text AS hours, round(r.cost_sek, 2)::text AS cost_sek
         FROM ${source} r JOIN areas a ON a.id = r.area_id
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

export interface InUseRow {
  id: string;
  order_id: string;
  reference: string;
  unit_id: string;
  unit_name: string;
  profession: string;
  status: string;
  valid_from: string | null;
  valid_to: string | null;
  hours_cap: string | null;
  cost_cap: string | null;
  hours_used: string;
  cost_used: string;
}

/**
 * The granted dispensations (approved, and those that have expired or were revoked since) of the
 * rows the reach covers whose validity meets `from` up to before `to` (`YYYY-MM-DD`) and that the filters
 * name, with what was used of them.
 */
export async function dispensationsInUse(
  m: Runner,
  query: { regionId: string; reach: Reach; filters: MetricFilters; from: string; to: string },
): Promise<InUseRow[]> {
  const params = new SqlParams();
  const region = params.add(query.regionId);
  const from = params.add(query.from);
  const to = params.add(query.to);
  const condition = reachCondition(query.reach, 'd', (value) => params.add(value));
  return m.query<InUseRow[]>(
    `SELECT d.id, d.order_id, o.reference, d.unit_id, u.name AS unit_name, o.profession, d.status,
            to_char(d.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(d.valid_to, 'YYYY-MM-DD') AS valid_to,
            d.hours_cap::text AS hours_cap, d.cost_cap::text AS cost_cap,
            d.hours_used::text AS hours_used, d.cost_used::text AS cost_used
       FROM dispensations d JOIN orders o ON o.id = d.order_id JOIN units u ON u.id = d.unit_id
      WHERE d.region_id = ${region} AND d.status IN ${GRANTED}
        AND COALESCE(d.valid_from, o.period_start) < ${to}::date
        AND COALESCE(d.valid_to, o.period_end) >= ${from}::date
        ${condition ? `AND ${condition}` : ''}${dispensationConditions(query.filters, params)}
      ORDER BY COALESCE(d.valid_from, o.period_start) DESC, o.reference
      LIMIT 500`,
    params.values,
  );
}

/** The area a unit of the region belongs to, if the unit exists. */
export async function areaOfUnit(m: Runner, regionId: string, unitId: string): Promise<string | undefined> {
  const [row] = await m.query<{ area_id: string }[]>(
    'SELECT area_id FROM units WHERE region_id = $1 AND id = $2',
    [regionId, unitId],
  );
  return row?.area_id;
}

const VERSION = prepared('SELECT version FROM metrics_versions WHERE region_id = $1');

/** The region's metrics version (bigint, as text), if it has one. */
export async function metricsVersion(m: EntityManager, regionId: string): Promise<string | undefined> {
  const [row] = await select<{ version: string }>(m, VERSION, [regionId]);
  return row?.version;
}
