import { AuditEntity, DispensationDetailDto, FieldError, FieldErrorCode } from '@hyrkoll/contracts';
import {
  approvalIsFinal,
  CANCELLABLE_ORDER_STATES,
  DISPENSATION_TRANSITIONS,
  swedishDate,
  VALIDITY_MARGIN_DAYS,
  type ValidityProblem,
  validityProblem,
} from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { DataSource, EntityManager } from 'typeorm';

import { type Actor, type RequestContext, systemActor } from '../../common/auth/auth-user';
import { DECISION_BLOCKER_CODES } from '../../common/errors/decision-blockers';
import { DomainError } from '../../common/errors/domain-error';
import { assertCurrent, transition } from '../../common/state/transition';
import { AuditService } from '../audit/audit.service';
import { NotificationsProducer } from '../notifications/notifications.producer';
import { NotificationJob } from '../notifications/notifications.queue';
import { loadOrder, type OrderRow, placementOf } from '../orders/orders.queries';
import { RollupsProducer } from '../rollups/rollups.producer';
import { blockerFor, revokeBlocker } from './dispensation-blockers';
import {
  bookedMonths,
  changeDispensation,
  DispensationRow,
  dispensationSnapshot,
  insertDecision,
  loadDispensation,
} from './dispensations.queries';
import { DispensationsService } from './dispensations.service';
import type { ApproveBody, CommentedDecisionBody } from './dto/dispensation.dto';
import { moveOrder } from './move-order';

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

/** The deciders' side of a dispensation: approve (in one or two steps), reject, return, revoke. */
@Injectable()
export class DispensationDecisions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsProducer,
    private readonly rollups: RollupsProducer,
    private readonly dispensations: DispensationsService,
  ) {}

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
        if (lastStep) await moveOrder(m, this.audit, followUp(ctx, order), order, 'approve');
        return lastStep ? 'dispensation.approve' : 'dispensation.approve-step';
      },
    );
    return decided;
  }

  async reject(ctx: RequestContext, id: string, body: CommentedDecisionBody): Promise<DispensationDetailDto> {
    return this.decide(ctx, id, 'REJECTED', body.version, body.comment, async (m, d, order) => {
      await changeDispensation(m, d, 'reject', body.version);
      await moveOrder(m, this.audit, followUp(ctx, order), order, 'reject');
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
        await moveOrder(m, this.audit, followUp(ctx, order), order, 'cancel');
      return 'dispensation.revoke';
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
      const before = await this.dispensations.readable(m, ctx.user, id, true);
      // what happened to it first (409), then whether this ctx.user could act on it (403)
      assertCurrent(before, {
        entity: 'dispensation',
        action: ACTION_OF[outcome],
        from: DISPENSATION_TRANSITIONS[ACTION_OF[outcome]].from,
        version,
      });
      const blocker = outcome === 'REVOKED' ? revokeBlocker(ctx.user, before) : blockerFor(ctx.user, before);
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
    return this.dispensations.detail(this.dataSource.manager, ctx.user, after);
  }
}
