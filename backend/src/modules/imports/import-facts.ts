import type { ImportPreview } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import {
  addedPerMonth,
  deleteImportedRows,
  doublesOf,
  ImportFacts,
  insertPendingRows,
  moveReplacedRows,
  Query,
  recountDispensations,
  replacedPerMonth,
  restoreReplacedRows,
} from './import-facts.queries';
import { deletePendingRows } from './imports.queries';

/** What confirming the import will do, from its pending rows and the fact table as it is now. */
export async function previewOf(query: Query, imp: ImportFacts): Promise<ImportPreview> {
  const added = await addedPerMonth(query, imp);
  const replaced = await replacedPerMonth(query, imp);
  return { added, replaced, doubles: await doublesOf(query, imp) };
}

/**
 * Confirms an import, in the caller's transaction (which holds the region's import lock): the
 * rows it replaces move to `<table>_replaced` under its id, its pending rows move into the fact
 * table, and the hours booked under the orders' dispensations follow. `staged` is the row count
 * the validation wrote; fewer pending rows (an unlogged table after a crash) is an error.
 */
export async function applyImport(
  m: EntityManager,
  imp: ImportFacts,
  staged: number,
): Promise<{ written: number; replaced: number }> {
  const out = await moveReplacedRows(m, imp);
  const added = await insertPendingRows(m, imp);
  if (added.rows !== staged) {
    throw new StagedRowsLost(
      `import ${imp.id}: ${added.rows} rows were waiting for confirmation, ${staged} were validated`,
    );
  }
  await deletePendingRows(m, imp.kind, imp.id);
  await recountDispensations(m, [...out.orderIds, ...added.orderIds]);
  return { written: added.rows, replaced: out.rows };
}

/** The pending rows are gone (the unlogged table after a crash): the file must be uploaded again. */
export class StagedRowsLost extends Error {}

/**
 * Undoes a confirmed import, in the caller's transaction (which holds the region's import lock):
 * its rows leave the fact table and the rows it replaced come back. The caller has checked that
 * no later import replaced rows of this one (laterReplacer).
 */
export async function undoImport(
  m: EntityManager,
  imp: ImportFacts,
): Promise<{ removed: number; restored: number }> {
  const removed = await deleteImportedRows(m, imp);
  const restored = await restoreReplacedRows(m, imp);
  await recountDispensations(m, [...removed.orderIds, ...restored.orderIds]);
  return { removed: removed.rows, restored: restored.rows };
}
