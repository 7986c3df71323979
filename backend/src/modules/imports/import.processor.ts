import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportKind, ImportRowError } from '@hyrkoll/contracts';
import {
  checkHeader,
  detectDelimiter,
  NationalComparisonRow,
  OwnStaffCostRow,
  parseImportRow,
  PurchasedHoursRow,
  splitCsvLine,
} from '@hyrkoll/domain';
import type { Job, Queue } from 'bullmq';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ImportLookups } from './import-lookups';
import {
  ImportJobData,
  IMPORTS_QUEUE,
  ROLLUP_JOB,
  ROLLUP_JOB_OPTIONS,
  RollupJobData,
  ROLLUPS_QUEUE,
} from './imports.queue';

const BATCH = 10_000;
const KEPT_ERRORS = 1000;

/** A value for COPY text format: `\N` for null, backslash, tab and line breaks escaped. */
function copyValue(value: string | null): string {
  return value === null
    ? '\\N'
    : value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

const TARGET: Record<ImportKind, { table: string; columns: string }> = {
  'purchased-hours': {
    table: 'purchased_hours',
    columns:
      'region_id, month, unit_id, area_id, care_setting, profession_group, supplier_id, supplier_text, hours, cost_sek, order_ref, order_id, import_id',
  },
  'own-staff-cost': {
    table: 'own_staff_costs',
    columns: 'region_id, month, area_id, care_setting, profession_group, cost_sek, budget_sek, import_id',
  },
  'national-comparison': {
    table: 'national_comparison',
    columns: 'month, region_code, hired_share_percent, import_id',
  },
};

/**
 * Validates an uploaded file completely, then writes it in one transaction: the rows of the
 * months it covers are replaced (replace-by-key), so importing a file twice, or an
 * overlapping one, never counts anything twice. A file with any bad row is refused whole.
 */
@Processor(IMPORTS_QUEUE, { concurrency: 2 })
export class ImportProcessor extends WorkerHost {
  private readonly logger = new Logger(ImportProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(ROLLUPS_QUEUE) private readonly rollups: Queue<RollupJobData>,
  ) {
    super();
  }

  async process(job: Job<ImportJobData>): Promise<{ status: string }> {
    const { importId, regionId } = job.data;
    const [imp] = await this.dataSource.query<{ kind: ImportKind; status: string; lines_total: number }[]>(
      'SELECT kind, status, lines_total FROM imports WHERE id = $1 AND region_id = $2',
      [importId, regionId],
    );
    if (!imp) throw new Error(`import ${importId} not found`);
    if (imp.status === 'DONE' || imp.status === 'REFUSED') {
      await this.enqueueRollups(importId, regionId, imp.kind); // a retry after commit: make sure the rollups are queued
      return { status: imp.status };
    }
    await this.dataSource.query(
      `UPDATE imports SET status = 'VALIDATING', rows_read = 0, rows_valid = 0 WHERE id = $1`,
      [importId],
    );

    const lookups = await ImportLookups.load(this.dataSource.manager, regionId, imp.kind);
    const errors: ImportRowError[] = [];
    let errorCount = 0;
    let rowsRead = 0;
    const months = new Set<string>();
    const nationalKeys: [string, string][] = [];
    let delimiter: ';' | ',' = ';';

    await this.eachBatch(importId, async (lines) => {
      const batchErrors: ImportRowError[] = [];
      const parsed: { line: number; row: NonNullable<ReturnType<typeof parseImportRow>['row']> }[] = [];
      for (const { line_no, raw } of lines) {
        if (line_no === 1) {
          delimiter = detectDelimiter(raw);
          batchErrors.push(...checkHeader(imp.kind, splitCsvLine(raw, delimiter)));
          continue;
        }
        rowsRead++;
        const result = parseImportRow(imp.kind, splitCsvLine(raw, delimiter), line_no);
        if (result.row) parsed.push({ line: line_no, row: result.row });
        else batchErrors.push(...result.errors);
      }
      if (imp.kind === 'purchased-hours') {
        await lookups.preloadOrders(
          parsed.flatMap(({ row }) =>
            (row as PurchasedHoursRow).orderRef ? [(row as PurchasedHoursRow).orderRef as string] : [],
          ),
        );
      }
      const lookupErrors: ImportRowError[] = [];
      for (const { line, row } of parsed) {
        if (imp.kind === 'purchased-hours')
          lookups.purchasedHours(row as PurchasedHoursRow, line, lookupErrors);
        if (imp.kind === 'own-staff-cost') lookups.ownStaffCost(row as OwnStaffCostRow, line, lookupErrors);
        months.add(row.month);
        if (imp.kind === 'national-comparison')
          nationalKeys.push([`${row.month}-01`, (row as NationalComparisonRow).regionCode]);
      }
      batchErrors.push(...lookupErrors);
      batchErrors.sort((a, b) => a.line - b.line);
      errorCount += batchErrors.length;
      errors.push(...batchErrors.slice(0, Math.max(0, KEPT_ERRORS - errors.length)));
      const valid = parsed.length - new Set(lookupErrors.map((e) => e.line)).size;
      await this.dataSource.query(
        'UPDATE imports SET rows_read = $2, rows_valid = rows_valid + $3 WHERE id = $1',
        [importId, rowsRead, valid],
      );
      await job.updateProgress(imp.lines_total === 0 ? 100 : Math.floor((rowsRead * 100) / imp.lines_total));
    });

    if (errorCount > 0) {
      await this.dataSource.transaction(async (m) => {
        await m.query(
          `UPDATE imports SET status = 'REFUSED', error_count = $2, errors = $3, finished_at = now(),
             message = 'The file has errors; nothing was imported' WHERE id = $1`,
          [importId, errorCount, JSON.stringify(errors)],
        );
        await m.query('DELETE FROM import_lines WHERE import_id = $1', [importId]);
      });
      this.logger.log(`import ${importId} refused: ${errorCount} errors`);
      return { status: 'REFUSED' };
    }

    await this.dataSource.query(`UPDATE imports SET status = 'WRITING' WHERE id = $1`, [importId]);
    await this.write(importId, regionId, imp.kind, [...months].sort(), nationalKeys, lookups, delimiter);
    await this.enqueueRollups(importId, regionId, imp.kind);
    return { status: 'DONE' };
  }

  /** Reads the staged lines in order, a batch at a time. */
  private async eachBatch(
    importId: string,
    handle: (lines: { line_no: number; raw: string }[]) => Promise<void>,
  ): Promise<void> {
    let after = 0;
    for (;;) {
      const lines = await this.dataSource.query<{ line_no: number; raw: string }[]>(
        'SELECT line_no, raw FROM import_lines WHERE import_id = $1 AND line_no > $2 ORDER BY line_no LIMIT $3',
        [importId, after, BATCH],
      );
      if (lines.length === 0) return;
      await handle(lines);
      after = lines[lines.length - 1]?.line_no ?? after;
    }
  }

  /** One transaction: replace the rows of the covered keys, COPY the new rows, update caps, finish. */
  private async write(
    importId: string,
    regionId: string,
    kind: ImportKind,
    months: string[],
    nationalKeys: [string, string][],
    lookups: ImportLookups,
    delimiter: ';' | ',',
  ): Promise<void> {
    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, () => void];
    const monthDates = months.map((m) => `${m}-01`);
    try {
      await client.query('BEGIN');
      // Imports of the same kind for one region write one at a time, so replacing is exact.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${regionId}:${kind}`]);
      let replaced: { order_id: string | null }[];
      if (kind === 'national-comparison') {
        const res = await client.query(
          `DELETE FROM national_comparison WHERE (month, region_code) IN (SELECT * FROM unnest($1::date[], $2::char(2)[])) RETURNING NULL AS order_id`,
          [nationalKeys.map((k) => k[0]), nationalKeys.map((k) => k[1])],
        );
        replaced = res.rows;
      } else {
        const res = await client.query(
          `DELETE FROM ${TARGET[kind].table} WHERE region_id = $1 AND month = ANY($2::date[]) RETURNING ${kind === 'purchased-hours' ? 'order_id' : 'NULL AS order_id'}`,
          [regionId, monthDates],
        );
        replaced = res.rows;
      }

      const orderIds = new Set(replaced.flatMap((r) => (r.order_id ? [r.order_id] : [])));
      const produced = { written: 0 };
      const rows = Readable.from(
        this.copyChunks(importId, regionId, kind, lookups, delimiter, orderIds, produced),
      );
      await pipeline(
        rows,
        client.query(copyFrom(`COPY ${TARGET[kind].table} (${TARGET[kind].columns}) FROM STDIN`)),
      );

      if (orderIds.size > 0) {
        await client.query(
          `UPDATE dispensations d SET hours_used = COALESCE(u.hours, 0), cost_used = COALESCE(u.cost, 0)
             FROM (SELECT o.id AS order_id, sum(p.hours) AS hours, sum(p.cost_sek) AS cost
                     FROM unnest($1::uuid[]) AS o(id) LEFT JOIN purchased_hours p ON p.order_id = o.id GROUP BY o.id) u
            WHERE d.order_id = u.order_id AND d.status IN ('APPROVED', 'EXPIRED', 'REVOKED')`,
          [[...orderIds]],
        );
      }
      await client.query(
        `UPDATE imports SET status = 'DONE', rows_written = $2, rows_replaced = $3, months = $4, finished_at = now(),
           message = NULL WHERE id = $1`,
        [importId, produced.written, replaced.length, months],
      );
      await client.query('DELETE FROM import_lines WHERE import_id = $1', [importId]);
      await client.query('COMMIT');
      this.logger.log(
        `import ${importId}: ${produced.written} rows written, ${replaced.length} replaced, months ${months.join(', ')}`,
      );
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      release();
    }
  }

  /** The file's rows as COPY text, a batch at a time, re-read from the staging table. */
  private async *copyChunks(
    importId: string,
    regionId: string,
    kind: ImportKind,
    lookups: ImportLookups,
    delimiter: ';' | ',',
    orderIds: Set<string>,
    produced: { written: number },
  ): AsyncGenerator<string> {
    for (let after = 0; ;) {
      // The pool, not the writing connection: that one is busy with the COPY meanwhile.
      const lines = await this.dataSource.query<{ line_no: number; raw: string }[]>(
        'SELECT line_no, raw FROM import_lines WHERE import_id = $1 AND line_no > $2 ORDER BY line_no LIMIT $3',
        [importId, after, BATCH],
      );
      if (lines.length === 0) return;
      after = lines[lines.length - 1]?.line_no ?? after;
      const fields = lines.map((l) => ({ line: l.line_no, cells: splitCsvLine(l.raw, delimiter) }));
      if (kind === 'purchased-hours') {
        await lookups.preloadOrders(
          fields.flatMap((f) => (f.line > 1 && f.cells[6]?.trim() ? [f.cells[6].trim()] : [])),
        );
      }
      let chunk = '';
      for (const { line, cells } of fields) {
        if (line === 1) continue;
        const { row } = parseImportRow(kind, cells, line);
        if (!row) throw new Error(`line ${line} is no longer valid`);
        chunk += `${this.copyRow(kind, regionId, importId, row, lookups, line, orderIds).map(copyValue).join('\t')}\n`;
        produced.written++;
      }
      yield chunk;
    }
  }

  private copyRow(
    kind: ImportKind,
    regionId: string,
    importId: string,
    row: PurchasedHoursRow | OwnStaffCostRow | NationalComparisonRow,
    lookups: ImportLookups,
    line: number,
    orderIds: Set<string>,
  ): (string | null)[] {
    const month = `${row.month}-01`;
    if (kind === 'purchased-hours') {
      const r = row as PurchasedHoursRow;
      const resolved = lookups.purchasedHours(r, line, []);
      if (!resolved) throw new Error(`line ${line} no longer resolves`);
      if (resolved.orderId) orderIds.add(resolved.orderId);
      return [
        regionId,
        month,
        resolved.unitId,
        resolved.areaId,
        resolved.careSetting,
        r.professionGroup,
        resolved.supplierId,
        r.supplier,
        r.hours,
        r.costSek,
        r.orderRef,
        resolved.orderId,
        importId,
      ];
    }
    if (kind === 'own-staff-cost') {
      const r = row as OwnStaffCostRow;
      return [
        regionId,
        month,
        lookups.ownStaffCost(r, line, []),
        r.careSetting,
        r.professionGroup,
        r.costSek,
        r.budgetSek,
        importId,
      ];
    }
    const r = row as NationalComparisonRow;
    return [month, r.regionCode, r.hiredSharePercent, importId];
  }

  private async enqueueRollups(importId: string, regionId: string, kind: ImportKind): Promise<void> {
    if (kind === 'national-comparison') return;
    const [{ months }] = await this.dataSource.query<{ months: string[] }[]>(
      'SELECT months FROM imports WHERE id = $1',
      [importId],
    );
    await this.rollups.addBulk(
      months.map((month) => ({
        name: ROLLUP_JOB,
        data: { regionId, month: `${month}-01` },
        opts: { ...ROLLUP_JOB_OPTIONS, jobId: `rollup-${regionId}-${month}-${importId}` },
      })),
    );
  }
}
