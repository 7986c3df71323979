import type { ImportDto, ImportKind, ImportPreview, ImportRowError, ImportStatus } from '@hyrkoll/contracts';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

import type { SqlRunner } from '../../common/outbox/outbox';
import { importLock } from './imports.queue';

/**
 * The imports' SQL (decision 018): the import records and their status changes, the staged
 * lines, the pending rows and the COPY streams that fill them, the lookups a validation
 * resolves codes with. The fact-table statements of a preview, a confirmation and an undo are in
 * import-facts.queries.ts.
 * The services, the worker and import-facts.ts decide what runs, in which order, in which
 * transaction and under which lock; they turn "no row" into 404 or 409.
 *
 * Most statements run on a transaction's manager or on the data source (`Runner`). Those whose
 * rows are not read also run on the pg client of the upload's or the validation's own
 * transaction (`SqlRunner`); the COPY streams and the upload's insert need that client, and a
 * preview's reads run on it through `Query`.
 */

/** What the statements run on: a transaction's manager, or the data source outside one. */
export type Runner = Pick<EntityManager, 'query'>;

/** The first row of a statement's result, or undefined when it gave none. */
export async function firstRow<T>(run: Runner, sql: string, params: unknown[]): Promise<T | undefined> {
  const [row] = await run.query<T[]>(sql, params);
  return row;
}

/** An import as `SELECT *` (and the list's columns) give it. */
export interface ImportRow {
  id: string;
  kind: ImportKind;
  status: ImportDto['status'];
  source: string;
  file_name: string;
  size_bytes: string;
  lines_total: number;
  rows_read: number;
  rows_valid: number;
  error_count: number;
  errors: ImportDto['errors'];
  months: string[];
  rows_written: number;
  rows_replaced: number;
  preview: ImportPreview | null;
  message: string | null;
  created_at: Date;
  finished_at: Date | null;
  confirmed_at: Date | null;
  undone_at: Date | null;
}

export function toImportDto(r: ImportRow): ImportDto {
  const percent =
    r.status === 'DONE'
      ? 100
      : r.lines_total === 0
        ? 0
        : Math.min(100, Math.floor((r.rows_read * 100) / r.lines_total));
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    source: r.source,
    fileName: r.file_name,
    sizeBytes: Number(r.size_bytes),
    linesTotal: r.lines_total,
    rowsRead: r.rows_read,
    rowsValid: r.rows_valid,
    percent,
    errorCount: r.error_count,
    errors: r.errors,
    months: r.months,
    rowsWritten: r.rows_written,
    rowsReplaced: r.rows_replaced,
    preview: r.preview,
    message: r.message,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    confirmedAt: r.confirmed_at?.toISOString() ?? null,
    undoneAt: r.undone_at?.toISOString() ?? null,
  };
}

/**
 * The fact table and columns each kind writes, in COPY order, and the columns that take text
 * as the file gave it. The others hold ids, dates, numbers and codes made or checked before they
 * are written, which never need escaping for COPY. A validated file's rows wait in
 * `<table>_pending` (same columns) until the import is confirmed.
 */
export const TARGET: Record<ImportKind, { table: string; columns: string; freeText: readonly string[] }> = {
  'purchased-hours': {
    table: 'purchased_hours',
    columns:
      'region_id, month, unit_id, area_id, care_setting, profession_group, supplier_id, supplier_text, hours, cost_sek, order_ref, order_id, import_id, source',
    freeText: ['supplier_text', 'order_ref', 'source'],
  },
  'own-staff-cost': {
    table: 'own_staff_costs',
    columns:
      'region_id, month, area_id, care_setting, profession_group, cost_sek, budget_sek, import_id, source',
    freeText: ['source'],
  },
  'national-comparison': {
    table: 'national_comparison',
    columns: 'region_id, month, region_code, hired_share_percent, import_id',
    freeText: [],
  },
};

// --- Transactions' settings and locks ---

/** The lock under which a region's imports of one kind are written and undone one at a time. */
export async function lockImportsOfKind(m: Runner, regionId: string, kind: ImportKind): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [importLock(regionId, kind)]);
}

// --- The upload ---

/** The import row of an upload, QUEUED, in the upload's transaction. */
export async function insertImport(
  client: PoolClient,
  imp: {
    id: string;
    regionId: string;
    kind: ImportKind;
    source: string;
    fileName: string;
    sizeBytes: number;
    linesTotal: number;
    createdBy: string | null;
  },
): Promise<ImportRow> {
  const { rows } = await client.query<ImportRow>(
    `INSERT INTO imports (id, region_id, kind, source, status, file_name, size_bytes, lines_total, created_by)
         VALUES ($1, $2, $3, $4, 'QUEUED', $5, $6, $7, $8) RETURNING *`,
    [imp.id, imp.regionId, imp.kind, imp.source, imp.fileName, imp.sizeBytes, imp.linesTotal, imp.createdBy],
  );
  return rows[0] as ImportRow;
}

