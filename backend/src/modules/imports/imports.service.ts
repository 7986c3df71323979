import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { ErrorCode, FieldErrorCode, ImportDto, ImportKind } from '@hyrkoll/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

import type { Actor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { resetStatementTimeout, setStatementTimeout } from '../../database/sql';
import { ImportLineEncoder, uploadRefused } from './import-lines';
import { ImportsProducer } from './imports.producer';
import {
  copyImportLines,
  importById,
  ImportRow,
  insertImport,
  latestImports,
  toImportDto,
} from './imports.queries';

/** Largest file accepted: comfortably more than a million rows. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

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
        ErrorCode.TOO_MANY_UPLOADS,
        `The server is receiving ${maxConcurrentUploads} uploads already; try again in ${UPLOADS_RETRY_AFTER_SECONDS} seconds`,
        { params: { retryAfterSeconds: UPLOADS_RETRY_AFTER_SECONDS } },
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
            ErrorCode.UPLOAD_INCOMPLETE,
            'The upload broke off before the end of the file',
          );
        }
        throw error;
      }
      if (file.truncated) {
        throw new DomainError(
          ErrorCode.FILE_TOO_LARGE,
          `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
          { params: { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 } },
        );
      }
      if (encoder.dataLines === 0) {
        throw uploadRefused({
          field: 'file',
          code: FieldErrorCode.NO_DATA_LINES,
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
      const row = await insertImport(client, {
        id,
        regionId: actor.regionId,
        kind,
        source,
        fileName: cleanFileName(fileName),
        sizeBytes: encoder.bytes,
        linesTotal: encoder.dataLines,
        createdBy: actor.userId,
      });
      // Reading a file of up to 200 MB from disk is bulk work, not a query: the import timeout.
      await setStatementTimeout(client, this.config.imports.statementTimeoutMs);
      await pipeline(createReadStream(path), copyImportLines(client));
      await resetStatementTimeout(client);
      await this.producer.validate(client, { importId: id, regionId: actor.regionId });
      await client.query('COMMIT');
      return row;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      release();
    }
  }

  async get(regionId: string, id: string): Promise<ImportDto> {
    const row = await importById(this.dataSource, regionId, id);
    if (!row) throw DomainError.notFound('Import', id);
    return toImportDto(row);
  }

  async list(regionId: string): Promise<ImportDto[]> {
    return (await latestImports(this.dataSource, regionId)).map(toImportDto);
  }
}
