import type { ImportDouble, ImportKind, ImportPreview } from '@hyrkoll/contracts';

import { GRANTED, supplierKeyOf } from '../../database/rollup-sql';
import { firstRow, Runner, TARGET } from './imports.queries';

/**
 * The fact-table statements of an import (decision 018): what a preview reads, what a
 * confirmation and an undo move between a fact table, its `_pending` and its `_replaced` table,
 * and the recount of the dispensations' used hours that follows. import-facts.ts decides the
 * order and the transaction.
 */

/**
 * Runs one statement and gives its rows: a PoolClient's or an EntityManager's query. A preview
 * runs on the validation's own connection, so its statements take this.
 */
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

/** The import's pending rows, a month at a time: what confirming it adds. */
export function addedPerMonth(query: Query, imp: ImportFacts) {
  return query<{ month: string; rows: number }>(
    `SELECT to_char(month, 'YYYY-MM') AS month, count(*)::int AS rows
       FROM ${TARGET[imp.kind].table}_pending WHERE import_id = $1 GROUP BY month ORDER BY month`,
    [imp.id],
  );
}

/** The fact rows confirming the import replaces, by month and the source of the import that wrote them. */
export function replacedPerMonth(query: Query, imp: ImportFacts) {
  const replaced = replacedRows(imp);
  return query<{ month: string; source: string; rows: number }>(
    `SELECT to_char(f.month, 'YYYY-MM') AS month, i.source, count(*)::int AS rows
       FROM ${TARGET[imp.kind].table} f JOIN imports i ON i.id = f.import_id
      WHERE ${replaced.where}
      GROUP BY f.month, i.source ORDER BY f.month, i.source`,
    replaced.params,
  );
}

/**
 * Keys of the file that rows of another source already have: possible double counting, counted
 * and the first 100 as examples.
 */
export async function doublesOf(query: Query, imp: ImportFacts): Promise<ImportPreview['doubles']> {
  if (imp.kind === 'national-comparison') return { keys: 0, examples: [] };
  const found =
    imp.kind === 'purchased-hours'
      ? `WITH k AS (
           SELECT month, unit_id, profession_group, ${supplierKeyOf('p')} AS supplier_key, min(supplier_text) AS detail
             FROM purchased_hours_pending p WHERE import_id = $1
            GROUP BY month, unit_id, profession_group, supplier_key),
         d AS (
           SELECT k.month, u.cost_centre AS code, k.profession_group, k.detail, f.source, count(*)::int AS rows
             FROM k
             JOIN purchased_hours f ON f.region_id = $2 AND f.month = k.month AND f.unit_id = k.unit_id
                  AND f.profession_group = k.profession_group AND ${supplierKeyOf('f')} = k.supplier_key
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

/** Fact rows a statement moved, and the orders they were booked under. */
export interface Moved {
  rows: number;
  orderIds: string[];
}

async function moved(m: Runner, sql: string, params: unknown[]): Promise<Moved> {
  const row = await firstRow<{ rows: number; order_ids: string[] | null }>(m, sql, params);
  return { rows: row?.rows ?? 0, orderIds: row?.order_ids ?? [] };
}

const orderColumn = (kind: ImportKind) =>
  kind === 'purchased-hours' ? 'order_id' : 'NULL::uuid AS order_id';
const counted = (cte: string) =>
  `SELECT count(*)::int AS rows, array_agg(DISTINCT order_id) FILTER (WHERE order_id IS NOT NULL) AS order_ids FROM ${cte}`;
/** The fact table's columns with its identity (kept when rows move to `_replaced` and back). */
const withId = (kind: ImportKind) =>
  kind === 'national-comparison' ? TARGET[kind].columns : `id, ${TARGET[kind].columns}`;

/** The fact rows confirming the import replaces move to `<table>_replaced`, under its id. */
export function moveReplacedRows(m: Runner, imp: ImportFacts): Promise<Moved> {
  const { table } = TARGET[imp.kind];
  const replaced = replacedRows(imp);
  return moved(
    m,
    `WITH gone AS (DELETE FROM ${table} f WHERE ${replaced.where} RETURNING *),
          kept AS (INSERT INTO ${table}_replaced (${withId(imp.kind)}, replaced_by)
                   SELECT ${withId(imp.kind)}, $${replaced.params.length + 1}::uuid FROM gone
                   RETURNING ${orderColumn(imp.kind)})
     ${counted('kept')}`,
    [...replaced.params, imp.id],
  );
}

/** The import's pending rows are copied into the fact table. */
export function insertPendingRows(m: Runner, imp: ImportFacts): Promise<Moved> {
  const { table, columns } = TARGET[imp.kind];
  return moved(
    m,
    `WITH added AS (INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${table}_pending WHERE import_id = $1
                    RETURNING ${orderColumn(imp.kind)})
     ${counted('added')}`,
    [imp.id],
  );
}

/** The import's rows leave the fact table. */
export function deleteImportedRows(m: Runner, imp: ImportFacts): Promise<Moved> {
  return moved(
    m,
    `WITH gone AS (DELETE FROM ${TARGET[imp.kind].table} WHERE region_id = $1 AND month = ANY($2::date[]) AND import_id = $3
                   RETURNING ${orderColumn(imp.kind)})
     ${counted('gone')}`,
    [imp.regionId, firstDays(imp.months), imp.id],
  );
}

/** The rows the import replaced come back from `<table>_replaced`, with their identity. */
export function restoreReplacedRows(m: Runner, imp: ImportFacts): Promise<Moved> {
  const { table } = TARGET[imp.kind];
  return moved(
    m,
    `WITH back AS (DELETE FROM ${table}_replaced WHERE replaced_by = $1 RETURNING *),
          put AS (INSERT INTO ${table} (${withId(imp.kind)})
                  ${imp.kind === 'national-comparison' ? '' : 'OVERRIDING SYSTEM VALUE'}
                  SELECT ${withId(imp.kind)} FROM back
                  RETURNING ${orderColumn(imp.kind)})
     ${counted('put')}`,
    [imp.id],
  );
}

/** A later import that replaced rows of `imp` (of the same source), or undefined. */
export function laterReplacer(m: Runner, imp: ImportFacts) {
  return firstRow<{ id: string; file_name: string }>(
    m,
    `SELECT i.id, i.file_name FROM ${TARGET[imp.kind].table}_replaced r JOIN imports i ON i.id = r.replaced_by
      WHERE r.import_id = $1 LIMIT 1`,
    [imp.id],
  );
}

/**
 * The hours and cost booked under the orders' granted dispensations, counted again from the
 * purchased hours (the expiry job compares them with the caps). No statement for no orders.
 */
export async function recountDispensations(m: Runner, orderIds: string[]): Promise<void> {
  const ids = [...new Set(orderIds)];
  if (ids.length === 0) return;
  await m.query(
    `UPDATE dispensations d SET hours_used = COALESCE(u.hours, 0), cost_used = COALESCE(u.cost, 0)
       FROM (SELECT g.order_id, sum(p.hours) AS hours, sum(p.cost_sek) AS cost
               FROM dispensations g LEFT JOIN purchased_hours p ON p.order_id = g.order_id
              WHERE g.order_id = ANY($1::uuid[]) AND g.status IN ${GRANTED}
              GROUP BY g.order_id) u
      WHERE d.order_id = u.order_id AND d.status IN ${GRANTED}`,
    [ids],
  );
}
