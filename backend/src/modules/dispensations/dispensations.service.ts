import { AuditEntity, DispensationDto, FieldErrorCode, Justification, Permission } from '@hyrkoll/contracts';
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
} from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { requireAccess } from '../../common/auth/access';
import type { Actor, AuthUser, RequestContext } from '../../common/auth/auth-user';
import { DECISION_BLOCKER_CODES } from '../../common/errors/decision-blockers';
import { DomainError } from '../../common/errors/domain-error';
import { assertCurrent, transition } from '../../common/state/transition';
import { AuditService } from '../audit/audit.service';
import { NotificationsProducer } from '../notifications/notifications.producer';
import { NotificationJob } from '../notifications/notifications.queue';
import { loadOrder, type OrderRow, orderSnapshot, placementOf } from '../orders/orders.queries';
import { RollupsProducer } from '../rollups/rollups.producer';
import { DispensationRequests } from './dispensation-requests.service';
import {
  bookedMonths,
  changeDispensation,
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

  async list(
    user: AuthUser,
    query: DispensationListQuery,
  ): Promise<{ items: DispensationDto[]; total: number }> {
    const reach = reachOf(user.grants, Permission.DISPENSATION_READ);
    if (!reach) return { items: [], total: 0 };
    const rows = await dispensationsOf(this.dataSource, user.regionId, reach, query.status);
    let items = rows.map((r) => this.toDto(user, r));
    if (query.waitingForMe) items = items.filter((d) => d.mayDecide);
    const page = query.page ?? 1;
    const size = query.pageSize ?? 25;
    return { items: items.slice((page - 1) * size, page * size), total: items.length };
  }

  async get(user: AuthUser, id: string): Promise<DispensationDto> {
    return this.toDto(user, await this.readable(this.dataSource.manager, user, id));
  }

  async approve(ctx: RequestContext, id: string, body: ApproveBody): Promise<DispensationDto> {
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
        if (validTo < validFrom)
          throw DomainError.validation([
            {
              field: 'validTo',
              code: FieldErrorCode.DATE_ORDER,
              params: { after: 'validFrom' },
              message: 'validTo must not be before validFrom',
            },
          ]);
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
        if (lastStep) await this.moveOrder(m, ctx.actor, order, 'approve');
        return lastStep ? 'dispensation.approve' : 'dispensation.approve-step';
      },
    );
    return decided;
  }

  async reject(ctx: RequestContext, id: string, body: CommentedDecisionBody): Promise<DispensationDto> {
    return this.decide(ctx, id, 'REJECTED', body.version, body.comment, async (m, d, order) => {
      await changeDispensation(m, d, 'reject', body.version);
      await this.moveOrder(m, ctx.actor, order, 'reject');
      return 'dispensation.reject';
    });
  }

  async returnForInformation(
    ctx: RequestContext,
    id: string,
    body: CommentedDecisionBody,
  ): Promise<DispensationDto> {
    return this.decide(ctx, id, 'RETURNED', body.version, body.comment, async (m, d) => {
      // the review starts over: the terms an earlier step proposed go with it
      await changeDispensation(m, d, 'return', body.version, { step: 1, ...NO_TERMS });
      return 'dispensation.return';
    });
  }

  async revoke(ctx: RequestContext, id: string, body: CommentedDecisionBody): Promise<DispensationDto> {
    return this.decide(ctx, id, 'REVOKED', body.version, body.comment, async (m, d, order) => {
      await changeDispensation(m, d, 'revoke', body.version);
      if ((CANCELLABLE_ORDER_STATES as readonly string[]).includes(order.status))
        await this.moveOrder(m, ctx.actor, order, 'cancel');
      return 'dispensation.revoke';
    });
  }

  /** The requester's side (or another manager of the unit): answer a return with a new justification. */
  async resubmit(
    ctx: RequestContext,
    id: string,
    version: number,
    justification: Justification,
  ): Promise<DispensationDto> {
    const result = await this.dataSource.transaction(async (m) => {
      const before = await this.writable(m, ctx.user, id);
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
    return this.toDto(ctx.user, result);
  }

  /** Withdraw before a decision: the order goes back to DRAFT so that it can be changed. */
  async withdraw(ctx: RequestContext, id: string, version: number): Promise<DispensationDto> {
    return this.dataSource.transaction(async (m) => {
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
      return this.toDto(ctx.user, after);
    });
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
  ): Promise<DispensationDto> {
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
    return this.toDto(ctx.user, after);
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
