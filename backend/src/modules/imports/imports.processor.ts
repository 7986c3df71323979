import type { ImportKind, ImportRowError, ImportStatus } from '@hyrkoll/contracts';
import {
  checkHeader,
  detectDelimiter,
  ImportRow,
  NationalComparisonRow,
  OwnStaffCostRow,
  parseImportRow,
  PurchasedHoursRow,
  RowKeyCheck,
  splitCsvLine,
} from '@hyrkoll/domain';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';

import { OutboxRelay } from '../../common/outbox/outbox-relay';
import { AppConfig } from '../../config/app-config';
import { setStatementTimeout } from '../../database/sql';
import { RollupsProducer } from '../rollups/rollups.producer';
import { applyImport, previewOf, StagedRowsLost } from './import-facts';
import { BLOCK_LINES, linesOfBlock, StagedLine } from './import-lines';
import { ImportLookups } from './import-lookups';
import { FactRow, ImportWriter } from './import-writer';
import {
  deleteImportLines,
  deletePendingRows,
  importToValidate,
  importToWrite,
  lockedStatus,
  lockImportsOfKind,
  markDone,
  markFailed,
  markRefused,
  markValidating,
  recordProgress,
  stagedBlocks,
} from './imports.queries';
import { IMPORT_JOB, IMPORT_WRITE_JOB, ImportJobData, IMPORTS_QUEUE } from './imports.queue';

const BATCH = 10_000;
const KEPT_ERRORS = 1000;

interface Outcome {
  rowsRead: number;
  errorCount: number;
  errors: ImportRowError[];
  months: Set<string>;
}

/**
 * Validates an uploaded file in a single pass over the staged lines: each batch is validated,
 * and while the file has no error its rows stream into the kind's pending table (see
 * ImportWriter); then the preview is computed and the import waits for the purchaser's
 * confirmation (AWAITING_CONFIRMATION). A file with any bad row is refused whole: the transaction
 * is rolled back and every error is reported. Once confirmed (IMPORT_WRITE_JOB) the rows move
 * into the fact table, replacing the rows of their own source in the months the file covers
 * (replace-by-source, decision 017), so importing a file twice never counts anything twice.
 */
// A short lock and stall check, as for the rollups: a crashed worker's import moves on within seconds.
@Processor(IMPORTS_QUEUE, { concurrency: 2, lockDuration: 10_000, stalledInterval: 5_000 })
export class ImportsProcessor extends WorkerHost {
  private readonly logger = new Logger(ImportsProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rollups: RollupsProducer,
    private readonly relay: OutboxRelay,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job<ImportJobData>): Promise<{ status: string }> {
    if (job.name === IMPORT_WRITE_JOB) return this.write(job);
    if (job.name !== IMPORT_JOB) throw new Error(`no handler for import job "${job.name}"`);
    const { importId, regionId } = job.data;
    const imp = await importToValidate(this.dataSource, regionId, importId);
    if (!imp) throw new Error(`import ${importId} not found`);
    if (!['QUEUED', 'VALIDATING'].includes(imp.status)) {
      // A retry after the commit (the file is validated, refused or further on): tidy up.
      await this.dropStagedLines(importId);
      return { status: imp.status };
    }
    await markValidating(this.dataSource, importId);

    const lookups = await ImportLookups.load(this.dataSource.manager, regionId, imp.kind);
    const writer = await ImportWriter.open(
      this.dataSource,
      importId,
      imp.kind,
      this.config.imports.statementTimeoutMs,
    );
    try {
      const outcome = await this.validateAndWrite(job, imp, lookups, writer);
      if (outcome.errorCount > 0) {
        await writer.rollback();
        await this.refuse(importId, outcome);
        return { status: 'REFUSED' };
      }
      const months = [...outcome.months].sort();
      const { staged, preview } = await writer.commit(months, (query) =>
        previewOf(query, { id: importId, regionId, kind: imp.kind, source: imp.source, months }),
      );
      this.logger.log(
        `import ${importId}: ${staged} rows await confirmation, ${preview.doubles.keys} keys also from other sources`,
      );
    } catch (error) {
      await writer.rollback();
      throw error;
    } finally {
      writer.close();
    }
    await this.dropStagedLines(importId);
    return { status: 'AWAITING_CONFIRMATION' };
  }

