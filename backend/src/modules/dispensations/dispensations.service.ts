import {
  AuditEntity,
  DispensationDecider,
  DispensationDetailDto,
  DispensationDto,
  DispensationListItem,
  ErrorCode,
  FieldError,
  FieldErrorCode,
  Justification,
  ListPage,
  Permission,
} from '@hyrkoll/contracts';
import {
  approvalIsFinal,
  canAccess,
  CANCELLABLE_ORDER_STATES,
  DecisionBlocker,
  decisionBlocker,
  DISPENSATION_TRANSITIONS,
  ORDER_TRANSITIONS,
  reachOf,
  swedishDate,
  VALIDITY_MARGIN_DAYS,
  validityLimits,
  type ValidityProblem,
  validityProblem,
} from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { DataSource, EntityManager } from 'typeorm';

import { requireAccess } from '../../common/auth/access';
import { type Actor, type AuthUser, type RequestContext, systemActor } from '../../common/auth/auth-user';
import { pageOf } from '../../common/dto/list-query';
import { DECISION_BLOCKER_CODES } from '../../common/errors/decision-blockers';
import { DomainError } from '../../common/errors/domain-error';
import { assertCurrent, transition } from '../../common/state/transition';
import { AuditService } from '../audit/audit.service';
import { NotificationsProducer } from '../notifications/notifications.producer';
import { deciderCandidates } from '../notifications/notifications.queries';
import { NotificationJob } from '../notifications/notifications.queue';
import { loadOrder, type OrderRow, orderSnapshot, placementOf } from '../orders/orders.queries';
import { RollupsProducer } from '../rollups/rollups.producer';
import { DispensationRequests } from './dispensation-requests.service';
import {
  bookedMonths,
  changeDispensation,
  DispensationListRow,
  DispensationRow,
  dispensationSnapshot,
  dispensationsOf,
  insertDecision,
  loadDispensation,
  lockDispensation,
  toDispensationDto,
} from './dispensations.queries';
import type { ApproveBody, CommentedDecisionBody, DispensationListQuery } from './dto/dispensation.dto';

const READ = { permission: Permission.DISPENSATION_READ, what: 'Dispensation' };

type Decision = 'APPROVED' | 'REJECTED' | 'RETURNED' | 'REVOKED';

const NO_TERMS = {
  conditions: null,
  valid_from: null,
  valid_to: null,
  hours_cap: null,
  cost_cap: null,
  delegation_reference: null,
};

const ACTION_OF = {
  APPROVED: 'approve',
  REJECTED: 'reject',
  RETURNED: 'return',
  REVOKED: 'revoke',
} as const satisfies Record<Decision, keyof typeof DISPENSATION_TRANSITIONS>;

/**
 * A validity outside the rule as a field error (docs/workflow.md, "Validity of an approval"): the
 * field, a field code of the catalogue and the date it must not pass; the message is for the API's
 * users.
 */
function validityFieldError(p: ValidityProblem): FieldError {
  switch (p.problem) {
    case 'beforePeriod':
      return {
        field: p.field,
        code: FieldErrorCode.BEFORE_PERIOD,
        params: { limit: p.limit },
        message: `${p.field} must not be before the order's first day ${p.limit}`,
      };
    case 'beforeToday':
      return {
        field: p.field,
        code: FieldErrorCode.BEFORE_TODAY,
        params: { limit: p.limit },
        message: `${p.field} must not be before today ${p.limit} (or be the order's first day)`,
      };
    case 'afterLimit':
      return {
        field: p.field,
        code: FieldErrorCode.AFTER_LIMIT,
        params: { limit: p.limit, marginDays: VALIDITY_MARGIN_DAYS },
        message: `${p.field} must not be after ${p.limit} (the order's last day plus the margin)`,
      };
    case 'afterPeriod':
      return {
        field: p.field,
        code: FieldErrorCode.AFTER_PERIOD,
        params: { limit: p.limit },
        message: `${p.field} must not be after the order's last day ${p.limit}`,
      };
    case 'beforeFrom':
      return {
        field: p.field,
        code: FieldErrorCode.DATE_ORDER,
        params: { after: 'validFrom' },
        message: `${p.field} must not be before validFrom ${p.limit}`,
      };
  }
}

/**
 * The order's move that a decision brings about (approved, rejected, cancelled) is Hyrkoll's own
 * step, credited to the system as the other automatic steps are (docs/workflow.md, "Who did it").
 */
function followUp(ctx: RequestContext, order: OrderRow): Actor {
  return systemActor(order.region_id, 'dispensation decision', ctx.actor.requestId);
}

