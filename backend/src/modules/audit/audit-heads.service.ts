import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { chainHeads } from './audit.queries';
import { appendHeads, ExportedHead, HEAD_LOG_KEY } from './audit-heads';

/**
 * Writes the heads of the audit chains out of the database (decision 022), as a scheduled job of
 * the worker: each head that moved since this process last wrote it goes to the log and, when
 * AUDIT_HEAD_FILE is set, as a line to that file. `audit:verify` checks that each is still on
 * the chain.
 */
@Injectable()
export class AuditHeadsService {
  private readonly logger = new Logger('AuditChain');
  /** The hash of each region's head as last written out by this process. */
  private readonly written = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async exportHeads(now = new Date()): Promise<{ exported: number }> {
    const heads: ExportedHead[] = (await chainHeads(this.dataSource.manager))
      .filter((e) => this.written.get(e.regionId) !== e.hash)
      .map((e) => ({
        exportedAt: now.toISOString(),
        regionId: e.regionId,
        seq: e.seq,
        id: e.id,
        hash: e.hash,
      }));
    for (const head of heads) this.logger.log({ [HEAD_LOG_KEY]: head }, 'audit chain head');
    if (this.config.audit.headFile) appendHeads(this.config.audit.headFile, heads);
    for (const head of heads) this.written.set(head.regionId, head.hash);
    return { exported: heads.length };
  }
}
