import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { ErrorCode, ImportDto, ImportKind, ImportPreview } from '@hyrkoll/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

import type { Actor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { ImportLineEncoder, uploadRefused } from './import-lines';
import { ImportsProducer } from './imports.producer';

/** Largest file accepted: comfortably more than a million rows. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

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

/** Safe display name of an uploaded file: no path, no control characters, at most 255 characters. */
export function cleanFileName(name: string | undefined): string {
  const withoutPath = basename((name ?? '').replace(/\\/g, '/'));
  const printable = [...withoutPath].filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127).join('');
  return (printable.trim() || 'upload.csv').slice(0, 255);
}

/** Seconds a client refused for too many uploads at once is asked to wait before trying again. */
export const UPLOADS_RETRY_AFTER_SECONDS = 10;

/**
 * Receives an import file in two steps, so that how fast the client sends never holds database
 * resources: the upload streams through the line encoder (UTF-8, line length) into a temporary
 * file, at the client's pace; only once the whole file is there is a pooled connection taken, and
 * one transaction COPYs the finished file into the staging table (at disk speed), with the import
 * row and the worker's job in the outbox. Nothing is kept if the upload or the COPY fails, and the
 * temporary file always goes. At most `imports.maxConcurrentUploads` uploads are received at once
 * per process (disk and CPU stay bounded); one more is refused with 429.
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);
  /** Uploads this process is receiving now. */
  private receiving = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: ImportsProducer,
    private readonly config: AppConfig,
  ) {}

  /**
   * Takes one of the process's upload places, or refuses with 429 (details.retryAfterSeconds).
   * Returns the function that gives the place back.
   */
  admitUpload(): () => void {
    const { maxConcurrentUploads } = this.config.imports;
    if (this.receiving >= maxConcurrentUploads) {
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        `The server is receiving ${maxConcurrentUploads} uploads already; try again in ${UPLOADS_RETRY_AFTER_SECONDS} seconds`,
        { retryAfterSeconds: UPLOADS_RETRY_AFTER_SECONDS },
      );
    }
    this.receiving++;
    let released = false;
    return () => {
      if (!released) this.receiving--;
      released = true;
    };
  }

  async receive(
    actor: Actor,
    kind: ImportKind,
    source: string,
    fileName: string | undefined,
    file: Readable & { truncated?: boolean },
  ): Promise<ImportDto> {
    // The upload breaking off (the client gone, or cut off by the HTTP timeouts) is the client's
    // doing, not an outage of ours.
    let uploadError: (Error & { code?: string }) | undefined;
    file.on('error', (error: Error) => (uploadError ??= error));
    const id = randomUUID();
    const path = join(this.config.imports.uploadDir, `hyrkoll-upload-${id}.copy`);
    const encoder = new ImportLineEncoder(id);
    let row: ImportRow;
    try {
      try {
        await pipeline(file, encoder, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      } catch (error) {
        if (uploadError?.code === 'ECONNRESET' || (error as { code?: string }).code === 'ECONNRESET') {
          throw new DomainError(
            ErrorCode.MALFORMED_REQUEST,
            'The upload broke off before the end of the file',
          );
        }
        throw error;
      }
      if (file.truncated) {
        throw new DomainError(
          ErrorCode.PAYLOAD_TOO_LARGE,
          `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
        );
      }
      if (encoder.dataLines === 0) {
        throw uploadRefused({
          field: 'file',
          code: 'NO_DATA_LINES',
          message: 'the file has no data lines after the header',
        });
      }
      row = await this.stage(actor, kind, source, fileName, id, path, encoder);
    } finally {
      await unlink(path).catch(() => undefined);
    }
    this.logger.log(`import ${row.id} (${kind}, source ${source}, ${row.lines_total} lines) queued`);
    return toImportDto(row);
  }

  /** One transaction: the import row, the finished file COPYd into the staging table, the job. */
  private async stage(
    actor: Actor,
    kind: ImportKind,
    source: string,
    fileName: string | undefined,
    id: string,
    path: string,
    encoder: ImportLineEncoder,
  ): Promise<ImportRow> {
    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, () => void];
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<ImportRow>(
        `INSERT INTO imports (id, region_id, kind, source, status, file_name, size_bytes, lines_total, created_by)
         VALUES ($1, $2, $3, $4, 'QUEUED', $5, $6, $7, $8) RETURNING *`,
        [
          id,
          actor.regionId,
          kind,
          source,
          cleanFileName(fileName),
          encoder.bytes,
          encoder.dataLines,
          actor.userId,
        ],
      );
      // Reading a file of up to 200 MB from disk is bulk work, not a query: the import timeout.
      await client.query(`SET LOCAL statement_timeout = ${this.config.imports.statementTimeoutMs}`);
      await pipeline(
        createReadStream(path),
        client.query(copyFrom('COPY import_lines (import_id, line_no, raw) FROM STDIN')),
      );
      await client.query('SET LOCAL statement_timeout TO DEFAULT');
      await this.producer.validate(client, { importId: id, regionId: actor.regionId });
      await client.query('COMMIT');
      return rows[0] as ImportRow;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      release();
    }
  }

  async get(regionId: string, id: string): Promise<ImportDto> {
    const [row] = await this.dataSource.query<ImportRow[]>(
      'SELECT * FROM imports WHERE id = $1 AND region_id = $2',
      [id, regionId],
    );
    if (!row) throw DomainError.notFound('Import', id);
    return toImportDto(row);
  }

  async list(regionId: string): Promise<ImportDto[]> {
    const rows = await this.dataSource.query<ImportRow[]>(
      `SELECT id, kind, status, source, file_name, size_bytes, lines_total, rows_read, rows_valid, error_count, '[]'::jsonb AS errors,
              months, rows_written, rows_replaced, preview, message, created_at, finished_at, confirmed_at, undone_at
         FROM imports WHERE region_id = $1 ORDER BY created_at DESC LIMIT 100`,
      [regionId],
    );
    return rows.map(toImportDto);
  }
}
