import { once } from 'node:events';
import { finished } from 'node:stream/promises';

import type { ImportKind, ImportPreview } from '@hyrkoll/contracts';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

import { setStatementTimeout } from '../../database/sql';
import type { Query } from './import-facts.queries';
import { copyPendingRows, deletePendingRows, markAwaitingConfirmation, TARGET } from './imports.queries';

/** For each column of a kind, in COPY order: whether it takes free text. */
const ESCAPED = Object.fromEntries(
  Object.entries(TARGET).map(([kind, { columns, freeText }]) => [
    kind,
    columns.split(', ').map((column) => freeText.includes(column)),
  ]),
) as Record<ImportKind, boolean[]>;

/** A row for the fact table: its month and values. */
export interface FactRow {
  month: string;
  values: (string | null)[];
}

/** Free text for COPY text format: backslash, tab and line breaks escaped. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

/** A row in COPY text format: the values tab-separated, `\N` for null, free text escaped. */
function copyLine(values: readonly (string | null)[], escaped: readonly boolean[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? null;
    if (i > 0) line += '\t';
    line += value === null ? '\\N' : escaped[i] ? copyText(value) : value;
  }
  return `${line}\n`;
}

/**
 * The staging side of an import: one transaction on its own connection, in which the file's
 * rows are streamed with COPY into the kind's pending table while the file is being validated.
 * Nothing is visible before `commit`, which also computes the preview (what confirming will add,
 * replace and perhaps count twice) and marks the import AWAITING_CONFIRMATION; `rollback` (any
 * error in the file) leaves everything as it was. The fact table itself is written only when the
 * import is confirmed (see import-facts.ts).
 */
export class ImportWriter {
  private copy: ReturnType<typeof copyPendingRows> | null = null;
  /** An error of the COPY stream, kept until the next call rethrows it. */
  private copyError: Error | null = null;
  /** The previous batch on its way to the server; the next one waits for it, not the caller. */
  private draining: Promise<void> = Promise.resolve();
  private written = 0;

  private constructor(
    private readonly client: PoolClient,
    private readonly release: () => void,
    private readonly importId: string,
    private readonly kind: ImportKind,
  ) {}

  /**
   * Opens the transaction, with `statementTimeoutMs` (IMPORT_STATEMENT_TIMEOUT_SECONDS) as its
   * statement timeout: the COPY into the pending table is one statement that lasts the whole
   * validation pass, bulk work that the 60 s meant for queries would cut off on a large file.
   */
  static async open(
    dataSource: DataSource,
    importId: string,
    kind: ImportKind,
    statementTimeoutMs: number,
  ): Promise<ImportWriter> {
    const driver = dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, () => void];
    const writer = new ImportWriter(client, release, importId, kind);
    try {
      await client.query('BEGIN');
      await setStatementTimeout(client, statementTimeoutMs);
      // a retry after a crash finds no rows of an uncommitted attempt; this clears any others
      await deletePendingRows(client, kind, importId);
    } catch (error) {
      await writer.rollback();
      writer.close();
      throw error;
    }
    return writer;
  }

  /** Stages a batch of valid rows. */
  async write(rows: readonly FactRow[]): Promise<void> {
    if (this.copyError) throw this.copyError;
    if (rows.length === 0) return;
    let text = '';
    const escaped = ESCAPED[this.kind];
    for (const row of rows) text += copyLine(row.values, escaped);
    const copy = this.copy ?? this.startCopy();
    await this.draining;
    if (!copy.write(text)) {
      // The server works through this batch while the caller reads and checks the next one.
      this.draining = once(copy, 'drain').then(() => undefined);
      this.draining.catch(() => undefined); // a stream error is kept in copyError and rethrown
    }
    this.written += rows.length;
  }

  /**
   * Finishes: the last COPY, the preview computed against the fact table as it is now, the
   * import marked AWAITING_CONFIRMATION with it, and the commit.
   */
  async commit(
    months: string[],
    preview: (query: Query) => Promise<ImportPreview>,
  ): Promise<{ staged: number; preview: ImportPreview }> {
    await this.endCopy();
    const query: Query = async (text, params) => (await this.client.query(text, params)).rows;
    const computed = await preview(query);
    await markAwaitingConfirmation(this.client, this.importId, months, computed);
    await this.client.query('COMMIT');
    return { staged: this.written, preview: computed };
  }

  async rollback(): Promise<void> {
    this.draining = Promise.resolve();
    if (this.copy) {
      this.copy.destroy(new Error('import rolled back')); // sends CopyFail
      this.copy = null;
    }
    await this.client.query('ROLLBACK').catch(() => undefined);
  }

  /** Gives the connection back to the pool (after commit or rollback). */
  close(): void {
    this.release();
  }

  private startCopy(): ReturnType<typeof copyPendingRows> {
    if (this.copyError) throw this.copyError;
    const copy = copyPendingRows(this.client, this.kind);
    copy.on('error', (error: Error) => (this.copyError ??= error));
    this.copy = copy;
    return copy;
  }

  private async endCopy(): Promise<void> {
    if (!this.copy) return;
    const copy = this.copy;
    this.copy = null;
    await this.draining.catch(() => undefined);
    this.draining = Promise.resolve();
    copy.end();
    await finished(copy);
    if (this.copyError) throw this.copyError;
  }
}