  /**
   * Writes a confirmed import (status WRITING) in one transaction, under the lock that makes the
   * region's imports of one kind write (and undo) one at a time: see applyImport. The rollup jobs
   * of its months go into the outbox with it.
   */
  private async write(job: Job<ImportJobData>): Promise<{ status: string }> {
    const { importId, regionId } = job.data;
    const result = await this.dataSource
      .transaction(async (m) => {
        // moving a million rows is bulk work: the import timeout, not the 60 s of queries
        await setStatementTimeout(m, this.config.imports.statementTimeoutMs);
        const imp = await importToWrite(m, regionId, importId);
        if (!imp) throw new Error(`import ${importId} not found`);
        await lockImportsOfKind(m, regionId, imp.kind);
        const status = await lockedStatus(m, importId);
        if (status !== 'WRITING') return { status }; // a retry after the commit
        const facts = { id: importId, regionId, kind: imp.kind, source: imp.source, months: imp.months };
        const { written, replaced } = await applyImport(m, facts, imp.rows_valid);
        await markDone(m, importId, written, replaced);
        // one rollup job per month written (the national comparison has no rollup)
        if (imp.kind !== 'national-comparison') await this.rollups.enqueue(m, regionId, imp.months, importId);
        this.logger.log(
          `import ${importId}: ${written} rows written, ${replaced} replaced, months ${imp.months.join(', ')}`,
        );
        return { status: 'DONE' };
      })
      .catch((error: unknown) => {
        // the rows waiting for confirmation are gone: no retry brings them back
        if (error instanceof StagedRowsLost) throw new UnrecoverableError(error.message);
        throw error;
      });
    // The relay would find the rollup jobs within its polling interval; hand them over now.
    await this.relay.relayPending().catch(() => undefined);
    return result;
  }

  /** One pass over the staged lines: validate each batch, write it while the file is still clean. */
  private async validateAndWrite(
    job: Job<ImportJobData>,
    imp: { kind: ImportKind; source: string; lines_total: number },
    lookups: ImportLookups,
    writer: ImportWriter,
  ): Promise<Outcome> {
    const { importId, regionId } = job.data;
    const outcome: Outcome = { rowsRead: 0, errorCount: 0, errors: [], months: new Set() };
    const { source } = imp;
    let delimiter: ';' | ',' = ';';
    const keys = new RowKeyCheck(imp.kind);
    await this.eachBatch(importId, async (lines) => {
      const batchErrors: ImportRowError[] = [];
      const parsed: { line: number; row: ImportRow }[] = [];
      for (const { lineNo, raw } of lines) {
        if (lineNo === 1) {
          delimiter = detectDelimiter(raw);
          batchErrors.push(...checkHeader(imp.kind, splitCsvLine(raw, delimiter)));
          continue;
        }
        outcome.rowsRead++;
        const result = parseImportRow(imp.kind, splitCsvLine(raw, delimiter), lineNo);
        const clash = result.row && keys.check(result.row, lineNo);
        if (clash) batchErrors.push(clash);
        else if (result.row) parsed.push({ line: lineNo, row: result.row });
        else batchErrors.push(...result.errors);
      }
      if (imp.kind === 'purchased-hours') {
        const refs: string[] = [];
        for (const { row } of parsed) {
          const ref = (row as PurchasedHoursRow).orderRef;
          if (ref) refs.push(ref);
        }
        await lookups.preloadOrders(refs);
      }
      const lookupErrors: ImportRowError[] = [];
      const facts: FactRow[] = [];
      for (const { line, row } of parsed) {
        const fact = this.factOf(imp.kind, regionId, importId, source, row, line, lookups, lookupErrors);
        if (fact) facts.push(fact);
        outcome.months.add(row.month);
      }
      batchErrors.push(...lookupErrors);
      batchErrors.sort((a, b) => a.line - b.line);
      outcome.errorCount += batchErrors.length;
      outcome.errors.push(...batchErrors.slice(0, Math.max(0, KEPT_ERRORS - outcome.errors.length)));
      if (outcome.errorCount === 0) await writer.write(facts);
      await recordProgress(this.dataSource, importId, outcome.rowsRead, facts.length);
      await job.updateProgress(
        imp.lines_total === 0 ? 100 : Math.floor((outcome.rowsRead * 100) / imp.lines_total),
      );
    });
    return outcome;
  }

