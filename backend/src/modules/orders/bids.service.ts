import {
  AuditEntity,
  BidDto,
  ErrorCode,
  FieldErrorCode,
  OrderDto,
  Permission,
  PROFESSIONS,
} from '@hyrkoll/contracts';
import {
  addWorkingDays,
  bidDateProblems,
  birthDateOfPersonalNumber,
  endOfSwedishDay,
  karensRule,
  normalisePersonalNumber,
  rankBids,
  swedishDate,
} from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { DataSource, EntityManager } from 'typeorm';

import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { IdentityHasher } from '../../common/identity-hasher';
import { assertState, transition } from '../../common/state/transition';
import { isUniqueViolation } from '../../database/pg-errors';
import { FormerEmployeesService } from '../agreement/former-employees.service';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { PolicyService } from '../policy/policy.service';
import {
  BidRow,
  bidSnapshot,
  bidsOfOrder,
  insertBid,
  markAwarded,
  markConfirmed,
  supplierOf,
  toBidDto,
} from './bids.queries';
import type { AwardBody, RegisterBidBody } from './dto/bid.dto';
import { OrderReader } from './order-reader.service';
import { loadOrder, OrderRow, orderSnapshot, toOrderDto } from './orders.queries';
import { OrdersService } from './orders.service';

/** Working days a supplier has to confirm an award (national agreement). */
export const CONFIRMATION_WORKING_DAYS = 2;

