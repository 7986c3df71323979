import type { ImportDouble, ImportKind, ImportPreview } from '@hyrkoll/contracts';

import { TARGET } from './imports.queries';

/** Runs one statement and gives its rows: a PoolClient's or an EntityManager's query. */
export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** The import a preview, a confirmation or an undo is about. */
export interface ImportFacts {
  id: string;
  regionId: string;
  kind: ImportKind;
  source: string;
  /** `YYYY-MM` */
  months: string[];
}

const GRANTED = `('APPROVED', 'EXPIRED', 'REVOKED')`;

/** The purchased-hours row's supplier, as the rollups key it (hired_monthly.supplier_key). */
const supplierKey = (alias: string) =>
  `COALESCE(${alias}.supplier_id::text, 'unknown:' || lower(trim(${alias}.supplier_text)))`;

const firstDays = (months: readonly string[]) => months.map((m) => `${m}-01`);

/**
 * The rows of the fact table that confirming `imp` replaces: for purchased hours and own-staff
 * cost those of its own source in the months it covers (replace-by-source, decision 017); for
 * the national comparison those of the region with the same month and county.
 */
function replacedRows(imp: ImportFacts, alias = 'f'): { where: string; params: unknown[] } {
  if (imp.kind === 'national-comparison') {
    return {
      where: `${alias}.region_id = $1 AND (${alias}.month, ${alias}.region_code) IN
                (SELECT month, region_code FROM national_comparison_pending WHERE import_id = $2)`,
      params: [imp.regionId, imp.id],
    };
  }
  return {
    where: `${alias}.region_id = $1 AND ${alias}.month = ANY($2::date[]) AND ${alias}.source = $3`,
    params: [imp.regionId, firstDays(imp.months), imp.source],
  };
}

/** What confirming the import will do, from its pending rows and the fact table as it is now. */
export async function previewOf(query: Query, imp: ImportFacts): Promise<ImportPreview> {
  const { table } = TARGET[imp.kind];
  const added = await query<{ month: string; rows: number }>(
    `SELECT to_char(month, 'YYYY-MM') AS month, count(*)::int AS rows
       FROM ${table}_pending WHERE import_id = $1 GROUP BY month ORDER BY month`,
    [imp.id],
  );
  const replaced = replacedRows(imp);
  const replacedPerMonth = await query<{ month: string; source: string; rows: number }>(
    `SELECT to_char(f.month, 'YYYY-MM') AS month, i.source, count(*)::int AS rows
       FROM ${table} f JOIN imports i ON i.id = f.import_id
      WHERE ${replaced.where}
      GROUP BY f.month, i.source ORDER BY f.month, i.source`,
    replaced.params,
  );
  return { added, replaced: replacedPerMonth, doubles: await doublesOf(query, imp) };
}

/** Keys of the file that rows of another source already have: possible double counting. */
async function doublesOf(query: Query, imp: ImportFacts): Promise<ImportPreview['doubles']> {
  if (imp.kind === 'national-comparison') return { keys: 0, examples: [] };
  const found =
    imp.kind === 'purchased-hours'
      ? `WITH k AS (
           SELECT month, unit_id, profession_group, ${supplierKey('p')} AS supplier_key, min(supplier_text) AS detail
             FROM purchased_hours_pending p WHERE import_id = $1
            GROUP BY month, unit_id, profession_group, supplier_key),
         d AS (
           SELECT k.month, u.cost_centre AS code, k.profession_group, k.detail, f.source, count(*)::int AS rows
             FROM k
             JOIN purchased_hours f ON f.region_id = $2 AND f.month = k.month AND f.unit_id = k.unit_id
                  AND f.profession_group = k.profession_group AND ${supplierKey('f')} = k.supplier_key
                  AND f.source <> $3
             JOIN units u ON u.id = k.unit_id
            GROUP BY k.month, u.cost_centre, k.profession_group, k.detail, f.source)`
      : `WITH k AS (
           SELECT DISTINCT month, area_id, care_setting, profession_group
             FROM own_staff_costs_pending WHERE import_id = $1),
         d AS (
           SELECT k.month, a.code, k.profession_group, k.care_setting AS detail, f.source, count(*)::int AS rows
             FROM k
             JOIN own_staff_costs f ON f.region_id = $2 AND f.month = k.month AND f.area_id = k.area_id
                  AND f.care_setting = k.care_setting AND f.profession_group = k.profession_group
                  AND f.source <> $3
             JOIN areas a ON a.id = k.area_id
            GROUP BY k.month, a.code, k.profession_group, k.care_setting, f.source)`;
  const [row] = await query<{ keys: number; examples: ImportDouble[] }>(
    `${found}
     SELECT (SELECT count(*) FROM (SELECT DISTINCT month, code, profession_group, detail FROM d) x)::int AS keys,
            COALESCE((SELECT jsonb_agg(e) FROM (
              SELECT to_char(month, 'YYYY-MM') AS month, code, profession_group AS "professionGroup", detail,
                     source AS "otherSource", rows AS "otherRows"
                FROM d ORDER BY month, code, profession_group, detail, source LIMIT 100) e), '[]'::jsonb) AS examples`,
    [imp.id, imp.regionId, imp.source],
  );
  return { keys: row?.keys ?? 0, examples: row?.examples ?? [] };
}

interface Moved {
  rows: number;
  orderIds: string[];
}

