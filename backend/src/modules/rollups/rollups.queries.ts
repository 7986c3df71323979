import type { EntityManager } from 'typeorm';

import { APPROVAL_MONTH, registerSelect, supplierKeyOf } from '../../database/rollup-sql';

/**
 * The rollups' SQL (decision 018): the scopes a recompute covers, the aggregations, the locks and
 * the consistency check's comparison. RollupsService decides what runs, in which transaction.
 */

/** What the statements run on: a transaction's manager, or the data source for a read. */
type Runner = Pick<EntityManager, 'query'>;

/**
 * The rows a recompute covers: one region, and either one month (`$2`, after an import or a
 * decision) or all of its months (`$1` the region); or every region and month.
 */
export interface Scope {
  /** Condition on a table with `region_id` and `month`, aliased as given. */
  rows(alias?: string): string;
  /** Condition on a dispensation `d` and its final approval `a` (the register's month). */
  approvals: string;
  /** The regions covered, as an SQL array of uuids (for their metrics versions). */
  regions: string;
  params: unknown[];
}

const column = (alias: string | undefined, name: string) => (alias ? `${alias}.${name}` : name);

export const oneMonth = (regionId: string, month: string): Scope => ({
  rows: (alias) => `${column(alias, 'region_id')} = $1 AND ${column(alias, 'month')} = $2::date`,
  approvals: `d.region_id = $1 AND ${APPROVAL_MONTH} = $2::date`,
  regions: 'ARRAY[$1::uuid]',
  params: [regionId, month],
});

export const allMonths = (regionId: string): Scope => ({
  rows: (alias) => `${column(alias, 'region_id')} = $1`,
  approvals: 'd.region_id = $1',
  regions: 'ARRAY[$1::uuid]',
  params: [regionId],
});

/** Every region and month: what the consistency check compares unless told otherwise. */
export const EVERYTHING: Scope = {
  rows: () => 'true',
  approvals: 'true',
  regions: '(SELECT array_agg(id) FROM regions)',
  params: [],
};

const HIRED_SELECT = `
  SELECT region_id, month, area_id, unit_id, care_setting, profession_group,
         ${supplierKeyOf()} AS supplier_key,
         min(trim(supplier_text)) FILTER (WHERE supplier_id IS NULL) AS supplier_name,
         sum(hours) AS hours, sum(cost_sek) AS cost_sek,
         COALESCE(sum(hours) FILTER (WHERE order_id IS NULL), 0) AS unmatched_hours,
         COALESCE(sum(cost_sek) FILTER (WHERE order_id IS NULL), 0) AS unmatched_cost_sek,
         count(*)::int AS row_count
    FROM purchased_hours`;
const HIRED_GROUP = 'GROUP BY region_id, month, area_id, unit_id, care_setting, profession_group, 7';
const HIRED_COLUMNS =
  'region_id, month, area_id, unit_id, care_setting, profession_group, supplier_key, supplier_name, hours, cost_sek, unmatched_hours, unmatched_cost_sek, row_count';

/**
 * The hired rollup summed over units and suppliers: what most metrics read. Rebuilt from
 * `hired_monthly` (fewer rows); checked against the raw rows.
 */
const HIRED_AREA_FROM_HIRED = `
  SELECT region_id, month, area_id, care_setting, profession_group,
         sum(hours), sum(cost_sek), sum(unmatched_hours), sum(unmatched_cost_sek), sum(row_count)::int
    FROM hired_monthly`;
const HIRED_AREA_SELECT = `
  SELECT region_id, month, area_id, care_setting, profession_group,
         sum(hours) AS hours, sum(cost_sek) AS cost_sek,
         COALESCE(sum(hours) FILTER (WHERE order_id IS NULL), 0) AS unmatched_hours,
         COALESCE(sum(cost_sek) FILTER (WHERE order_id IS NULL), 0) AS unmatched_cost_sek,
         count(*)::int AS row_count
    FROM purchased_hours`;
const HIRED_AREA_GROUP = 'GROUP BY region_id, month, area_id, care_setting, profession_group';
const HIRED_AREA_COLUMNS =
  'region_id, month, area_id, care_setting, profession_group, hours, cost_sek, unmatched_hours, unmatched_cost_sek, row_count';

const OWN_SELECT = `
  SELECT region_id, month, area_id, care_setting, profession_group,
         sum(cost_sek) AS cost_sek, sum(budget_sek) AS budget_sek, count(*)::int AS row_count
    FROM own_staff_costs`;
const OWN_GROUP = 'GROUP BY region_id, month, area_id, care_setting, profession_group';
const OWN_COLUMNS =
  'region_id, month, area_id, care_setting, profession_group, cost_sek, budget_sek, row_count';

const REGISTER_COLUMNS = 'region_id, month, rule, area_id, profession_group, granted, hours, cost_sek';

export interface RollupDifference {
  table: 'hired_monthly' | 'hired_area_monthly' | 'own_monthly' | 'dispensation_monthly';
  side: 'only in the rollup' | 'only in the recompute';
  row: Record<string, unknown>;
}

/** A month's recompute: its region's lock shared (a full recompute holds it exclusively), the month's exclusively. */
export async function lockMonth(m: Runner, regionId: string, month: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [`rollup:${regionId}`]);
  await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rollup:${regionId}:${month}`]);
}

/**
 * A full recompute's locks: with no region, the regions table in SHARE mode first (it blocks only
 * writes to it; no foreign-key check waits for it), then each region's lock exclusively, in the
 * order of their codes. Returns the ids of the regions locked.
 */
export async function lockRegions(m: Runner, regionId?: string): Promise<string[]> {
  if (!regionId) await m.query('LOCK TABLE regions IN SHARE MODE');
  const rows = await m.query<{ id: string }[]>(
    'SELECT id FROM regions WHERE $1::uuid IS NULL OR id = $1 ORDER BY code',
    [regionId ?? null],
  );
  for (const { id } of rows) await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rollup:${id}`]);
  return rows.map((r) => r.id);
}