/** The stream that COPYs an upload's encoded lines (see ImportLineEncoder) into the staging table. */
export function copyImportLines(client: PoolClient): ReturnType<typeof copyFrom> {
  return client.query(copyFrom('COPY import_lines (import_id, line_no, raw) FROM STDIN'));
}

// --- Reading imports ---

export function importById(run: Runner, regionId: string, id: string) {
  return firstRow<ImportRow>(run, 'SELECT * FROM imports WHERE id = $1 AND region_id = $2', [id, regionId]);
}

/** The region's latest 100 imports, newest first, without their errors. */
export async function latestImports(run: Runner, regionId: string): Promise<ImportRow[]> {
  return run.query<ImportRow[]>(
    `SELECT id, kind, status, source, file_name, size_bytes, lines_total, rows_read, rows_valid, error_count, '[]'::jsonb AS errors,
              months, rows_written, rows_replaced, preview, message, created_at, finished_at, confirmed_at, undone_at
         FROM imports WHERE region_id = $1 ORDER BY created_at DESC LIMIT 100`,
    [regionId],
  );
}

export function importKind(m: Runner, regionId: string, id: string) {
  return firstRow<{ kind: ImportKind }>(m, 'SELECT kind FROM imports WHERE id = $1 AND region_id = $2', [
    id,
    regionId,
  ]);
}

export function importStatus(m: Runner, regionId: string, id: string) {
  return firstRow<{ status: ImportStatus }>(
    m,
    'SELECT status FROM imports WHERE id = $1 AND region_id = $2',
    [id, regionId],
  );
}

export function importCreatedAt(m: Runner, id: string) {
  return firstRow<{ created_at: Date }>(m, 'SELECT created_at FROM imports WHERE id = $1', [id]);
}

/** The import locked for a change of its status. */
export function lockImport(m: Runner, id: string) {
  return firstRow<ImportRow>(m, 'SELECT * FROM imports WHERE id = $1 FOR UPDATE', [id]);
}

/**
 * The sources the region has imported under (of one kind, or all) in imports of the given
 * statuses, the most recently used first.
 */
export async function importSources(
  run: Runner,
  regionId: string,
  kind: ImportKind | undefined,
  statuses: readonly ImportStatus[],
) {
  return run.query<{ source: string; kind: ImportKind; last: Date }[]>(
    `SELECT source, kind, max(created_at) AS last FROM imports
        WHERE region_id = $1 AND ($2::text IS NULL OR kind = $2) AND status = ANY($3)
        GROUP BY source, kind ORDER BY last DESC, source LIMIT 100`,
    [regionId, kind ?? null, statuses],
  );
}

// --- The purchaser's decisions: conditional changes of the status ---

/** AWAITING_CONFIRMATION → WRITING; the import, or undefined when it is not awaiting confirmation. */
export function markWriting(m: Runner, regionId: string, id: string, userId: string | null) {
  return firstRow<ImportRow>(
    m,
    `WITH u AS (
           UPDATE imports SET status = 'WRITING', confirmed_by = $3, confirmed_at = now()
            WHERE id = $1 AND region_id = $2 AND status = 'AWAITING_CONFIRMATION' RETURNING *)
         SELECT * FROM u`,
    [id, regionId, userId],
  );
}

/** AWAITING_CONFIRMATION → DISCARDED; the import, or undefined when it is not awaiting confirmation. */
export function markDiscarded(m: Runner, regionId: string, id: string) {
  return firstRow<ImportRow>(
    m,
    `WITH u AS (
           UPDATE imports SET status = 'DISCARDED', finished_at = now(),
                  message = 'Discarded before confirmation; nothing was imported'
            WHERE id = $1 AND region_id = $2 AND status = 'AWAITING_CONFIRMATION' RETURNING *)
         SELECT * FROM u`,
    [id, regionId],
  );
}

/** The (locked) import → UNDONE. */
export function markUndone(m: Runner, id: string, userId: string | null) {
  return firstRow<ImportRow>(
    m,
    `WITH u AS (UPDATE imports SET status = 'UNDONE', undone_by = $2, undone_at = now() WHERE id = $1 RETURNING *)
         SELECT * FROM u`,
    [id, userId],
  );
}

// --- The worker's validation ---

export function importToValidate(run: Runner, regionId: string, id: string) {
  return firstRow<{ kind: ImportKind; source: string; status: ImportStatus; lines_total: number }>(
    run,
    'SELECT kind, source, status, lines_total FROM imports WHERE id = $1 AND region_id = $2',
    [id, regionId],
  );
}

/** VALIDATING, its counts back to zero (a retry reads the file from the start). */
export async function markValidating(run: Runner, id: string): Promise<void> {
  await run.query(`UPDATE imports SET status = 'VALIDATING', rows_read = 0, rows_valid = 0 WHERE id = $1`, [
    id,
  ]);
}

/** The validation's progress after a batch: the rows read so far, and the batch's valid rows added. */
export async function recordProgress(
  run: Runner,
  id: string,
  rowsRead: number,
  valid: number,
): Promise<void> {
  await run.query('UPDATE imports SET rows_read = $2, rows_valid = rows_valid + $3 WHERE id = $1', [
    id,
    rowsRead,
    valid,
  ]);
}

