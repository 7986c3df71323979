import { randomUUID } from 'node:crypto';

import type { AuditEntity, AuditEventDto } from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { AppConfig } from '../../config/app-config';
import { appendToChain, eventsOfOrder, eventsOfRegion } from './audit.queries';
import { ChainedFields, chainHash, toJsonValue } from './audit-chain';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  entityType: AuditEntity;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export function toAuditDto(e: AuditEvent): AuditEventDto {
  return {
    id: e.id,
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    actor: { userId: e.actorUserId, name: e.actorName },
    requestId: e.requestId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
  };
}

/**
 * How deep the runner's transactions are nested (1: the outermost; more: savepoints). TypeORM
 * keeps the count on every query runner but does not publish it in its types.
 */
function depthOf(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth: number }).transactionDepth;
}

/** An entry recorded in a transaction, waiting for its commit; `depth` is the savepoint it belongs to. */
interface PendingEvent {
  depth: number;
  fields: ChainedFields;
}

/**
 * The append-only, hash-chained audit trail. It listens to the transactions of the data source
 * (a TypeORM subscriber): entries recorded in a transaction are written as it commits.
 */
@Injectable()
export class AuditService implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, PendingEvent[]>();
  /** The newest hash this process appended to each region's chain (a guess: see `append`). */
  private readonly heads = new Map<string, string | null>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    dataSource.subscribers.push(this);
  }

  /**
   * Records entries for the caller's transaction. They are appended to the region's chain when
   * the transaction commits (and dropped when it rolls back): the chain lock, the newest hash and
   * one insert, as the last statements before the commit, so that the region's writes wait for
   * each other only that long, whatever the transaction did before.
   */
  async record(manager: EntityManager, actor: Actor, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      throw new Error('audit entries must be recorded inside the transaction of the change');
    }
    const occurredAt = new Date();
    const pending = this.pending.get(runner) ?? [];
    this.pending.set(runner, pending);
    for (const entry of list) {
      pending.push({
        depth: depthOf(runner),
        fields: {
          id: randomUUID(),
          regionId: actor.regionId,
          occurredAt,
          actorUserId: actor.userId,
          actorName: actor.name,
          requestId: actor.requestId,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          before: toJsonValue(entry.before),
          after: toJsonValue(entry.after),
        },
      });
    }
  }

  /** Appends what the committing transaction recorded; a savepoint's entries pass to its parent. */
  async beforeTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    const pending = this.pending.get(queryRunner);
    if (!pending) return;
    const depth = depthOf(queryRunner);
    if (depth > 1) {
      for (const p of pending) if (p.depth === depth) p.depth = depth - 1;
      return;
    }
    this.pending.delete(queryRunner);
    const regions = [...new Set(pending.map((p) => p.fields.regionId))].sort();
    for (const regionId of regions) {
      await this.append(
        queryRunner.manager,
        regionId,
        pending.filter((p) => p.fields.regionId === regionId).map((p) => p.fields),
      );
    }
  }

  /** Forgets what the rolled-back transaction (or savepoint) recorded. */
  beforeTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    const pending = this.pending.get(queryRunner);
    if (!pending) return;
    const depth = depthOf(queryRunner);
    const kept = pending.filter((p) => p.depth < depth);
    if (kept.length > 0) this.pending.set(queryRunner, kept);
    else this.pending.delete(queryRunner);
  }

  /**
   * Chains events after the region's newest one and inserts them (`audit_append`, one round
   * trip, under the region's chain lock held until the commit). They are first chained to the
   * newest hash this process appended; when another process or a rolled-back transaction has
   * moved the chain since, the function says so and hands back the newest hash, and they are
   * chained again to that (the lock is then held, so the second call cannot miss).
   */
  private async append(manager: EntityManager, regionId: string, events: ChainedFields[]): Promise<void> {
    let prev = this.heads.get(regionId) ?? null;
    for (let attempt = 0; attempt < 2; attempt++) {
      const rows = this.chain(prev, events);
      const result = await appendToChain(manager, regionId, prev, rows);
      if (result?.appended) {
        this.heads.set(regionId, result.head);
        return;
      }
      prev = result?.head ?? null;
    }
    throw new Error(`the audit chain of region ${regionId} moved while its lock was held`);
  }

  private chain(prevHash: string | null, events: ChainedFields[]) {
    let prev = prevHash;
    return events.map((fields) => {
      const hash = chainHash(this.config.audit.chainKey, prev, fields);
      const row = { ...fields, occurredAt: fields.occurredAt.toISOString(), prevHash: prev, hash };
      prev = hash;
      return row;
    });
  }

  /** The history of an order: its own events and those of its dispensations and bids. */
  async listForOrder(regionId: string, orderId: string): Promise<AuditEventDto[]> {
    const rows = await eventsOfOrder(this.dataSource.manager, regionId, orderId);
    return rows.map(toAuditDto);
  }

  /**
   * The region's events newest first: all of them, an entity type's, or one entity's (type and
   * id), at most `limit`, older than `beforeSeq` when paging.
   */
  async listForRegion(
    regionId: string,
    filter: { entityType?: string; entityId?: string; beforeSeq?: string; limit: number },
  ): Promise<AuditEventDto[]> {
    return (await eventsOfRegion(this.dataSource.manager, regionId, filter)).map(toAuditDto);
  }
}
