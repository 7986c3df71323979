import { AuditEntity, BidDto, ErrorCode, OrderDto, Permission, PROFESSIONS } from '@hyrkoll/contracts';
import {
  addWorkingDays,
  endOfSwedishDay,
  karensRule,
  rankBids,
  RankedBid,
  swedishDate,
} from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { Actor, AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { IdentityHasher } from '../../common/identity-hasher';
import { assertState, transition } from '../../common/state/transition';
import { isUniqueViolation } from '../../database/pg-errors';
import { FormerEmployeesService } from '../agreement/former-employees.service';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { PolicyService } from '../policy/policy.service';
import type { AwardBody, RegisterBidBody } from './dto/bid.dto';
import { loadOrder, OrderRow, orderSnapshot, toOrderDto } from './orders.queries';
import { OrdersService } from './orders.service';

/** Working days a supplier has to confirm an award (national agreement). */
export const CONFIRMATION_WORKING_DAYS = 2;

interface BidRow {
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

function toBidDto(r: BidRow, ranking: RankedBid | undefined): BidDto {
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

function bidSnapshot(b: BidDto): Record<string, unknown> {
  return { ...b, ranking: { rank: b.ranking.rank, eligible: b.ranking.eligible } };
}

/** Supplier bids on a published order: registration, ranking by time and continuity, award, confirmation. */
@Injectable()
export class BidsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly audit: AuditService,
    private readonly hasher: IdentityHasher,
    private readonly formerEmployees: FormerEmployeesService,
    private readonly policies: PolicyService,
  ) {}

  async register(actor: Actor, user: AuthUser, orderId: string, body: RegisterBidBody): Promise<BidDto> {
    const identity = this.hasher.protect(body.consultantIdentityNumber, 'consultantIdentityNumber');
    try {
      return await this.dataSource.transaction(async (m) => {
        const order = await this.orders.writable(m, user, orderId, Permission.ORDER_PROCURE);
        assertState(order, 'receiveBid');
        const [supplier] = await m.query<{ name: string; lots: string[]; status: string }[]>(
          'SELECT name, lots, status FROM suppliers WHERE id = $1 AND region_id = $2',
          [body.supplierId, user.regionId],
        );
        if (!supplier)
          throw DomainError.validation([{ field: 'supplierId', message: 'no such supplier in your region' }]);
        if (supplier.status !== 'ACTIVE')
          throw new DomainError(ErrorCode.CONFLICT, `${supplier.name} is quarantined and may not bid`);
        const lot = PROFESSIONS[order.profession].lot;
        if (!supplier.lots.includes(lot)) {
          throw DomainError.validation([
            { field: 'supplierId', message: `${supplier.name} is not admitted to the lot ${lot}` },
          ]);
        }
        await transition(m, this.orders.orderTransition(orderId, user.regionId, 'receiveBid'));
        const [{ id }] = await m.query<{ id: string }[]>(
          `INSERT INTO bids (region_id, order_id, supplier_id, consultant_name, consultant_identity_hash, consultant_identity_masked,
             hours_offered, earlier_hours_at_unit, hourly_rate, licensed_on, specialist_certified_on, recent_nordic_experience,
             ivo_extract_on, hosp_extract_on, cpr_training_on, cv_attached, references_count, registered_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
          [
            user.regionId,
            orderId,
            body.supplierId,
            body.consultantName.trim(),
            identity.hash,
            identity.masked,
            body.hoursOffered,
            body.earlierHoursAtUnit ?? '0',
            body.hourlyRate ?? null,
            body.licensedOn,
            body.specialistCertifiedOn ?? null,
            body.recentNordicExperience,
            body.ivoExtractOn,
            body.hospExtractOn,
            body.cprTrainingOn,
            body.cvAttached,
            body.references,
            user.id,
          ],
        );
        const ranked = await this.rankedBids(m, order);
        const created = ranked.find((b) => b.id === id) as BidDto;
        const entries: AuditEntry[] = [
          { action: 'bid.register', entityType: AuditEntity.BID, entityId: id, after: bidSnapshot(created) },
        ];
        if (order.status === 'PUBLISHED') {
          entries.push({
            action: 'order.receiveBid',
            entityType: AuditEntity.ORDER,
            entityId: orderId,
            after: { ...orderSnapshot(order), status: 'BIDS_RECEIVED' },
          });
        }
        await this.audit.record(m, actor, entries);
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'bids_order_consultant_key')) {
        throw new DomainError(ErrorCode.CONFLICT, 'This consultant has already been offered for the order', [
          { field: 'consultantIdentityNumber', message: 'already offered for this order' },
        ]);
      }
      throw error;
    }
  }

  /** Every bid of the order with its rank and the reasons, best first. */
  async ranking(user: AuthUser, orderId: string): Promise<BidDto[]> {
    const order = await this.orders.loadReadable(this.dataSource.manager, user, orderId);
    return this.rankedBids(this.dataSource.manager, order);
  }

  /** Awards the best-ranked eligible bid; the supplier then has 2 working days to confirm. */
  async award(
    actor: Actor,
    user: AuthUser,
    orderId: string,
    body: AwardBody,
    now = new Date(),
  ): Promise<OrderDto> {
    return this.dataSource.transaction(async (m) => {
      const order = await this.orders.writable(m, user, orderId, Permission.ORDER_PROCURE);
      // the order's state first: a cancelled order's bids are cancelled too, and "not eligible"
      // would hide why the award cannot happen
      assertState(order, 'award');
      const ranked = await this.rankedBids(m, order);
      const bid = ranked.find((b) => b.id === body.bidId);
      if (!bid) throw DomainError.notFound('Bid', body.bidId);
      const best = ranked.find((b) => b.ranking.rank === 1);
      if (!bid.ranking.eligible) {
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          `The bid is not eligible: ${bid.ranking.problems.map((p) => p.message).join('; ')}`,
          { problems: bid.ranking.problems },
        );
      }
      if (best && best.id !== bid.id) {
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          `The bid is ranked ${bid.ranking.rank}; the agreement awards the best-ranked eligible bid (${best.consultantName}, ${best.supplier.name})`,
        );
      }
      const deadline = endOfSwedishDay(addWorkingDays(swedishDate(now), CONFIRMATION_WORKING_DAYS));
      await transition(m, {
        ...this.orders.orderTransition(orderId, user.regionId, 'award'),
        version: body.version,
        set: { awarded_bid_id: bid.id, confirmation_deadline: deadline },
      });
      await m.query(
        `UPDATE bids SET status = 'AWARDED', awarded_at = $2, confirmation_deadline = $3 WHERE id = $1 AND status = 'REGISTERED'`,
        [bid.id, now, deadline],
      );
      const after = (await loadOrder(m, user.regionId, orderId)) as OrderRow;
      await this.audit.record(m, actor, [
        {
          action: 'bid.award',
          entityType: AuditEntity.BID,
          entityId: bid.id,
          before: bidSnapshot(bid),
          after: {
            status: 'AWARDED',
            confirmationDeadline: deadline.toISOString(),
            reasons: bid.ranking.reasons,
          },
        },
        {
          action: 'order.award',
          entityType: AuditEntity.ORDER,
          entityId: orderId,
          before: orderSnapshot(order),
          after: orderSnapshot(after),
        },
      ]);
      return toOrderDto(after);
    });
  }

  /** Records the supplier's confirmation of the award, before the deadline. */
  async confirm(
    actor: Actor,
    user: AuthUser,
    orderId: string,
    version: number,
    now = new Date(),
  ): Promise<OrderDto> {
    return this.dataSource.transaction(async (m) => {
      const order = await this.orders.writable(m, user, orderId, Permission.ORDER_PROCURE);
      if (order.status === 'AWARDED' && order.confirmation_deadline && order.confirmation_deadline < now) {
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          `The confirmation deadline passed at ${order.confirmation_deadline.toISOString()}: the award lapses to the next bid`,
        );
      }
      await transition(m, { ...this.orders.orderTransition(orderId, user.regionId, 'confirm'), version });
      await m.query(`UPDATE bids SET status = 'CONFIRMED', confirmed_at = $2 WHERE id = $1`, [
        order.awarded_bid_id,
        now,
      ]);
      await m.query(`UPDATE bids SET status = 'NOT_AWARDED' WHERE order_id = $1 AND status = 'REGISTERED'`, [
        orderId,
      ]);
      const after = (await loadOrder(m, user.regionId, orderId)) as OrderRow;
      await this.audit.record(m, actor, [
        {
          action: 'bid.confirm',
          entityType: AuditEntity.BID,
          entityId: order.awarded_bid_id as string,
          after: { status: 'CONFIRMED', confirmedAt: now.toISOString() },
        },
        {
          action: 'order.confirm',
          entityType: AuditEntity.ORDER,
          entityId: orderId,
          before: orderSnapshot(order),
          after: orderSnapshot(after),
        },
      ]);
      return toOrderDto(after);
    });
  }

  async rankedBids(m: EntityManager, order: OrderRow): Promise<BidDto[]> {
    const rows = await m.query<BidRow[]>(
      `SELECT b.*, s.name AS supplier_name FROM bids b JOIN suppliers s ON s.id = b.supplier_id
        WHERE b.order_id = $1 AND b.region_id = $2 ORDER BY b.registered_at`,
      [order.id, order.region_id],
    );
    const policy = await this.policies.get(order.region_id, m);
    // One bid after the other: `m` may be a transaction's single connection.
    const facts = [];
    for (const r of rows) {
      facts.push({
        id: r.id,
        registeredAt: r.registered_at.toISOString(),
        hoursOffered: r.hours_offered,
        earlierHoursAtUnit: r.earlier_hours_at_unit,
        licensedOn: r.licensed_on,
        specialistCertifiedOn: r.specialist_certified_on,
        recentNordicExperience: r.recent_nordic_experience,
        ivoExtractOn: r.ivo_extract_on,
        hospExtractOn: r.hosp_extract_on,
        cprTrainingOn: r.cpr_training_on,
        cvAttached: r.cv_attached,
        references: r.references_count,
        karens: karensRule(
          policy,
          await this.formerEmployees.employmentEndedOn(m, order.region_id, r.consultant_identity_hash),
          order.period_start,
        ),
        active: r.status === 'REGISTERED' || r.status === 'AWARDED' || r.status === 'CONFIRMED',
      });
    }
    const ranking = rankBids(facts, {
      hoursOrdered: order.hours,
      requiresSpecialist: order.competence_level !== 'LEGITIMERAD',
    });
    const byId = new Map(ranking.map((r) => [r.id, r]));
    return ranking.map((r) => toBidDto(rows.find((row) => row.id === r.id) as BidRow, byId.get(r.id)));
  }
}