/** Up to `blocks` staged blocks of lines after the line `after`, in order. */
export function stagedBlocks(run: Runner, importId: string, after: number, blocks: number) {
  return run.query<{ line_no: number; raw: string }[]>(
    'SELECT line_no, raw FROM import_lines WHERE import_id = $1 AND line_no > $2 ORDER BY line_no LIMIT $3',
    [importId, after, blocks],
  );
}

/** A validated file: AWAITING_CONFIRMATION, with the months it covers and its preview. */
export async function markAwaitingConfirmation(
  run: SqlRunner,
  id: string,
  months: string[],
  preview: ImportPreview,
): Promise<void> {
  await run.query(
    `UPDATE imports SET status = 'AWAITING_CONFIRMATION', rows_written = 0, rows_replaced = 0, months = $2,
         preview = $3, message = NULL WHERE id = $1`,
    [id, months, JSON.stringify(preview)],
  );
}

/** A file with errors: REFUSED, with the count of its errors and those kept. */
export async function markRefused(
  m: Runner,
  id: string,
  errorCount: number,
  errors: ImportRowError[],
): Promise<void> {
  await m.query(
    `UPDATE imports SET status = 'REFUSED', error_count = $2, errors = $3, finished_at = now(),
           message = 'The file has errors; nothing was imported' WHERE id = $1`,
    [id, errorCount, JSON.stringify(errors)],
  );
}

/**
 * FAILED, if the import is still in one of `statuses` (the worker gave up on it): its kind, or
 * undefined when it had moved on.
 */
export function markFailed(m: Runner, regionId: string, id: string, statuses: readonly ImportStatus[]) {
  return firstRow<{ kind: ImportKind }>(
    m,
    `WITH u AS (
             UPDATE imports SET status = 'FAILED', finished_at = now(),
               message = 'The import could not be completed; nothing was imported. Upload the file again.'
              WHERE id = $1 AND region_id = $2 AND status = ANY($3) RETURNING kind)
           SELECT kind FROM u`,
    [id, regionId, statuses],
  );
}

/** The staged lines of an import go (they are read only while it is validated). */
export async function deleteImportLines(run: SqlRunner, importId: string): Promise<void> {
  await run.query('DELETE FROM import_lines WHERE import_id = $1', [importId]);
}

/** The rows of an import that wait for confirmation go. */
export async function deletePendingRows(run: SqlRunner, kind: ImportKind, importId: string): Promise<void> {
  await run.query(`DELETE FROM ${TARGET[kind].table}_pending WHERE import_id = $1`, [importId]);
}

/** The stream that COPYs a kind's validated rows (text format, columns as TARGET lists them) into its pending table. */
export function copyPendingRows(client: PoolClient, kind: ImportKind): ReturnType<typeof copyFrom> {
  return client.query(copyFrom(`COPY ${TARGET[kind].table}_pending (${TARGET[kind].columns}) FROM STDIN`));
}

// --- The worker's write of a confirmed import ---

export function importToWrite(m: Runner, regionId: string, id: string) {
  return firstRow<{
    kind: ImportKind;
    source: string;
    status: ImportStatus;
    months: string[];
    rows_valid: number;
  }>(m, 'SELECT kind, source, status, months, rows_valid FROM imports WHERE id = $1 AND region_id = $2', [
    id,
    regionId,
  ]);
}

/** The import's status, its row locked. */
export async function lockedStatus(m: Runner, id: string): Promise<ImportStatus> {
  const [{ status }] = await m.query<{ status: ImportStatus }[]>(
    'SELECT status FROM imports WHERE id = $1 FOR UPDATE',
    [id],
  );
  return status;
}

export async function markDone(m: Runner, id: string, written: number, replaced: number): Promise<void> {
  await m.query(
    `UPDATE imports SET status = 'DONE', rows_written = $2, rows_replaced = $3, finished_at = now(),
           message = NULL WHERE id = $1`,
    [id, written, replaced],
  );
}

// --- The lookups of a validation ---

export async function unitsOfRegion(m: Runner, regionId: string) {
  return m.query<{ cost_centre: string; id: string; area_id: string; care_setting: string }[]>(
    'SELECT cost_centre, id, area_id, care_setting FROM units WHERE region_id = $1',
    [regionId],
  );
}

export async function suppliersOfRegion(m: Runner, regionId: string) {
  return m.query<{ id: string; organisation_number: string; name: string }[]>(
    'SELECT id, organisation_number, name FROM suppliers WHERE region_id = $1',
    [regionId],
  );
}

export async function areasOfRegion(m: Runner, regionId: string) {
  return m.query<{ code: string; id: string }[]>('SELECT code, id FROM areas WHERE region_id = $1', [
    regionId,
  ]);
}

/** The region's orders of these references (those that exist). */
export async function ordersByReference(m: Runner, regionId: string, references: string[]) {
  return m.query<{ reference: string; id: string; unit_id: string }[]>(
    'SELECT reference, id, unit_id FROM orders WHERE region_id = $1 AND reference = ANY($2)',
    [regionId, references],
  );
}
