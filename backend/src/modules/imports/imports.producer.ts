import { Injectable } from '@nestjs/common';

import { Outbox, SqlRunner } from '../../common/outbox/outbox';
import {
  IMPORT_JOB,
  IMPORT_JOB_OPTIONS,
  IMPORT_WRITE_JOB,
  ImportJobData,
  IMPORTS_QUEUE,
} from './imports.queue';

/** Queues an import's jobs through the outbox, in the transaction that changes the import. */
@Injectable()
export class ImportsProducer {
  constructor(private readonly outbox: Outbox) {}

  /** Validation of an uploaded file into the pending rows and the preview. */
  async validate(run: SqlRunner, data: ImportJobData): Promise<void> {
    await this.outbox.add(run, {
      queue: IMPORTS_QUEUE,
      name: IMPORT_JOB,
      jobId: `import-${data.importId}`,
      data,
      options: IMPORT_JOB_OPTIONS,
    });
  }

  /** The write of a confirmed import into the facts. */
  async write(run: SqlRunner, data: ImportJobData): Promise<void> {
    await this.outbox.add(run, {
      queue: IMPORTS_QUEUE,
      name: IMPORT_WRITE_JOB,
      jobId: `import-write-${data.importId}`,
      data,
      options: IMPORT_JOB_OPTIONS,
    });
  }
}
