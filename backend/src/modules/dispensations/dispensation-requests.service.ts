import { randomUUID } from 'node:crypto';

import {
  AuditEntity,
  DispensationDetailDto,
  ErrorCode,
  Justification,
  TriggeredRule,
} from '@hyrkoll/contracts';
import { DISPENSATION_TRANSITIONS, swedishDate } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, type RequestContext, systemActor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { assertCurrent, transition } from '../../common/state/transition';
import { AuditService } from '../audit/audit.service';
import { NotificationsProducer } from '../notifications/notifications.producer';
import { NotificationJob } from '../notifications/notifications.queue';
import { OrderApprovals } from '../orders/order-approvals';
import { loadOrder, type OrderRow } from '../orders/orders.queries';
import {
  changeDispensation,
  dispensationOfOrder,
  DispensationRow,
  dispensationSnapshot,
  FIRST_VERSION,
  loadDispensation,
  openDispensation,
} from './dispensations.queries';
import { DispensationsService } from './dispensations.service';
import { moveOrder } from './move-order';

const OPEN = ['SUBMITTED', 'UNDER_REVIEW', 'RETURNED'];

/**
 * The requester's side of a dispensation: opened when the order is submitted, answered after a
 * return, withdrawn before a decision or when the order is cancelled.
 */
@Injectable()
export class DispensationRequests implements OrderApprovals {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsProducer,
    private readonly dispensations: DispensationsService,
  ) {}

  /** Opens the dispensation of a submitted order (inside the order's transaction). */
  async openForOrder(
    m: EntityManager,
    actor: Actor,
    order: OrderRow,
    rules: TriggeredRule[],
    justification: Justification,
    stepsRequired: number,
  ): Promise<DispensationRow> {
    // The id is made here, so that the e-mail job, which is named by it, goes in the same statement.
    const id = randomUUID();
    const job = { regionId: order.region_id, dispensationId: id, version: FIRST_VERSION };
    const created = await openDispensation(
      m,
      {
        id,
        region_id: order.region_id,
        order_id: order.id,
        unit_id: order.unit_id,
        area_id: order.area_id,
        steps_required: stepsRequired,
        rules: JSON.stringify(rules),
        patient_safety_need: justification.patientSafetyNeed.trim(),
        alternatives_tried: justification.alternativesTried.trim(),
        requested_by: actor.userId,
        estimated_cost: order.estimated_total,
      },
      this.notifications.parameters(NotificationJob.DISPENSATION_WAITING, job),
    );
    if (!created) throw new Error(`the dispensation for order ${order.id} was not written`);
    // SUBMITTED by the requester, then put to review by Hyrkoll itself: the trail credits that
    // step to the system, not to the user (docs/workflow.md, "Who did it").
    await this.audit.record(m, actor, {
      action: 'dispensation.submit',
      entityType: AuditEntity.DISPENSATION,
      entityId: id,
      after: { ...dispensationSnapshot(created), status: 'SUBMITTED' },
    });
    await this.audit.record(m, systemActor(order.region_id, 'dispensation review', actor.requestId), {
      action: 'dispensation.start-review',
      entityType: AuditEntity.DISPENSATION,
      entityId: id,
      after: dispensationSnapshot(created),
    });
    return created;
  }

  /** Queues the e-mail to the decider in the transaction that reopened the dispensation (`openForOrder` queues its own). */
  async announce(m: EntityManager, row: DispensationRow): Promise<void> {
    await this.notifications.enqueue(m, NotificationJob.DISPENSATION_WAITING, {
      regionId: row.region_id,
      dispensationId: row.id,
      version: row.version,
    });
  }

  /** Withdraws the open dispensation of an order that is being cancelled (inside its transaction). */
  async withdrawForCancelledOrder(
    m: EntityManager,
    actor: Actor,
    orderId: string,
    regionId: string,
  ): Promise<void> {
    const openId = await dispensationOfOrder(m, regionId, orderId, OPEN);
    if (!openId) return;
    const before = (await loadDispensation(m, regionId, openId)) as DispensationRow;
    await changeDispensation(m, before, 'withdraw');
    await this.audit.record(m, actor, {
      action: 'dispensation.withdraw',
      entityType: AuditEntity.DISPENSATION,
      entityId: openId,
      before: dispensationSnapshot(before),
      after: { ...dispensationSnapshot(before), status: 'WITHDRAWN' },
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
      const before = await this.dispensations.writable(m, ctx.user, id);
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
      await this.announce(m, after);
      return after;
    });
    return this.dispensations.detail(this.dataSource.manager, ctx.user, result);
  }

  /** Withdraw before a decision: the order goes back to DRAFT so that it can be changed. */
  async withdraw(ctx: RequestContext, id: string, version: number): Promise<DispensationDetailDto> {
    const withdrawn = await this.dataSource.transaction(async (m) => {
      const before = await this.dispensations.writable(m, ctx.user, id);
      await changeDispensation(m, before, 'withdraw', version);
      const order = (await loadOrder(m, before.region_id, before.order_id, true)) as OrderRow;
      await moveOrder(m, this.audit, ctx.actor, order, 'reopen');
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
    return this.dispensations.detail(this.dataSource.manager, ctx.user, withdrawn);
  }
}
