import type { EntityManager } from 'typeorm';

import { prepared, select } from '../../database/sql';
import { AuditEvent } from './audit-event.entity';

/**
 * The audit trail's SQL (decision 018): the chain's append and the reads of the events.
 * AuditService decides when entries are appended, chains them and checks the chain.
 */

const AUDIT_APPEND = prepared('SELECT appended, head FROM audit_append($1, $2, $3::jsonb)');

/**
 * Appends chained events to a region's chain if its newest hash is still `prev` (`audit_append`,
 * which takes the region's chain lock until the commit); otherwise appends nothing and gives back
 * the newest hash.
 */
export async function appendToChain(
  m: EntityManager,
  regionId: string,
  prev: string | null,
  events: object[],
): Promise<{ appended: boolean; head: string | null } | undefined> {
  const [result] = await select<{ appended: boolean; head: string | null }>(m, AUDIT_APPEND, [
    regionId,
    prev,
    JSON.stringify(events),
  ]);
  return result;
}

/** The events of an order, its dispensations and its bids, oldest first. */
export async function eventsOfOrder(
  m: EntityManager,
  regionId: string,
  orderId: string,
): Promise<AuditEvent[]> {
  return m
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
}

/**
 * The region's events newest first: all of them, an entity type's, or one entity's (type and
 * id), at most `limit`, older than `beforeSeq` when paging.
 */
export async function eventsOfRegion(
  m: EntityManager,
  regionId: string,
  filter: { entityType?: string; entityId?: string; beforeSeq?: string; limit: number },
): Promise<AuditEvent[]> {
  const qb = m
    .getRepository(AuditEvent)
    .createQueryBuilder('e')
    .where('e.region_id = :regionId', { regionId })
    .orderBy('e.seq', 'DESC')
    .take(filter.limit);
  if (filter.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: filter.entityType });
  if (filter.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
  if (filter.beforeSeq) qb.andWhere('e.seq < :beforeSeq', { beforeSeq: filter.beforeSeq });
  return qb.getMany();
}

/** At most `limit` events of every region after `afterSeq`, in their order. */
export async function eventsAfter(m: EntityManager, afterSeq: string, limit: number): Promise<AuditEvent[]> {
  return m
    .getRepository(AuditEvent)
    .createQueryBuilder('e')
    .where('e.seq > :afterSeq', { afterSeq })
    .orderBy('e.seq', 'ASC')
    .take(limit)
    .getMany();
}

/** The newest event of every region that has one (the heads of the chains). */
export async function chainHeads(m: EntityManager): Promise<AuditEvent[]> {
  return m
    .getRepository(AuditEvent)
    .createQueryBuilder('e')
    .innerJoin('regions', 'r', 'r.id = e.region_id')
    .where('e.seq = (SELECT max(h.seq) FROM audit_events h WHERE h.region_id = r.id)')
    .orderBy('e.seq', 'ASC')
    .getMany();
}

/** The region's newest event, after taking its chain lock (held until the commit, as `audit_append` does). */
export async function lockedHeadOf(m: EntityManager, regionId: string): Promise<AuditEvent | null> {
  await m.query('SELECT pg_advisory_xact_lock(4242, hashtext($1::text))', [regionId]);
  return m
    .getRepository(AuditEvent)
    .createQueryBuilder('e')
    .where('e.region_id = :regionId', { regionId })
    .orderBy('e.seq', 'DESC')
    .take(1)
    .getOne();
}

/** The events with these sequence numbers (those that exist). */
export async function eventsAt(m: EntityManager, seqs: string[]): Promise<AuditEvent[]> {
  if (seqs.length === 0) return [];
  return m.getRepository(AuditEvent).createQueryBuilder('e').where('e.seq IN (:...seqs)', { seqs }).getMany();
}
