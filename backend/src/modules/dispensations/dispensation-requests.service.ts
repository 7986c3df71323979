import { randomUUID } from 'node:crypto';

import { AuditEntity, Justification, TriggeredRule } from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { type Actor, systemActor } from '../../common/auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { NotificationsProducer } from '../notifications/notifications.producer';
import { NotificationJob } from '../notifications/notifications.queue';
import { OrderApprovals } from '../orders/order-approvals';
import type { OrderRow } from '../orders/orders.queries';
import {
  changeDispensation,
  dispensationOfOrder,
  DispensationRow,
  dispensationSnapshot,
  FIRST_VERSION,
  loadDispensation,
  openDispensation,
} from './dispensations.queries';

const OPEN = ['SUBMITTED', 'UNDER_REVIEW', 'RETURNED'];

/** The order's side of a dispensation: opened when the order is submitted, withdrawn when it is cancelled. */
@Injectable()
export class DispensationRequests implements OrderApprovals {
  constructor(
    private readonly audit: AuditService,
    private readonly notifications: NotificationsProducer,
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
}
