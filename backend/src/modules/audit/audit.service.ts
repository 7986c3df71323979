import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEntity, AuditEventDto } from '@hyrkoll/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth-user';
import { AuditEvent } from './audit-event.entity';
import { chainHash, toJsonValue } from './audit-chain';

export interface AuditEntry {
  action: string;
  entityType: AuditEntity;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface ChainBreak {
  regionId: string;
  seq: string;
  reason: string;
}

/** Namespace of the advisory locks that serialise appends to one region's chain. */
const CHAIN_LOCK_NAMESPACE = 4242;

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

/** The append-only, hash-chained audit trail. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends entries inside the caller's transaction, chained after the region's newest
   * event. Takes the region's chain lock until the transaction ends, so call it as the last
   * step of the transaction.
   */
  async record(manager: EntityManager, actor: Actor, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('audit entries must be recorded inside the transaction of the change');
    }
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      CHAIN_LOCK_NAMESPACE,
      actor.regionId,
    ]);
    const [last] = await manager.query<{ hash: string }[]>(
      'SELECT hash FROM audit_events WHERE region_id = $1 ORDER BY seq DESC LIMIT 1',
      [actor.regionId],
    );
    let prevHash: string | null = last?.hash ?? null;
    const occurredAt = new Date();
    const rows = list.map((entry) => {
      const fields = {
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
      };
      const hash = chainHash(prevHash, fields);
      const row = { ...fields, prevHash, hash };
      prevHash = hash;
      return row;
    });
    const columns = 13;
    const placeholders = rows.map(
      (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`,
    );
    await manager.query(
      `INSERT INTO audit_events (id, region_id, occurred_at, actor_user_id, actor_name, request_id, action,
         entity_type, entity_id, before, after, prev_hash, hash) VALUES ${placeholders.join(', ')}`,
      rows.flatMap((row) => [
        row.id,
        row.regionId,
        row.occurredAt,
        row.actorUserId,
        row.actorName,
        row.requestId,
        row.action,
        row.entityType,
        row.entityId,
        row.before === null ? null : JSON.stringify(row.before),
        row.after === null ? null : JSON.stringify(row.after),
        row.prevHash,
        row.hash,
      ]),
    );
  }

  async listForEntity(
    regionId: string,
    entityType: string,
    entityId: string,
    limit = 500,
  ): Promise<AuditEventDto[]> {
    const rows = await this.dataSource.getRepository(AuditEvent).find({
      where: { regionId, entityType, entityId },
      order: { seq: 'ASC' },
      take: limit,
    });
    return rows.map(toAuditDto);
  }

  /** The history of an order: its own events and those of its dispensations and bids. */
  async listForOrder(regionId: string, orderId: string): Promise<AuditEventDto[]> {
    const rows = await this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.region_id = :regionId', { regionId })
      .andWhere(
        `((e.entity_type = 'order' AND e.entity_id = :orderText)
          OR (e.entity_type = 'dispensation' AND e.entity_id IN (SELECT id::text FROM dispensations WHERE order_id = :orderUuid::uuid))
          OR (e.entity_type = 'bid' AND e.entity_id IN (SELECT id::text FROM bids WHERE order_id = :orderUuid::uuid)))`,
        { orderText: orderId, orderUuid: orderId },
      )
      .orderBy('e.seq', 'ASC')
      .getMany();
    return rows.map(toAuditDto);
  }

  async listForRegion(
    regionId: string,
    filter: { entityType?: string; beforeSeq?: string; limit: number },
  ): Promise<AuditEventDto[]> {
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.region_id = :regionId', { regionId })
      .orderBy('e.seq', 'DESC')
      .take(filter.limit);
    if (filter.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.beforeSeq) qb.andWhere('e.seq < :beforeSeq', { beforeSeq: filter.beforeSeq });
    return (await qb.getMany()).map(toAuditDto);
  }

  /**
   * Recomputes every region's chain from the stored rows; any row whose hash or link does
   * not match is reported. Reads in pages so that a long trail fits in memory.
   */
  async verify(pageSize = 5000): Promise<{ events: number; regions: number; breaks: ChainBreak[] }> {
    const breaks: ChainBreak[] = [];
    const prevByRegion = new Map<string, string | null>();
    let events = 0;
    let afterSeq = '0';
    for (;;) {
      const page = await this.dataSource
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.seq > :afterSeq', { afterSeq })
        .orderBy('e.seq', 'ASC')
        .take(pageSize)
        .getMany();
      if (page.length === 0) break;
      for (const e of page) {
        const expectedPrev = prevByRegion.has(e.regionId) ? (prevByRegion.get(e.regionId) ?? null) : null;
        if (e.prevHash !== expectedPrev) {
          breaks.push({
            regionId: e.regionId,
            seq: e.seq,
            reason: 'link to the previous event does not match',
          });
        }
        if (chainHash(e.prevHash, e) !== e.hash) {
          breaks.push({ regionId: e.regionId, seq: e.seq, reason: 'content does not match its hash' });
        }
        prevByRegion.set(e.regionId, e.hash);
        events++;
      }
      afterSeq = page[page.length - 1]?.seq ?? afterSeq;
    }
    return { events, regions: prevByRegion.size, breaks };
  }
}