async function moved(query: Query, sql: string, params: unknown[]): Promise<Moved> {
  const [row] = await query<{ rows: number; order_ids: string[] | null }>(sql, params);
  return { rows: row?.rows ?? 0, orderIds: row?.order_ids ?? [] };
}

const orderColumn = (kind: ImportKind) =>
  kind === 'purchased-hours' ? 'order_id' : 'NULL::uuid AS order_id';
const counted = (cte: string) =>
  `SELECT count(*)::int AS rows, array_agg(DISTINCT order_id) FILTER (WHERE order_id IS NOT NULL) AS order_ids FROM ${cte}`;
/** The fact table's columns with its identity (kept when rows move to `_replaced` and back). */
const withId = (kind: ImportKind) =>
  kind === 'national-comparison' ? TARGET[kind].columns : `id, ${TARGET[kind].columns}`;

/**
 * Confirms an import, in the caller's transaction (which holds the region's import lock): the
 * rows it replaces move to `<table>_replaced` under its id, its pending rows move into the fact
 * table, and the hours booked under the orders' dispensations follow. `staged` is the row count
 * the validation wrote; fewer pending rows (an unlogged table after a crash) is an error.
 */
export async function applyImport(
  query: Query,
  imp: ImportFacts,
  staged: number,
): Promise<{ written: number; replaced: number }> {
  const { table, columns } = TARGET[imp.kind];
  const replaced = replacedRows(imp);
  const out = await moved(
    query,
    `WITH gone AS (DELETE FROM ${table} f WHERE ${replaced.where} RETURNING *),
          kept AS (INSERT INTO ${table}_replaced (${withId(imp.kind)}, replaced_by)
                   SELECT ${withId(imp.kind)}, $${replaced.params.length + 1}::uuid FROM gone
                   RETURNING ${orderColumn(imp.kind)})
     ${counted('kept')}`,
    [...replaced.params, imp.id],
  );
  const added = await moved(
    query,
    `WITH added AS (INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${table}_pending WHERE import_id = $1
                    RETURNING ${orderColumn(imp.kind)})
     ${counted('added')}`,
    [imp.id],
  );
  if (added.rows !== staged) {
    throw new StagedRowsLost(
      `import ${imp.id}: ${added.rows} rows were waiting for confirmation, ${staged} were validated`,
    );
  }
  await query(`DELETE FROM ${table}_pending WHERE import_id = $1`, [imp.id]);
  await recountDispensations(query, [...out.orderIds, ...added.orderIds]);
  return { written: added.rows, replaced: out.rows };
}

/** The pending rows are gone (the unlogged table after a crash): the file must be uploaded again. */
export class StagedRowsLost extends Error {}

/**
 * A later import of the same source replaced rows of `imp`: undoing `imp` must wait until that
 * one is undone. The later import, or undefined.
 */
export async function laterReplacer(
  query: Query,
  imp: ImportFacts,
): Promise<{ id: string; file_name: string } | undefined> {
  const [row] = await query<{ id: string; file_name: string }>(
    `SELECT i.id, i.file_name FROM ${TARGET[imp.kind].table}_replaced r JOIN imports i ON i.id = r.replaced_by
      WHERE r.import_id = $1 LIMIT 1`,
    [imp.id],
  );
  return row;
}

/**
 * Undoes a confirmed import, in the caller's transaction (which holds the region's import lock):
 * its rows leave the fact table and the rows it replaced come back.
 */
export async function undoImport(
  query: Query,
  imp: ImportFacts,
): Promise<{ removed: number; restored: number }> {
  const { table } = TARGET[imp.kind];
  const removed = await moved(
    query,
    `WITH gone AS (DELETE FROM ${table} WHERE region_id = $1 AND month = ANY($2::date[]) AND import_id = $3
                   RETURNING ${orderColumn(imp.kind)})
     ${counted('gone')}`,
    [imp.regionId, firstDays(imp.months), imp.id],
  );
  const restored = await moved(
    query,
    `WITH back AS (DELETE FROM ${table}_replaced WHERE replaced_by = $1 RETURNING *),
          put AS (INSERT INTO ${table} (${withId(imp.kind)})
                  ${imp.kind === 'national-comparison' ? '' : 'OVERRIDING SYSTEM VALUE'}
                  SELECT ${withId(imp.kind)} FROM back
                  RETURNING ${orderColumn(imp.kind)})
     ${counted('put')}`,
    [imp.id],
  );
  await recountDispensations(query, [...removed.orderIds, ...restored.orderIds]);
  return { removed: removed.rows, restored: restored.rows };
}

/** The hours and cost booked under the orders' granted dispensations (the expiry job compares them with the caps). */
async function recountDispensations(query: Query, orderIds: string[]): Promise<void> {
  const ids = [...new Set(orderIds)];
  if (ids.length === 0) return;
  await query(
    `UPDATE dispensations d SET hours_used = COALESCE(u.hours, 0), cost_used = COALESCE(u.cost, 0)
       FROM (SELECT g.order_id, sum(p.hours) AS hours, sum(p.cost_sek) AS cost
               FROM dispensations g LEFT JOIN purchased_hours p ON p.order_id = g.order_id
              WHERE g.order_id = ANY($1::uuid[]) AND g.status IN ${GRANTED}
              GROUP BY g.order_id) u
      WHERE d.order_id = u.order_id AND d.status IN ${GRANTED}`,
    [ids],
  );
}
