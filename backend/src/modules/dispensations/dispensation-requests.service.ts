import { randomUUID } from 'node:crypto';

import { AuditEntity, Justification, TriggeredRule } from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { outboxInsert } from '../../common/outbox/outbox';
import { prepared, select } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { NotificationsProducer } from '../notifications/notifications.producer';
import { NotificationJob } from '../notifications/notifications.queue';
import type { OrderRow } from '../orders/orders.queries';
import {
  changeDispensation,
  dispensationOfOrder,
  DispensationRow,
  dispensationSelect,
  dispensationSnapshot,
  loadDispensation,
} from './dispensations.queries';

const OPEN = ['SUBMITTED', 'UNDER_REVIEW', 'RETURNED'];

/** The version of a dispensation as it is opened; its first e-mail job is named by it. */
const FIRST_VERSION = 1;

/**
 * Inserts the dispensation of a submitted order with the outbox row of its e-mail to the decider
 * (one statement, one round trip), and reads it back as `loadDispensation` does. $1–$11 the
 * dispensation, $12–$17 the outbox job (`outboxInsert`).
 */
const OPEN_DISPENSATION = prepared(
  `WITH inserted AS (
       INSERT INTO dispensations (id, region_id, order_id, unit_id, area_id, status, step, steps_required, rules,
         patient_safety_need, alternatives_tried, requested_by, estimated_cost, version)
       VALUES ($1, $2, $3, $4, $5, 'UNDER_REVIEW', 1, $6, $7, $8, $9, $10, $11, ${FIRST_VERSION}) RETURNING *),
     queued AS (${outboxInsert(12)})
     ${dispensationSelect('inserted')}`,
);

/** The order's side of a dispensation: opened when the order is submitted, withdrawn when it is cancelled. */
@Injectable()
export class DispensationRequests {
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
    const [created] = await select<DispensationRow>(m, OPEN_DISPENSATION, [
      id,
      order.region_id,
      order.id,
      order.unit_id,
      order.area_id,
      stepsRequired,
      JSON.stringify(rules),
      justification.patientSafetyNeed.trim(),
      justification.alternativesTried.trim(),
      actor.userId,
      order.estimated_total,
      ...this.notifications.parameters(NotificationJob.DISPENSATION_WAITING, job),
    ]);
    if (!created) throw new Error(`the dispensation for order ${order.id} was not written`);
    // SUBMITTED and then straight to review by the first step's decider.
    await this.audit.record(m, actor, [
      {
        action: 'dispensation.submit',
        entityType: AuditEntity.DISPENSATION,
        entityId: id,
        after: { ...dispensationSnapshot(created), status: 'SUBMITTED' },
      },
      {
        action: 'dispensation.start-review',
        entityType: AuditEntity.DISPENSATION,
        entityId: id,
        after: dispensationSnapshot(created),
      },
    ]);
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