/**
 * Aggregate by sorting for the rest of the transaction: for a region's thousands of groups the
 * planner takes the hash table of numeric sums to fit in work_mem when it does not, and the
 * spilled hash aggregation costs 2-3 times the sorted one (docs/performance.md, change 17).
 */
export async function aggregateBySorting(m: Runner): Promise<void> {
  await m.query('SET LOCAL enable_hashagg = off');
}

/** Replaces the rollup rows of a scope with a fresh aggregation of the raw rows. */
export async function rebuild(m: Runner, scope: Scope): Promise<void> {
  const { params } = scope;
  await m.query(`DELETE FROM hired_monthly WHERE ${scope.rows()}`, params);
  await m.query(
    `INSERT INTO hired_monthly (${HIRED_COLUMNS}) ${HIRED_SELECT} WHERE ${scope.rows()} ${HIRED_GROUP}`,
    params,
  );
  await m.query(`DELETE FROM hired_area_monthly WHERE ${scope.rows()}`, params);
  await m.query(
    `INSERT INTO hired_area_monthly (${HIRED_AREA_COLUMNS}) ${HIRED_AREA_FROM_HIRED} WHERE ${scope.rows()} ${HIRED_AREA_GROUP}`,
    params,
  );
  await m.query(`DELETE FROM own_monthly WHERE ${scope.rows()}`, params);
  await m.query(
    `INSERT INTO own_monthly (${OWN_COLUMNS}) ${OWN_SELECT} WHERE ${scope.rows()} ${OWN_GROUP}`,
    params,
  );
  await m.query(`DELETE FROM dispensation_monthly WHERE ${scope.rows()}`, params);
  await m.query(`INSERT INTO dispensation_monthly (${REGISTER_COLUMNS}) ${registerSelect(scope)}`, params);
  // Last, so that the row lock on the region's counter is held only until the commit.
  await m.query(
    `INSERT INTO metrics_versions (region_id) SELECT unnest(${scope.regions})
     ON CONFLICT (region_id) DO UPDATE SET version = metrics_versions.version + 1`,
    params.slice(0, 1),
  );
}

/** The (region, month) pairs of a scope that have rollup rows. */
function regionMonthsOf(scope: Scope): string {
  return `SELECT region_id, month FROM hired_area_monthly WHERE ${scope.rows()}
     UNION SELECT region_id, month FROM own_monthly WHERE ${scope.rows()}
     UNION SELECT region_id, month FROM dispensation_monthly WHERE ${scope.rows()}`;
}

/** How many (region, month) pairs of a scope have rollup rows. */
export async function regionMonths(m: Runner, scope: Scope): Promise<number> {
  const [{ count }] = await m.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM (${regionMonthsOf(scope)}) k`,
    scope.params,
  );
  return count;
}

const MARK_ROLLED_UP = `ON CONFLICT (region_id, month) DO UPDATE SET rolled_up_at = EXCLUDED.rolled_up_at`;

/** Records that a region's month was rolled up now, whether it has rows or not (the status page). */
export async function markMonthRolledUp(m: Runner, regionId: string, month: string): Promise<void> {
  await m.query(
    `INSERT INTO rollup_months (region_id, month, rolled_up_at) VALUES ($1, $2, now()) ${MARK_ROLLED_UP}`,
    [regionId, month],
  );
}

/** Records that every region-month with rollup rows in a scope was rolled up now. */
export async function markScopeRolledUp(m: Runner, scope: Scope): Promise<void> {
  await m.query(
    `INSERT INTO rollup_months (region_id, month, rolled_up_at)
     SELECT region_id, month, now() FROM (${regionMonthsOf(scope)}) k ${MARK_ROLLED_UP}`,
    scope.params,
  );
}

/**
 * The rollup rows of a scope that differ from a recompute from the raw rows, at most `limit` a
 * table and side.
 */
export async function differences(run: Runner, scope: Scope, limit: number): Promise<RollupDifference[]> {
  const params = [...scope.params, limit];
  const limitParam = `$${params.length}`;
  const compare = async (table: RollupDifference['table'], columns: string, recomputed: string) => {
    const stored = `SELECT ${columns} FROM ${table} WHERE ${scope.rows()}`;
    const sides = [
      ['only in the rollup', `${stored} EXCEPT (${recomputed})`],
      ['only in the recompute', `(${recomputed}) EXCEPT ${stored}`],
    ] as const;
    const found: RollupDifference[] = [];
    for (const [side, sql] of sides) {
      const rows = await run.query<Record<string, unknown>[]>(`${sql} LIMIT ${limitParam}`, params);
      found.push(...rows.map((row) => ({ table, side, row })));
    }
    return found;
  };
  const where = `WHERE ${scope.rows()}`;
  return [
    ...(await compare('hired_monthly', HIRED_COLUMNS, `${HIRED_SELECT} ${where} ${HIRED_GROUP}`)),
    ...(await compare(
      'hired_area_monthly',
      HIRED_AREA_COLUMNS,
      `${HIRED_AREA_SELECT} ${where} ${HIRED_AREA_GROUP}`,
    )),
    ...(await compare('own_monthly', OWN_COLUMNS, `${OWN_SELECT} ${where} ${OWN_GROUP}`)),
    ...(await compare('dispensation_monthly', REGISTER_COLUMNS, registerSelect(scope))),
  ];
}
