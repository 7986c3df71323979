import {
  AuditEntity,
  ErrorCode,
  ImportDto,
  ImportKind,
  ImportSourceDto,
  ImportStatus,
} from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { OutboxRelay } from '../../common/outbox/outbox-relay';
import { AuditService } from '../audit/audit.service';
import { RollupsProducer } from '../rollups/rollups.producer';
import { undoImport } from './import-facts';
import { ImportFacts, laterReplacer } from './import-facts.queries';
import { ImportsProducer } from './imports.producer';
import {
  deletePendingRows,
  importCreatedAt,
  importKind,
  ImportRow,
  importSources,
  importStatus,
  lockImport,
  lockImportsOfKind,
  markDiscarded,
  markUndone,
  markWriting,
  toImportDto,
} from './imports.queries';

/** The statuses an import has once its file was validated: what the upload form suggests sources from. */
const VALIDATED: readonly ImportStatus[] = ['AWAITING_CONFIRMATION', 'WRITING', 'DONE', 'UNDONE'];

/**
 * The purchaser's decisions on an import (decision 017): confirm a validated file (the worker
 * writes it), discard it, or undo a finished one. Each is a conditional change of the import's
 * status, so that of two at once exactly one wins and the other gets 409 naming the status.
 */
@Injectable()
export class ImportActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: ImportsProducer,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditService,
    private readonly rollups: RollupsProducer,
  ) {}

  /** AWAITING_CONFIRMATION → WRITING; the worker writes the rows (IMPORT_WRITE_JOB). */
  async confirm(actor: Actor, id: string): Promise<ImportDto> {
    const row = await this.dataSource.transaction(async (m) => {
      const updated = await markWriting(m, actor.regionId, id, actor.userId);
      if (!updated) throw await this.refusal(m, actor, id, 'confirmed', 'AWAITING_CONFIRMATION');
      await this.producer.write(m, { importId: id, regionId: actor.regionId });
      await this.audit.record(m, actor, {
        action: 'import.confirm',
        entityType: AuditEntity.IMPORT,
        entityId: id,
        before: { status: 'AWAITING_CONFIRMATION' },
        after: { status: 'WRITING', ...this.summary(updated) },
      });
      return updated;
    });
    await this.relay.relayPending().catch(() => undefined); // the relay's polling would find it too
    return toImportDto(row);
  }

  /** AWAITING_CONFIRMATION → DISCARDED; the rows that waited go. */
  async discard(actor: Actor, id: string): Promise<ImportDto> {
    const row = await this.dataSource.transaction(async (m) => {
      const updated = await markDiscarded(m, actor.regionId, id);
      if (!updated) throw await this.refusal(m, actor, id, 'discarded', 'AWAITING_CONFIRMATION');
      await deletePendingRows(m, updated.kind, id);
      await this.audit.record(m, actor, {
        action: 'import.discard',
        entityType: AuditEntity.IMPORT,
        entityId: id,
        before: { status: 'AWAITING_CONFIRMATION' },
        after: { status: 'DISCARDED', ...this.summary(updated) },
      });
      return updated;
    });
    return toImportDto(row);
  }

  /**
   * DONE → UNDONE: the import's rows leave the fact table, the rows it replaced come back, the
   * months' rollups are queued. Refused (409 naming it) while a later import of the same source
   * has replaced rows of this one: imports are undone newest first, so that what comes back is
   * always what was there before.
   */
  async undo(actor: Actor, id: string): Promise<ImportDto> {
    const row = await this.dataSource.transaction(async (m) => {
      const found = await importKind(m, actor.regionId, id);
      if (!found) throw DomainError.notFound('Import', id);
      // the lock the worker writes under: no import of this kind is written while one is undone
      await lockImportsOfKind(m, actor.regionId, found.kind);
      const imp = await lockImport(m, id);
      if (!imp || imp.status !== 'DONE') {
        throw new DomainError(
          ErrorCode.IMPORT_WRONG_STATE,
          `The import is ${imp?.status}; only a DONE import can be undone`,
          { params: { action: 'undo', currentStatus: imp?.status ?? 'UNKNOWN' } },
        );
      }
      const facts: ImportFacts = {
        id,
        regionId: actor.regionId,
        kind: imp.kind,
        source: imp.source,
        months: imp.months,
      };
      const later = await laterReplacer(m, facts);
      if (later) {
        const laterImport = await importCreatedAt(m, later.id);
        throw new DomainError(
          ErrorCode.IMPORT_REPLACED_LATER,
          `A later import of the source "${imp.source}" (${later.id}, ${later.file_name}) replaced rows of this one; undo it first`,
          {
            params: {
              source: imp.source,
              laterImportId: later.id,
              laterFileName: later.file_name,
              ...(laterImport ? { laterCreatedAt: laterImport.created_at.toISOString() } : {}),
            },
          },
        );
      }
      const { removed, restored } = await undoImport(m, facts);
      const undone = await markUndone(m, id, actor.userId);
      if (imp.kind !== 'national-comparison')
        await this.rollups.enqueue(m, actor.regionId, imp.months, `undo-${id}`);
      await this.audit.record(m, actor, {
        action: 'import.undo',
        entityType: AuditEntity.IMPORT,
        entityId: id,
        before: { status: 'DONE', rowsWritten: imp.rows_written, rowsReplaced: imp.rows_replaced },
        after: { status: 'UNDONE', ...this.summary(imp), rowsRemoved: removed, rowsRestored: restored },
      });
      return undone as ImportRow;
    });
    await this.relay.relayPending().catch(() => undefined);
    return toImportDto(row);
  }

  /** The sources the region has imported under (of one kind, or all), the most recently used first. */
  async sources(regionId: string, kind: ImportKind | undefined): Promise<ImportSourceDto[]> {
    const rows = await importSources(this.dataSource, regionId, kind, VALIDATED);
    return rows.map((r) => ({ source: r.source, kind: r.kind, lastUsedAt: r.last.toISOString() }));
  }

  /** 404 when the import is not the region's, else 409 naming its status. */
  private async refusal(
    m: EntityManager,
    actor: Actor,
    id: string,
    verb: string,
    required: ImportStatus,
  ): Promise<DomainError> {
    const current = await importStatus(m, actor.regionId, id);
    if (!current) return DomainError.notFound('Import', id);
    return new DomainError(
      ErrorCode.IMPORT_WRONG_STATE,
      `The import is ${current.status}; only an import ${required} can be ${verb}`,
      { params: { action: verb, currentStatus: current.status } },
    );
  }

  private summary(r: ImportRow) {
    return { kind: r.kind, source: r.source, fileName: r.file_name, months: r.months };
  }
}
