import type { BidDto } from '@hyrkoll/contracts';
import type { RankedBid } from '@hyrkoll/domain';
import type { EntityManager } from 'typeorm';

import { execute, prepared, SqlParams } from '../../database/sql';

/** A bid row with its supplier's name, as `bidsOfOrder` returns it. */
export interface BidRow {
  id: string;
  region_id: string;
  order_id: string;
  supplier_id: string;
  supplier_name: string;
  consultant_name: string;
  consultant_identity_hash: Buffer;
  consultant_identity_masked: string;
  hours_offered: string;
  earlier_hours_at_unit: string;
  hourly_rate: string | null;
  licensed_on: string;
  specialist_certified_on: string | null;
  recent_nordic_experience: boolean;
  ivo_extract_on: string;
  hosp_extract_on: string;
  cpr_training_on: string;
  cv_attached: boolean;
  references_count: number;
  status: BidDto['status'];
  registered_at: Date;
  awarded_at: Date | null;
  confirmation_deadline: Date | null;
  confirmed_at: Date | null;
}

/** The columns of a new bid, each beside its value: a bid row's own columns as registered. */
export type NewBid = Omit<
  BidRow,
  | 'id'
  | 'supplier_name'
  | 'status'
  | 'registered_at'
  | 'awarded_at'
  | 'confirmation_deadline'
  | 'confirmed_at'
> & { registered_by: string };

export function toBidDto(r: BidRow, ranking: RankedBid | undefined): BidDto {
  return {
    id: r.id,
    supplier: { id: r.supplier_id, name: r.supplier_name },
    consultantName: r.consultant_name,
    consultantIdentityMasked: r.consultant_identity_masked,
    hoursOffered: r.hours_offered,
    earlierHoursAtUnit: r.earlier_hours_at_unit,
    hourlyRate: r.hourly_rate,
    licensedOn: r.licensed_on,
    specialistCertifiedOn: r.specialist_certified_on,
    recentNordicExperience: r.recent_nordic_experience,
    ivoExtractOn: r.ivo_extract_on,
    hospExtractOn: r.hosp_extract_on,
    cprTrainingOn: r.cpr_training_on,
    cvAttached: r.cv_attached,
    references: r.references_count,
    status: r.status,
    registeredAt: r.registered_at.toISOString(),
    awardedAt: r.awarded_at?.toISOString() ?? null,
    confirmationDeadline: r.confirmation_deadline?.toISOString() ?? null,
    confirmedAt: r.confirmed_at?.toISOString() ?? null,
    ranking: {
      rank: ranking?.rank ?? null,
      eligible: ranking?.eligible ?? false,
      problems: ranking?.problems ?? [],
      reasons: ranking?.reasons ?? [],
      warnings: ranking?.warnings ?? [],
      coveragePercent: ranking?.coveragePercent ?? '0.00',
    },
  };
}

/** What the audit trail keeps of a bid: all of it, with only the rank and eligibility of its ranking. */
export function bidSnapshot(b: BidDto): Record<string, unknown> {
  return { ...b, ranking: { rank: b.ranking.rank, eligible: b.ranking.eligible } };
}

/** The supplier a bid names, if it is one of the region's. */
export async function supplierOf(
  m: EntityManager,
  regionId: string,
  supplierId: string,
): Promise<{ name: string; lots: string[]; status: string } | undefined> {
  const [supplier] = await m.query<{ name: string; lots: string[]; status: string }[]>(
    'SELECT name, lots, status FROM suppliers WHERE id = $1 AND region_id = $2',
    [supplierId, regionId],
  );
  return supplier;
}

/** Inserts a bid and returns its id. */
export async function insertBid(m: EntityManager, bid: NewBid): Promise<string> {
  const params = new SqlParams();
  const names = Object.keys(bid) as (keyof NewBid)[];
  const values = names.map((name) => params.add(bid[name]));
  const [{ id }] = await m.query<{ id: string }[]>(
    `INSERT INTO bids (${names.join(', ')}) VALUES (${values.join(', ')}) RETURNING id`,
    params.values,
  );
  return id;
}

/** Every bid of the order with its supplier's name, in the order they were registered. */
export async function bidsOfOrder(m: EntityManager, regionId: string, orderId: string): Promise<BidRow[]> {
  return m.query<BidRow[]>(
    `SELECT b.*, s.name AS supplier_name FROM bids b JOIN suppliers s ON s.id = b.supplier_id
      WHERE b.order_id = $1 AND b.region_id = $2 ORDER BY b.registered_at`,
    [orderId, regionId],
  );
}

/** Marks a registered bid awarded, with the supplier's deadline to confirm. */
export async function markAwarded(m: EntityManager, bidId: string, at: Date, deadline: Date): Promise<void> {
  await m.query(
    `UPDATE bids SET status = 'AWARDED', awarded_at = $2, confirmation_deadline = $3 WHERE id = $1 AND status = 'REGISTERED'`,
    [bidId, at, deadline],
  );
}

/** Marks the awarded bid confirmed and every other registered bid of the order not awarded. */
export async function markConfirmed(
  m: EntityManager,
  orderId: string,
  bidId: string,
  at: Date,
): Promise<void> {
  await m.query(`UPDATE bids SET status = 'CONFIRMED', confirmed_at = $2 WHERE id = $1`, [bidId, at]);
  await m.query(`UPDATE bids SET status = 'NOT_AWARDED' WHERE order_id = $1 AND status = 'REGISTERED'`, [
    orderId,
  ]);
}

/** Ends the live bids of a cancelled order; returns each with the status it had. */
const CANCEL_BIDS = prepared(
  `UPDATE bids b SET status = 'CANCELLED' FROM bids old
    WHERE b.id = old.id AND b.order_id = $1 AND b.region_id = $2 AND b.status IN ('REGISTERED', 'AWARDED', 'CONFIRMED')
    RETURNING b.id, old.status AS before`,
);

export async function cancelLiveBids(
  m: EntityManager,
  regionId: string,
  orderId: string,
): Promise<{ id: string; before: string }[]> {
  return (await execute<{ id: string; before: string }>(m, CANCEL_BIDS, [orderId, regionId])).rows;
}