  /** Reads the staged lines in order, a batch at a time; the next batch is read while one is handled. */
  private async eachBatch(importId: string, handle: (lines: StagedLine[]) => Promise<void>): Promise<void> {
    const read = (after: number) => {
      const blocks = stagedBlocks(this.dataSource, importId, after, BATCH / BLOCK_LINES);
      blocks.catch(() => undefined); // awaited below; a batch read ahead may go unread when handling fails
      return blocks;
    };
    let next = read(0);
    for (;;) {
      const blocks = await next;
      const last = blocks[blocks.length - 1];
      if (!last) return;
      next = read(last.line_no);
      await handle(blocks.flatMap((b) => linesOfBlock(b.line_no, b.raw)));
    }
  }

  /** The fact-table row of a valid line, or null (with the error) when a code does not resolve. */
  private factOf(
    kind: ImportKind,
    regionId: string,
    importId: string,
    source: string,
    row: ImportRow,
    line: number,
    lookups: ImportLookups,
    errors: ImportRowError[],
  ): FactRow | null {
    const month = `${row.month}-01`;
    if (kind === 'purchased-hours') {
      const r = row as PurchasedHoursRow;
      const resolved = lookups.purchasedHours(r, line, errors);
      if (!resolved) return null;
      return {
        month,
        values: [
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
          source,
        ],
      };
    }
    if (kind === 'own-staff-cost') {
      const r = row as OwnStaffCostRow;
      const areaId = lookups.ownStaffCost(r, line, errors);
      if (!areaId) return null;
      return {
        month,
        values: [
          regionId,
          month,
          areaId,
          r.careSetting,
          r.professionGroup,
          r.costSek,
          r.budgetSek,
          importId,
          source,
        ],
      };
    }
    const r = row as NationalComparisonRow;
    return { month, values: [regionId, month, r.regionCode, r.hiredSharePercent, importId] };
  }

  /**
   * When the last attempt has failed (the database kept refusing, say), the import is marked
   * FAILED, so that the purchaser sees it ended and can upload the file again; its staged lines go.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<ImportJobData> | undefined, error: Error): Promise<void> {
    // a retry is still to come unless the job has finished (out of attempts, or stalled too often)
    if (!job || (!job.finishedOn && job.attemptsMade < (job.opts.attempts ?? 1))) return;
    const { importId, regionId } = job.data;
    this.logger.error(`import ${importId} failed after ${job.attemptsMade} attempts: ${error.message}`);
    // the validation fails while QUEUED or VALIDATING, the write while WRITING
    const failing: ImportStatus[] = job.name === IMPORT_WRITE_JOB ? ['WRITING'] : ['QUEUED', 'VALIDATING'];
    await this.dataSource
      .transaction(async (m) => {
        const failed = await markFailed(m, regionId, importId, failing);
        await deleteImportLines(m, importId);
        if (failed) await deletePendingRows(m, failed.kind, importId);
      })
      .catch((e: unknown) =>
        this.logger.error(`import ${importId} could not be marked FAILED: ${String(e)}`),
      );
  }

  private async refuse(importId: string, outcome: Outcome): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await markRefused(m, importId, outcome.errorCount, outcome.errors);
      await deleteImportLines(m, importId);
    });
    this.logger.log(`import ${importId} refused: ${outcome.errorCount} errors`);
  }

  /** The staged lines go once the import is committed (a retry finds and removes any left). */
  private async dropStagedLines(importId: string): Promise<void> {
    await deleteImportLines(this.dataSource, importId);
  }
}
