import {
  AuditEntity,
  ErrorCode,
  FieldErrorCode,
  OrderDto,
  Permission,
  PublishManyResult,
  PublishOutcome,
} from '@hyrkoll/contracts';
import { canAccess, ORDER_TRANSITIONS } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { requireAccess } from '../../common/auth/access';
import { type AuthUser, type RequestContext, systemActor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { transition, transitionReturning } from '../../common/state/transition';
import { AuditService } from '../audit/audit.service';
import { cancelLiveBids } from './bids.queries';
import type {
  CancelOrderBody,
  OrderBody,
  PublishManyBody,
  SubmitOrderBody,
  UpdateOrderBody,
} from './dto/order.dto';
import { OrderApprovals } from './order-approvals';
import { OrderAssessor } from './order-assessor';
import { OrderReader } from './order-reader.service';
import {
  insertOrder,
  loadOrder,
  loadOrderWithLookup,
  OrderRow,
  orderSnapshot,
  placementOf,
  toOrderDto,
} from './orders.queries';

const READ = { permission: Permission.ORDER_READ, what: 'Order' };

/** Changes to orders (call-offs): drafted and submitted by unit managers, published by the purchaser. */
@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly assessor: OrderAssessor,
    private readonly approvals: OrderApprovals,
    private readonly reader: OrderReader,
  ) {}

  async create(ctx: RequestContext, body: OrderBody): Promise<OrderDto> {
    return this.dataSource.transaction(async (m) => {
      const assessment = await this.assessor.assess(ctx.user, body, m);
      const id = await insertOrder(m, {
        region_id: ctx.user.regionId,
        unit_id: body.unitId,
        area_id: assessment.placement.areaId,
        ...this.fieldColumns(body),
        price_zone: assessment.priceZone,
        estimate: JSON.stringify(assessment.estimate),
        estimated_total: assessment.estimate.total,
        rules: JSON.stringify(assessment.rules),
        created_by: ctx.user.id,
      });
      const created = (await loadOrder(m, ctx.user.regionId, id)) as OrderRow;
      await this.audit.record(m, ctx.actor, {
        action: 'order.create',
        entityType: AuditEntity.ORDER,
        entityId: id,
        after: orderSnapshot(created),
      });
      return toOrderDto(created);
    });
  }

  async update(ctx: RequestContext, id: string, body: UpdateOrderBody): Promise<OrderDto> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.writable(m, ctx.user, id, Permission.ORDER_WRITE);
      const assessment = await this.assessor.assess(ctx.user, body, m);
      await transition(m, {
        table: 'orders',
        entity: 'order',
        id,
        regionId: ctx.user.regionId,
        action: 'change',
        from: ['DRAFT'],
        to: 'DRAFT',
        version: body.version,
        set: {
          unit_id: body.unitId,
          area_id: assessment.placement.areaId,
          ...this.fieldColumns(body),
          price_zone: assessment.priceZone,
          estimate: JSON.stringify(assessment.estimate),
          estimated_total: assessment.estimate.total,
          rules: JSON.stringify(assessment.rules),
        },
      });
      const after = (await loadOrder(m, ctx.user.regionId, id)) as OrderRow;
      await this.audit.record(m, ctx.actor, {
        action: 'order.update',
        entityType: AuditEntity.ORDER,
        entityId: id,
        before: orderSnapshot(before),
        after: orderSnapshot(after),
      });
      return toOrderDto(after);
    });
  }

  /**
   * Submits a draft: the rules are evaluated again; with any rule triggered a dispensation is
   * requested (the justification is then required) and the order waits for it, otherwise it is
   * approved at once.
   */
  async submit(ctx: RequestContext, id: string, body: SubmitOrderBody): Promise<OrderDto> {
    const order = await this.dataSource.transaction(async (m) => {
      const read = await loadOrderWithLookup(m, ctx.user.regionId, id);
      const before = this.mayWrite(ctx.user, id, read?.order ?? null, Permission.ORDER_WRITE);
      const assessment = this.assessor.judge(ctx.user, this.bodyOf(before), read?.lookup);
      if (assessment.estimate.total === null) {
        throw DomainError.validation([
          {
            field: 'requestedHourlyRate',
            code: FieldErrorCode.PRICE_MISSING,
            message: `${assessment.estimate.missingPrice}: give a requestedHourlyRate to order off the agreement`,
          },
        ]);
      }
      if (assessment.needsDispensation && !body.justification) {
        throw DomainError.validation([
          {
            field: 'justification',
            code: FieldErrorCode.JUSTIFICATION_NEEDED,
            params: { rules: assessment.rules.map((r) => r.rule) },
            message: `the order needs a dispensation (${assessment.rules.map((r) => r.rule).join(', ')}): give patientSafetyNeed and alternativesTried`,
          },
        ]);
      }
      // DRAFT straight on to AWAITING_DISPENSATION or APPROVED in one conditional update; the
      // trail still shows both steps.
      const next = ORDER_TRANSITIONS[assessment.needsDispensation ? 'routeToDispensation' : 'approve'];
      const changed = await transitionReturning<OrderRow>(m, {
        ...this.orderTransition(id, ctx.user.regionId, 'submit'),
        to: next.to,
        version: body.version,
        set: {
          submitted_at: new Date(),
          rules: JSON.stringify(assessment.rules),
          estimate: JSON.stringify(assessment.estimate),
          estimated_total: assessment.estimate.total,
        },
      });
      // the changed columns over the joined names of the row read before
      const after: OrderRow = { ...before, ...changed };
      await this.audit.record(m, ctx.actor, {
        action: 'order.submit',
        entityType: AuditEntity.ORDER,
        entityId: id,
        before: orderSnapshot(before),
        after: { ...orderSnapshot(after), status: 'SUBMITTED' },
      });
      // where the rules send the order is the system's step, not the one who submitted it
      await this.audit.record(m, systemActor(ctx.user.regionId, 'order assessment', ctx.actor.requestId), {
        action: assessment.needsDispensation ? 'order.await-dispensation' : 'order.approve',
        entityType: AuditEntity.ORDER,
        entityId: id,
        after: orderSnapshot(after),
      });
      if (!assessment.needsDispensation || !body.justification) return after;
      const dispensation = await this.approvals.openForOrder(
        m,
        ctx.actor,
        after,
        assessment.rules,
        body.justification,
        assessment.stepsRequired,
      );
      return { ...after, dispensation_id: dispensation.id };
    });
    return { ...toOrderDto(order), waitingFor: await this.reader.waitingFor(ctx.user.regionId, id) };
  }

  /** Cancel before the assignment starts; an open dispensation is withdrawn with it. */
  async cancel(ctx: RequestContext, id: string, body: CancelOrderBody): Promise<OrderDto> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.reader.loadReadable(m, ctx.user, id, true);
      const placement = placementOf(before);
      const canWrite =
        canAccess(ctx.user.grants, Permission.ORDER_WRITE, placement) ||
        canAccess(ctx.user.grants, Permission.ORDER_PROCURE, placement);
      if (!canWrite)
        throw new DomainError(
          ErrorCode.ORDER_CANCEL_NOT_YOURS,
          'Only the unit manager or the purchaser may cancel the order',
        );
      await transition(m, {
        ...this.orderTransition(id, ctx.user.regionId, 'cancel'),
        version: body.version,
      });
      await this.approvals.withdrawForCancelledOrder(m, ctx.actor, id, ctx.user.regionId);
      // the bids still in the running, and an award or confirmation, end with the order
      const bids = await cancelLiveBids(m, ctx.user.regionId, id);
      const after = (await loadOrder(m, ctx.user.regionId, id)) as OrderRow;
      await this.audit.record(m, ctx.actor, [
        ...bids.map((b) => ({
          action: 'bid.cancel',
          entityType: AuditEntity.BID,
          entityId: b.id,
          before: { status: b.before },
          after: { status: 'CANCELLED' },
        })),
        {
          action: 'order.cancel',
          entityType: AuditEntity.ORDER,
          entityId: id,
          before: orderSnapshot(before),
          after: { ...orderSnapshot(after), cancelReason: body.reason },
        },
      ]);
      return toOrderDto(after);
    });
  }

  /** Purchaser actions that only move the order: publish to suppliers, mark it unfilled, close it. */
  async procure(
    ctx: RequestContext,
    id: string,
    action: 'publish' | 'markUnfilled' | 'close',
    version: number,
  ): Promise<OrderDto> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.writable(m, ctx.user, id, Permission.ORDER_PROCURE);
      await transition(m, { ...this.orderTransition(id, ctx.user.regionId, action), version });
      const after = (await loadOrder(m, ctx.user.regionId, id)) as OrderRow;
      await this.audit.record(m, ctx.actor, {
        action: `order.${action}`,
        entityType: AuditEntity.ORDER,
        entityId: id,
        before: orderSnapshot(before),
        after: orderSnapshot(after),
      });
      return toOrderDto(after);
    });
  }

  /**
   * Publishes several orders, each in its own transaction and audited as the single publish is:
   * one refused order (not approved any more, changed since, outside the user's scope) leaves the
   * others published. Says for each how it went, with the state a refused one is in now.
   */
  async publishMany(ctx: RequestContext, body: PublishManyBody): Promise<PublishManyResult> {
    const results: PublishOutcome[] = [];
    for (const { id, version } of body.orders) {
      try {
        const order = await this.procure(ctx, id, 'publish', version);
        results.push({ id, reference: order.reference, published: true, status: order.status });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const now = await this.reader.get(ctx.user, id).catch(() => null);
        results.push({
          id,
          reference: now?.reference ?? null,
          published: false,
          code: error.code,
          ...(error.params ? { params: error.params } : {}),
          message: error.message,
          status: now?.status ?? null,
        });
      }
    }
    const published = results.filter((r) => r.published).length;
    return { published, refused: results.length - published, results };
  }

  async writable(m: EntityManager, user: AuthUser, id: string, permission: Permission): Promise<OrderRow> {
    return this.mayWrite(user, id, await loadOrder(m, user.regionId, id, true), permission);
  }

  /** The order read for a change, when it exists and the user may make it (404 / 403 otherwise). */
  private mayWrite(user: AuthUser, id: string, row: OrderRow | null, permission: Permission): OrderRow {
    if (!row) throw DomainError.notFound('Order', id);
    requireAccess(user, placementOf(row), permission, { ...READ, key: id });
    return row;
  }

  orderTransition(id: string, regionId: string, action: keyof typeof ORDER_TRANSITIONS) {
    const t = ORDER_TRANSITIONS[action];
    return {
      table: 'orders' as const,
      entity: 'order' as const,
      id,
      regionId,
      action,
      from: t.from,
      to: t.to,
    };
  }

  /** The order's columns that come from the form, each beside its value. */
  private fieldColumns(body: OrderBody): Record<string, unknown> {
    return {
      profession: body.profession,
      competence_level: body.competenceLevel,
      specialty: body.specialty?.trim() || null,
      period_start: body.periodStart,
      period_end: body.periodEnd,
      hours: body.hours,
      schedule: body.schedule?.trim() || null,
      reason: body.reason,
      reason_text: body.reasonText?.trim() || null,
      requirements: body.requirements?.trim() || null,
      off_agreement: body.offAgreement ?? false,
      requested_hourly_rate: body.requestedHourlyRate ?? null,
      extras_sek: body.extrasSek ?? null,
    };
  }

  private bodyOf(r: OrderRow): OrderBody {
    return {
      unitId: r.unit_id,
      profession: r.profession,
      competenceLevel: r.competence_level,
      specialty: r.specialty ?? undefined,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      hours: r.hours,
      schedule: r.schedule ?? undefined,
      reason: r.reason,
      reasonText: r.reason_text ?? undefined,
      requirements: r.requirements ?? undefined,
      offAgreement: r.off_agreement,
      requestedHourlyRate: r.requested_hourly_rate ?? undefined,
      extrasSek: r.extras_sek ?? undefined,
    };
  }
}
