import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { ImportKind } from '@hyrkoll/contracts';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The fact table and columns each kind writes, in COPY order, and the columns that take text
 * as the file gave it. The others hold ids, dates, numbers and codes made or checked before they
 * are written, which never need escaping for COPY.
 */
export const TARGET: Record<ImportKind, { table: string; columns: string; freeText: readonly string[] }> = {
  'purchased-hours': {
    table: 'purchased_hours',
    columns:
      'region_id, month, unit_id, area_id, care_setting, profession_group, supplier_id, supplier_text, hours, cost_sek, order_ref, order_id, import_id',
    freeText: ['supplier_text', 'order_ref'],
  },
  'own-staff-cost': {
    table: 'own_staff_costs',
    columns: 'region_id, month, area_id, care_setting, profession_group, cost_sek, budget_sek, import_id',
    freeText: [],
  },
  'national-comparison': {
    table: 'national_comparison',
    columns: 'month, region_code, hired_share_percent, import_id',
    freeText: [],
  },
};

/** For each column of a kind, in COPY order: whether it takes free text. */
const ESCAPED = Object.fromEntries(
  Object.entries(TARGET).map(([kind, { columns, freeText }]) => [
    kind,
    columns.split(', ').map((column) => freeText.includes(column)),
  ]),
) as Record<ImportKind, boolean[]>;

/** A row for the fact table: its values, and the key it replaces (a month, or a month and county). */
export interface FactRow {
  month: string;
  regionCode?: string;
  values: (string | null)[];
  orderId: string | null;
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

const GRANTED = `('APPROVED', 'EXPIRED', 'REVOKED')`;

/**
 * The writing side of an import: one transaction on its own connection, in which the file's
 * rows are streamed into the fact table with COPY while the file is being validated. The first
 * time a key (a month of the region; for the national comparison a month and county) shows up,
 * the rows earlier imports wrote under it are deleted, before any new row of that key goes in,
 * so the file replaces exactly the keys it covers (replace-by-key). Nothing is visible before
 * `commit`; `rollback` (any error in the file) leaves everything as it was.
 */
export class ImportWriter {
  private copy: ReturnType<typeof copyFrom> | null = null;
  /** An error of the COPY stream, kept until the next call rethrows it. */
  private copyError: Error | null = null;
  /** The previous batch on its way to the server; the next one waits for it, not the caller. */
  private draining: Promise<void> = Promise.resolve();
  private readonly replacedKeys = new Set<string>();
  /** Orders whose booked hours change: those of replaced rows and of written rows. */
  private readonly orderIds = new Set<string>();
  private replaced = 0;
  private written = 0;

  private constructor(
    private readonly client: PoolClient,
    private readonly release: () => void,
    private readonly importId: string,
    private readonly regionId: string,
    private readonly kind: ImportKind,
  ) {}

  /** Opens the transaction and takes the lock that makes imports of one kind and region write one at a time. */
  static async open(
    dataSource: DataSource,
    importId: string,
    regionId: string,
    kind: ImportKind,
  ): Promise<ImportWriter> {
    const driver = dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, () => void];
    const writer = new ImportWriter(client, release, importId, regionId, kind);
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${regionId}:${kind}`]);
    } catch (error) {
      await writer.rollback();
      writer.close();
      throw error;
    }
    return writer;
  }

  /** Writes a batch of valid rows, replacing the keys that this batch is the first to show. */
  async write(rows: readonly FactRow[]): Promise<void> {
    if (this.copyError) throw this.copyError;
    if (rows.length === 0) return;
    const fresh = new Map<string, FactRow>();
    for (const row of rows) {
      const key = this.keyOf(row);
      if (!this.replacedKeys.has(key) && !fresh.has(key)) fresh.set(key, row);
    }
    if (fresh.size > 0) {
      await this.endCopy();
      await this.replace([...fresh.values()]);
      for (const key of fresh.keys()) this.replacedKeys.add(key);
    }
    let text = '';
    const escaped = ESCAPED[this.kind];
    for (const row of rows) {
      text += copyLine(row.values, escaped);
      if (row.orderId) this.orderIds.add(row.orderId);
    }
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
   * Finishes: the last COPY, the hours and cost booked under the orders' dispensations (which
   * the expiry job compares with the caps), the import marked DONE, whatever `alsoInTransaction`
   * adds (the rollup jobs, into the outbox), and the commit.
   */
  async commit(
    months: string[],
    alsoInTransaction: (client: PoolClient) => Promise<void>,
  ): Promise<{ written: number; replaced: number }> {
    await this.endCopy();
    if (this.orderIds.size > 0) {
      await this.client.query(
        `UPDATE dispensations d SET hours_used = COALESCE(u.hours, 0), cost_used = COALESCE(u.cost, 0)
           FROM (SELECT g.order_id, sum(p.hours) AS hours, sum(p.cost_sek) AS cost
                   FROM dispensations g LEFT JOIN purchased_hours p ON p.order_id = g.order_id
                  WHERE g.order_id = ANY($1::uuid[]) AND g.status IN ${GRANTED}
                  GROUP BY g.order_id) u
          WHERE d.order_id = u.order_id AND d.status IN ${GRANTED}`,
        [[...this.orderIds]],
      );
    }
    await this.client.query(
      `UPDATE imports SET status = 'DONE', rows_written = $2, rows_replaced = $3, months = $4, finished_at = now(),
         message = NULL WHERE id = $1`,
      [this.importId, this.written, this.replaced, months],
    );
    await alsoInTransaction(this.client);
    await this.client.query('COMMIT');
    return { written: this.written, replaced: this.replaced };
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

  private keyOf(row: FactRow): string {
    return this.kind === 'national-comparison' ? `${row.month}|${row.regionCode}` : row.month;
  }

  private startCopy(): ReturnType<typeof copyFrom> {
    if (this.copyError) throw this.copyError;
    const copy = this.client.query(
      copyFrom(`COPY ${TARGET[this.kind].table} (${TARGET[this.kind].columns}) FROM STDIN`),
    );
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

  /** Deletes what earlier imports wrote under these keys; counts it and notes the orders it touched. */
  private async replace(keys: FactRow[]): Promise<void> {
    const { table } = TARGET[this.kind];
    const deleted =
      this.kind === 'national-comparison'
        ? `DELETE FROM national_comparison
            WHERE (month, region_code) IN (SELECT * FROM unnest($1::date[], $2::char(2)[])) RETURNING NULL::uuid AS order_id`
        : `DELETE FROM ${table} WHERE region_id = $1 AND month = ANY($2::date[])
            RETURNING ${this.kind === 'purchased-hours' ? 'order_id' : 'NULL::uuid AS order_id'}`;
    const params =
      this.kind === 'national-comparison'
        ? [keys.map((k) => k.month), keys.map((k) => k.regionCode)]
        : [this.regionId, keys.map((k) => k.month)];
    const { rows } = await this.client.query<{ replaced: number; order_ids: string[] | null }>(
      `WITH deleted AS (${deleted})
       SELECT count(*)::int AS replaced, array_agg(DISTINCT order_id) FILTER (WHERE order_id IS NOT NULL) AS order_ids
         FROM deleted`,
      params,
    );
    this.replaced += rows[0]?.replaced ?? 0;
    for (const id of rows[0]?.order_ids ?? []) this.orderIds.add(id);
  }
}