/** Dispensations: requested on submit of an order, decided in one or two steps, audited. */
@Injectable()
export class DispensationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsProducer,
    private readonly requests: DispensationRequests,
    private readonly rollups: RollupsProducer,
  ) {}

  /**
   * One page of the dispensations the user may read and the filter selects. "Waiting for me" is
   * the decision rules' verdict on each row (`mayDecide`), so that filter reads every row under
   * review in the user's reach and pages what is left; every other filter, the sort and the page
   * are the statement's.
   */
  async list(user: AuthUser, query: DispensationListQuery): Promise<ListPage<DispensationListItem>> {
    const { page, pageSize } = pageOf(query);
    const reach = reachOf(user.grants, Permission.DISPENSATION_READ);
    if (!reach) return { items: [], total: 0, page, pageSize };
    const sort = { column: query.sort ?? 'priority', direction: query.dir };
    const filter = { status: query.status, areaId: query.areaId, unitId: query.unitId, q: query.q };
    if (query.waitingForMe) {
      if (query.status?.length && !query.status.includes('UNDER_REVIEW'))
        return { items: [], total: 0, page, pageSize };
      const rows = await dispensationsOf(
        this.dataSource,
        user.regionId,
        reach,
        {
          ...filter,
          status: ['UNDER_REVIEW'],
        },
        sort,
      );
      const mine = rows.map((r) => this.toListItem(user, r)).filter((d) => d.mayDecide);
      return {
        items: mine.slice((page - 1) * pageSize, page * pageSize),
        total: mine.length,
        page,
        pageSize,
      };
    }
    const rows = await dispensationsOf(this.dataSource, user.regionId, reach, filter, sort, {
      page,
      pageSize,
    });
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && page > 1) {
      // past the end: the count comes from the first page
      const [first] = await dispensationsOf(this.dataSource, user.regionId, reach, filter, sort, {
        page: 1,
        pageSize: 1,
      });
      total = first?.total ?? 0;
    }
    return { items: rows.map((r) => this.toListItem(user, r)), total, page, pageSize };
  }

  /** How many dispensations wait for the user's decision now (the inbox's "waiting for me" total). */
  async waitingForDecision(user: AuthUser): Promise<number> {
    const reach = reachOf(user.grants, Permission.DISPENSATION_READ);
    if (!reach || !reachOf(user.grants, Permission.DISPENSATION_DECIDE)) return 0;
    const rows = await dispensationsOf(this.dataSource, user.regionId, reach, { status: ['UNDER_REVIEW'] });
    return rows.filter((r) => this.toDto(user, r).mayDecide).length;
  }

  private toListItem(user: AuthUser, r: DispensationListRow): DispensationListItem {
    return { ...this.toDto(user, r), profession: r.profession, waitingSince: r.waiting_since.toISOString() };
  }

  async get(user: AuthUser, id: string): Promise<DispensationDetailDto> {
    const m = this.dataSource.manager;
    return this.detail(m, user, await this.readable(m, user, id));
  }

  async approve(ctx: RequestContext, id: string, body: ApproveBody): Promise<DispensationDetailDto> {
    const decided = await this.decide(
      ctx,
      id,
      'APPROVED',
      body.version,
      body.comment ?? null,
      async (m, d, order) => {
        // The terms are the decider's to set at any step: step 1 proposes them, step 2 keeps or
        // changes them (a field left out keeps what the earlier step gave).
        const validFrom = body.validFrom ?? d.valid_from ?? order.period_start;
        const validTo = body.validTo ?? d.valid_to ?? order.period_end;
        const wrong = validityProblem({
          validFrom,
          validTo,
          // a start kept from step 1 is not checked against today again
          fromGiven: body.validFrom !== undefined && body.validFrom !== d.valid_from,
          periodStart: order.period_start,
          periodEnd: order.period_end,
          today: swedishDate(new Date()),
        });
        if (wrong) throw DomainError.validation([validityFieldError(wrong)]);
        // a cap above what the order asks for caps nothing
        if (body.hoursCap !== undefined && new Decimal(body.hoursCap).gt(order.hours)) {
          throw DomainError.validation([
            {
              field: 'hoursCap',
              code: FieldErrorCode.MAX,
              params: { max: order.hours },
              message: `hoursCap must not exceed the order's ${order.hours} hours`,
            },
          ]);
        }
        const total = order.estimated_total;
        if (body.costCap !== undefined && total !== null && new Decimal(body.costCap).gt(total)) {
          throw DomainError.validation([
            {
              field: 'costCap',
              code: FieldErrorCode.MAX,
              params: { max: total },
              message: `costCap must not exceed the order's estimated cost ${total} SEK`,
            },
          ]);
        }
        const lastStep = approvalIsFinal({
          grants: ctx.user.grants,
          placement: placementOf(d),
          step: d.step === 2 ? 2 : 1,
          stepsRequired: d.steps_required,
        });
        const terms = {
          conditions: body.conditions ?? d.conditions,
          valid_from: validFrom,
          valid_to: validTo,
          hours_cap: body.hoursCap ?? d.hours_cap,
          cost_cap: body.costCap ?? d.cost_cap,
          delegation_reference: body.delegationReference ?? d.delegation_reference,
        };
        await transition(m, {
          table: 'dispensations',
          entity: 'dispensation',
          id: d.id,
          regionId: d.region_id,
          action: 'approve',
          from: DISPENSATION_TRANSITIONS.approve.from,
          to: lastStep ? 'APPROVED' : 'UNDER_REVIEW',
          version: body.version,
          where: `step = ${d.step}`,
          set: lastStep
            ? terms
            : { ...terms, step: d.step + 1, waiting_since: new Date(), reminded_at: null },
        });
        if (lastStep) await this.moveOrder(m, followUp(ctx, order), order, 'approve');
        return lastStep ? 'dispensation.approve' : 'dispensation.approve-step';
      },
    );
    return decided;
  }

  async reject(ctx: RequestContext, id: string, body: CommentedDecisionBody): Promise<DispensationDetailDto> {
    return this.decide(ctx, id, 'REJECTED', body.version, body.comment, async (m, d, order) => {
      await changeDispensation(m, d, 'reject', body.version);
      await this.moveOrder(m, followUp(ctx, order), order, 'reject');
      return 'dispensation.reject';
    });
  }

  async returnForInformation(
    ctx: RequestContext,
    id: string,
    body: CommentedDecisionBody,
  ): Promise<DispensationDetailDto> {
    return this.decide(ctx, id, 'RETURNED', body.version, body.comment, async (m, d) => {
      // the review starts over: the terms an earlier step proposed go with it
      await changeDispensation(m, d, 'return', body.version, { step: 1, ...NO_TERMS });
      return 'dispensation.return';
    });
  }

  async revoke(ctx: RequestContext, id: string, body: CommentedDecisionBody): Promise<DispensationDetailDto> {
    return this.decide(ctx, id, 'REVOKED', body.version, body.comment, async (m, d, order) => {
      await changeDispensation(m, d, 'revoke', body.version);
      if ((CANCELLABLE_ORDER_STATES as readonly string[]).includes(order.status))
        await this.moveOrder(m, followUp(ctx, order), order, 'cancel');
      return 'dispensation.revoke';
    });
  }

  /** The requester's side (or another manager of the unit): answer a return with a new justification. */
  async resubmit(
    ctx: RequestContext,
    id: string,
    version: number,
    justification: Justification,
  ): Promise<DispensationDetailDto> {
    const result = await this.dataSource.transaction(async (m) => {
      const before = await this.writable(m, ctx.user, id);
      assertCurrent(before, {
        entity: 'dispensation',
        action: 'resubmit',
        from: DISPENSATION_TRANSITIONS.resubmit.from,
        version,
      });
      // as on the first submit: an order is asked for work to come, never for days already gone
      const order = (await loadOrder(m, before.region_id, before.order_id)) as OrderRow;
      const today = swedishDate(new Date());
      if (order.period_start < today) {
        throw new DomainError(
          ErrorCode.ORDER_PERIOD_STARTED,
          `Cannot resubmit the dispensation: the order's period started on ${order.period_start}`,
          { params: { periodStart: order.period_start, today } },
        );
      }
      await transition(m, {
        table: 'dispensations',
        entity: 'dispensation',
        id,
        regionId: before.region_id,
        action: 'resubmit',
        from: DISPENSATION_TRANSITIONS.resubmit.from,
        to: 'UNDER_REVIEW',
        version,
        set: {
          patient_safety_need: justification.patientSafetyNeed.trim(),
          alternatives_tried: justification.alternativesTried.trim(),
          step: 1,
          waiting_since: new Date(),
          reminded_at: null,
        },
      });
      const after = (await loadDispensation(m, before.region_id, id)) as DispensationRow;
      await this.audit.record(m, ctx.actor, {
        action: 'dispensation.resubmit',
        entityType: AuditEntity.DISPENSATION,
        entityId: id,
        before: dispensationSnapshot(before),
        after: dispensationSnapshot(after),
      });
      await this.requests.announce(m, after);
      return after;
    });
    return this.detail(this.dataSource.manager, ctx.user, result);
  }

  /** Withdraw before a decision: the order goes back to DRAFT so that it can be changed. */
  async withdraw(ctx: RequestContext, id: string, version: number): Promise<DispensationDetailDto> {
    const withdrawn = await this.dataSource.transaction(async (m) => {
      const before = await this.writable(m, ctx.user, id);
      await changeDispensation(m, before, 'withdraw', version);
      const order = (await loadOrder(m, before.region_id, before.order_id, true)) as OrderRow;
      await this.moveOrder(m, ctx.actor, order, 'reopen');
      const after = (await loadDispensation(m, before.region_id, id)) as DispensationRow;
      await this.audit.record(m, ctx.actor, {
        action: 'dispensation.withdraw',
        entityType: AuditEntity.DISPENSATION,
        entityId: id,
        before: dispensationSnapshot(before),
        after: dispensationSnapshot(after),
      });
      return after;
    });
    return this.detail(this.dataSource.manager, ctx.user, withdrawn);
  }

  /** The dispensation as `user` sees it: with what they may do with it now. */
  private toDto(user: AuthUser, d: DispensationRow): DispensationDto {
    const managesUnit = canAccess(user.grants, Permission.ORDER_WRITE, placementOf(d));
    const isOpen = (action: 'resubmit' | 'withdraw') =>
      (DISPENSATION_TRANSITIONS[action].from as readonly string[]).includes(d.status);
    return toDispensationDto(d, {
      mayDecide: d.status === 'UNDER_REVIEW' && this.blockerFor(user, d) === null,
      mayResubmit: managesUnit && isOpen('resubmit'),
      mayWithdraw: managesUnit && isOpen('withdraw'),
      mayRevoke: d.status === 'APPROVED' && this.revokeBlocker(user, d) === null,
    });
  }

  /**
   * The dispensation as its page shows it to `user`: with the order's facts (read through the
   * orders module's queries), who decides the step that waits, and the validity limits.
   */
  private async detail(m: EntityManager, user: AuthUser, d: DispensationRow): Promise<DispensationDetailDto> {
    const order = (await loadOrder(m, d.region_id, d.order_id)) as OrderRow;
    const facts = {
      profession: order.profession,
      competenceLevel: order.competence_level,
      specialty: order.specialty,
      periodStart: order.period_start,
      periodEnd: order.period_end,
      hours: order.hours,
      estimate: order.estimate,
    };
    return {
      ...this.toDto(user, d),
      order: facts,
      decider: d.status === 'UNDER_REVIEW' ? await this.deciderOf(m, d) : null,
      validityLimits: validityLimits(facts),
    };
  }

  /**
   * Who decides the step that waits, as `decisionBlocker` has it: step 1 the area's chiefs, or the
   * directors when the area has no chief other than the requester; step 2 the directors who did
   * not take step 1.
   */
  private async deciderOf(m: EntityManager, d: DispensationRow): Promise<DispensationDecider> {
    const step = d.step === 2 ? 2 : 1;
    const earlier = (d.decisions ?? []).filter((x) => x.step < d.step && x.outcome === 'APPROVED');
    const candidates = await deciderCandidates(m, step, {
      regionId: d.region_id,
      requestedBy: d.requested_by,
      decidedEarlier: earlier.map((x) => x.decidedById),
      areaId: d.area_id,
    });
    const role = step === 1 && d.area_chief_available ? 'AREA_CHIEF' : 'HEALTHCARE_DIRECTOR';
    const names = [...new Set(candidates.filter((c) => c.role === role).map((c) => c.name))].sort((a, b) =>
      a.localeCompare(b, 'sv'),
    );
    return { role, areaName: role === 'AREA_CHIEF' ? d.area_name : null, names };
  }

  /** Why this user may not decide the current step, or null when they may. */
  private blockerFor(user: AuthUser, d: DispensationRow): DecisionBlocker | null {
    const earlierSteps = (d.decisions ?? []).filter((x) => x.step < d.step && x.outcome === 'APPROVED');
    return decisionBlocker({
      grants: user.grants,
      placement: placementOf(d),
      step: d.step === 2 ? 2 : 1,
      userId: user.id,
      requesterId: d.requested_by,
      earlierDeciderIds: earlierSteps.map((x) => x.decidedById),
      areaChiefAvailable: d.area_chief_available,
    });
  }

  /** One decision: access, the change itself, the decision row, the audit entry, the e-mail. */
  private async decide(
    ctx: RequestContext,
    id: string,
    outcome: Decision,
    version: number,
    comment: string | null,
    apply: (m: EntityManager, d: DispensationRow, order: OrderRow) => Promise<string>,
  ): Promise<DispensationDetailDto> {
    const after = await this.dataSource.transaction(async (m) => {
      const before = await this.readable(m, ctx.user, id, true);
      // what happened to it first (409), then whether this ctx.user could act on it (403)
      assertCurrent(before, {
        entity: 'dispensation',
        action: ACTION_OF[outcome],
        from: DISPENSATION_TRANSITIONS[ACTION_OF[outcome]].from,
        version,
      });
      const blocker =
        outcome === 'REVOKED' ? this.revokeBlocker(ctx.user, before) : this.blockerFor(ctx.user, before);
      if (blocker)
        throw new DomainError(DECISION_BLOCKER_CODES[blocker], blocker, { params: { step: before.step } });
      const order = (await loadOrder(m, before.region_id, before.order_id, true)) as OrderRow;
      const done = await apply(m, before, order);
      await insertDecision(m, {
        dispensationId: id,
        regionId: before.region_id,
        step: before.step,
        outcome,
        decidedBy: ctx.user.id,
        comment: comment?.trim() || null,
      });
      const changed = (await loadDispensation(m, before.region_id, id)) as DispensationRow;
      await this.audit.record(m, ctx.actor, {
        action: done,
        entityType: AuditEntity.DISPENSATION,
        entityId: id,
        before: dispensationSnapshot(before),
        after: { ...dispensationSnapshot(changed), comment },
      });
      await this.notifications.enqueue(
        m,
        done === 'dispensation.approve-step'
          ? NotificationJob.DISPENSATION_WAITING
          : NotificationJob.DISPENSATION_DECIDED,
        { regionId: changed.region_id, dispensationId: changed.id, version: changed.version },
      );
      if (changed.status === 'APPROVED') {
        // the register counts it in the month of approval, and the hours already booked against
        // its order in their own months
        const booked = await bookedMonths(m, changed.region_id, changed.order_id);
        const months = new Set([swedishDate(new Date()).slice(0, 7), ...booked]);
        await this.rollups.enqueue(
          m,
          changed.region_id,
          months,
          `dispensation-${changed.id}-${changed.version}`,
        );
      }
      return changed;
    });
    return this.detail(this.dataSource.manager, ctx.user, after);
  }

  /** Revocation is for the area chief of the area or the director, whoever is available; never the requester. */
  private revokeBlocker(user: AuthUser, d: DispensationRow): DecisionBlocker | null {
    return decisionBlocker({
      grants: user.grants,
      placement: placementOf(d),
      step: 1,
      userId: user.id,
      requesterId: d.requested_by,
      earlierDeciderIds: [],
      areaChiefAvailable: false,
    });
  }

  private async moveOrder(
    m: EntityManager,
    actor: Actor,
    order: OrderRow,
    action: keyof typeof ORDER_TRANSITIONS,
  ): Promise<void> {
    const t = ORDER_TRANSITIONS[action];
    await transition(m, {
      table: 'orders',
      entity: 'order',
      id: order.id,
      regionId: order.region_id,
      action,
      from: t.from,
      to: t.to,
    });
    await this.audit.record(m, actor, {
      action: `order.${action}`,
      entityType: AuditEntity.ORDER,
      entityId: order.id,
      before: orderSnapshot(order),
      after: { ...orderSnapshot(order), status: t.to },
    });
  }

  /** The dispensation when the user may read it; `lock` locks it (after its order) for a change. */
  private async readable(
    m: EntityManager,
    user: AuthUser,
    id: string,
    lock = false,
  ): Promise<DispensationRow> {
    const row = await (lock ? lockDispensation : loadDispensation)(m, user.regionId, id);
    if (!row) throw DomainError.notFound('Dispensation', id);
    requireAccess(user, placementOf(row), Permission.DISPENSATION_READ, { ...READ, key: id });
    return row;
  }

  /** The dispensation locked for a change by its requester's side (another manager of the unit). */
  private async writable(m: EntityManager, user: AuthUser, id: string): Promise<DispensationRow> {
    const row = await this.readable(m, user, id, true);
    requireAccess(user, placementOf(row), Permission.ORDER_WRITE, { ...READ, key: id });
    return row;
  }
}
