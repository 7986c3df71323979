import { AuditEntity } from '@hyrkoll/contracts';
import { ORDER_TRANSITIONS } from '@hyrkoll/domain';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { systemActor } from '../../common/auth/auth-user';
import { transition } from '../../common/state/transition';
import { AuditService } from '../audit/audit.service';
import {
  awardsPastDeadline,
  DueOrder,
  lapseAwardedBid,
  loadOrder,
  OrderRow,
  orderSnapshot,
  ordersToComplete,
  ordersToStart,
  recordMissedConfirmation,
  registeredBids,
} from './orders.queries';

const BATCH = 200;

/**
 * Time-driven order changes, run by the worker's scheduler. Each order is handled in its own
 * transaction and only if it is still in the state the job looked for, so a job may run twice
 * or in two workers at once without doing anything twice.
 */
@Injectable()
export class OrderLifecycleService {
  private readonly logger = new Logger(OrderLifecycleService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * A supplier that has not confirmed by the deadline: the bid lapses, a supplier deviation is
   * recorded, and the order goes back to its remaining bids, or to UNFILLED when none is left.
   */
  async lapseMissedConfirmations(now: Date): Promise<number> {
    const due = await awardsPastDeadline(this.dataSource, now, BATCH);
    let lapsed = 0;
    for (const { id, region_id: regionId } of due) {
      const done = await this.dataSource.transaction(async (m) => {
        const order = await loadOrder(m, regionId, id, true);
        if (
          !order ||
          order.status !== 'AWARDED' ||
          !order.confirmation_deadline ||
          order.confirmation_deadline >= now
        )
          return false;
        const actor = systemActor(regionId, 'confirmation deadline', null);
        const bid = await lapseAwardedBid(m, order.awarded_bid_id);
        if (bid) {
          await recordMissedConfirmation(m, {
            regionId,
            supplierId: bid.supplier_id,
            orderId: id,
            bidId: bid.id,
            deadline: order.confirmation_deadline,
          });
        }
        const remaining = await registeredBids(m, id);
        const action = remaining > 0 ? 'confirmationMissed' : 'noBidsLeft';
        const t = ORDER_TRANSITIONS[action];
        await transition(m, {
          table: 'orders',
          entity: 'order',
          id,
          regionId,
          action,
          from: t.from,
          to: t.to,
          set: { awarded_bid_id: null, confirmation_deadline: null },
        });
        const after = (await loadOrder(m, regionId, id)) as OrderRow;
        await this.audit.record(m, actor, [
          ...(bid
            ? [
                {
                  action: 'bid.lapse',
                  entityType: AuditEntity.BID,
                  entityId: bid.id,
                  after: { status: 'LAPSED', deviation: 'MISSED_CONFIRMATION' },
                },
                {
                  action: 'supplier.deviation',
                  entityType: AuditEntity.SUPPLIER,
                  entityId: bid.supplier_id,
                  after: { kind: 'MISSED_CONFIRMATION', orderId: id, bidId: bid.id },
                },
              ]
            : []),
          {
            action: `order.${action}`,
            entityType: AuditEntity.ORDER,
            entityId: id,
            before: orderSnapshot(order),
            after: orderSnapshot(after),
          },
        ]);
        return true;
      });
      if (done) lapsed++;
    }
    if (lapsed > 0) this.logger.log(`${lapsed} missed confirmations lapsed`);
    return lapsed;
  }

  /** Confirmed orders start on their first day; started ones complete after their last day. */
  async advanceAssignments(today: string): Promise<{ started: number; completed: number }> {
    const started = await this.advance(await ordersToStart(this.dataSource, today, BATCH), 'start');
    const completed = await this.advance(await ordersToComplete(this.dataSource, today, BATCH), 'complete');
    return { started, completed };
  }

  private async advance(due: DueOrder[], action: 'start' | 'complete'): Promise<number> {
    let count = 0;
    for (const { id, region_id: regionId } of due) {
      await this.dataSource.transaction(async (m) => {
        const order = await loadOrder(m, regionId, id, true);
        const t = ORDER_TRANSITIONS[action];
        if (!order || !(t.from as readonly string[]).includes(order.status)) return;
        await transition(m, {
          table: 'orders',
          entity: 'order',
          id,
          regionId,
          action,
          from: t.from,
          to: t.to,
        });
        await this.audit.record(m, systemActor(regionId, 'assignment period', null), {
          action: `order.${action}`,
          entityType: AuditEntity.ORDER,
          entityId: id,
          before: orderSnapshot(order),
          after: { ...orderSnapshot(order), status: t.to },
        });
        count++;
      });
    }
    return count;
  }
}