/** Supplier bids on a published order: registration, ranking by time and continuity, award, confirmation. */
@Injectable()
export class BidsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly reader: OrderReader,
    private readonly audit: AuditService,
    private readonly hasher: IdentityHasher,
    private readonly formerEmployees: FormerEmployeesService,
    private readonly policies: PolicyService,
  ) {}

  async register(ctx: RequestContext, orderId: string, body: RegisterBidBody): Promise<BidDto> {
    const identity = this.hasher.protect(body.consultantIdentityNumber, 'consultantIdentityNumber');
    const normalised = normalisePersonalNumber(body.consultantIdentityNumber);
    const birthDate = normalised ? birthDateOfPersonalNumber(normalised) : null;
    const dateProblems = bidDateProblems(body, swedishDate(new Date()), birthDate);
    if (dateProblems.length > 0) throw DomainError.validation(dateProblems);
    // the answer ranks the consultant against the karens register: a karens check, counted as one
    await this.formerEmployees.countCheck(ctx.actor);
    try {
      return await this.dataSource.transaction(async (m) => {
        const order = await this.orders.writable(m, ctx.user, orderId, Permission.ORDER_PROCURE);
        assertState(order, 'receiveBid');
        const supplier = await supplierOf(m, ctx.user.regionId, body.supplierId);
        if (!supplier)
          throw DomainError.validation([
            {
              field: 'supplierId',
              code: FieldErrorCode.UNKNOWN_REFERENCE,
              message: 'no such supplier in your region',
            },
          ]);
        if (supplier.status !== 'ACTIVE')
          throw new DomainError(
            ErrorCode.SUPPLIER_QUARANTINED,
            `${supplier.name} is quarantined and may not bid`,
            {
              params: { supplier: supplier.name },
            },
          );
        const lot = PROFESSIONS[order.profession].lot;
        if (!supplier.lots.includes(lot)) {
          throw DomainError.validation([
            {
              field: 'supplierId',
              code: FieldErrorCode.NOT_ADMITTED,
              params: { lot },
              message: `${supplier.name} is not admitted to the lot ${lot}`,
            },
          ]);
        }
        if (new Decimal(body.hoursOffered).gt(order.hours)) {
          throw DomainError.validation([
            {
              field: 'hoursOffered',
              code: FieldErrorCode.MAX,
              params: { max: order.hours },
              message: `hoursOffered must not exceed the order's ${order.hours} hours`,
            },
          ]);
        }
        await transition(m, this.orders.orderTransition(orderId, ctx.user.regionId, 'receiveBid'));
        const id = await insertBid(m, {
          region_id: ctx.user.regionId,
          order_id: orderId,
          supplier_id: body.supplierId,
          consultant_name: body.consultantName.trim(),
          consultant_identity_hash: identity.hash,
          consultant_identity_masked: identity.masked,
          hours_offered: body.hoursOffered,
          earlier_hours_at_unit: body.earlierHoursAtUnit ?? '0',
          hourly_rate: body.hourlyRate ?? null,
          licensed_on: body.licensedOn,
          specialist_certified_on: body.specialistCertifiedOn ?? null,
          recent_nordic_experience: body.recentNordicExperience,
          ivo_extract_on: body.ivoExtractOn,
          hosp_extract_on: body.hospExtractOn,
          cpr_training_on: body.cprTrainingOn,
          cv_attached: body.cvAttached,
          references_count: body.references,
          registered_by: ctx.user.id,
        });
        const ranked = await this.rankedBids(m, order);
        const created = ranked.find((b) => b.id === id) as BidDto;
        const entries: AuditEntry[] = [
          {
            action: 'bid.register',
            entityType: AuditEntity.BID,
            entityId: id,
            after: {
              ...bidSnapshot(created),
              consultantIdentityHash: identity.hash.toString('hex'),
              karens: [...created.ranking.problems, ...created.ranking.warnings].some(
                (p) => p.code === 'KARENS',
              ),
            },
          },
        ];
        if (order.status === 'PUBLISHED') {
          entries.push({
            action: 'order.receiveBid',
            entityType: AuditEntity.ORDER,
            entityId: orderId,
            after: { ...orderSnapshot(order), status: 'BIDS_RECEIVED' },
          });
        }
        await this.audit.record(m, ctx.actor, entries);
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'bids_order_consultant_key')) {
        throw new DomainError(
          ErrorCode.CONSULTANT_ALREADY_OFFERED,
          'This consultant has already been offered for the order',
          {
            fields: [
              {
                field: 'consultantIdentityNumber',
                code: FieldErrorCode.DUPLICATE,
                message: 'already offered for this order',
              },
            ],
          },
        );
      }
      throw error;
    }
  }

  /** Every bid of the order with its rank and the reasons, best first. */
  async ranking(user: AuthUser, orderId: string): Promise<BidDto[]> {
    const order = await this.reader.loadReadable(this.dataSource.manager, user, orderId);
    return this.rankedBids(this.dataSource.manager, order);
  }

  /** Awards the best-ranked eligible bid; the supplier then has 2 working days to confirm. */
  async award(ctx: RequestContext, orderId: string, body: AwardBody, now = new Date()): Promise<OrderDto> {
    return this.dataSource.transaction(async (m) => {
      const order = await this.orders.writable(m, ctx.user, orderId, Permission.ORDER_PROCURE);
      // the order's state first: a cancelled order's bids are cancelled too, and "not eligible"
      // would hide why the award cannot happen
      assertState(order, 'award');
      const ranked = await this.rankedBids(m, order);
      const bid = ranked.find((b) => b.id === body.bidId);
      if (!bid) throw DomainError.notFound('Bid', body.bidId);
      const best = ranked.find((b) => b.ranking.rank === 1);
      if (!bid.ranking.eligible) {
        const karens = bid.ranking.problems.find((p) => p.code === 'KARENS');
        throw new DomainError(
          karens ? ErrorCode.BID_KARENS : ErrorCode.BID_NOT_ELIGIBLE,
          `The bid is not eligible: ${bid.ranking.problems.map((p) => p.message).join('; ')}`,
          { params: { ...(karens?.params ?? {}), problems: bid.ranking.problems.map((p) => p.code) } },
        );
      }
      if (best && best.id !== bid.id) {
        throw new DomainError(
          ErrorCode.BID_NOT_BEST_RANKED,
          `The bid is ranked ${bid.ranking.rank}; the agreement awards the best-ranked eligible bid (${best.consultantName}, ${best.supplier.name})`,
          {
            params: {
              rank: bid.ranking.rank ?? 0,
              bestConsultant: best.consultantName,
              bestSupplier: best.supplier.name,
            },
          },
        );
      }
      const deadline = endOfSwedishDay(addWorkingDays(swedishDate(now), CONFIRMATION_WORKING_DAYS));
      await transition(m, {
        ...this.orders.orderTransition(orderId, ctx.user.regionId, 'award'),
        version: body.version,
        set: { awarded_bid_id: bid.id, confirmation_deadline: deadline },
      });
      await markAwarded(m, bid.id, now, deadline);
      const after = (await loadOrder(m, ctx.user.regionId, orderId)) as OrderRow;
      await this.audit.record(m, ctx.actor, [
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
  async confirm(ctx: RequestContext, orderId: string, version: number, now = new Date()): Promise<OrderDto> {
    return this.dataSource.transaction(async (m) => {
      const order = await this.orders.writable(m, ctx.user, orderId, Permission.ORDER_PROCURE);
      if (order.status === 'AWARDED' && order.confirmation_deadline && order.confirmation_deadline < now) {
        throw new DomainError(
          ErrorCode.CONFIRMATION_DEADLINE_PASSED,
          `The confirmation deadline passed at ${order.confirmation_deadline.toISOString()}: the award lapses to the next bid`,
          { params: { deadline: order.confirmation_deadline.toISOString() } },
        );
      }
      await transition(m, { ...this.orders.orderTransition(orderId, ctx.user.regionId, 'confirm'), version });
      await markConfirmed(m, orderId, order.awarded_bid_id as string, now);
      const after = (await loadOrder(m, ctx.user.regionId, orderId)) as OrderRow;
      await this.audit.record(m, ctx.actor, [
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
    const rows = await bidsOfOrder(m, order.region_id, order.id);
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
