import { AuditEntity } from '@hyrkoll/contracts';
import { ORDER_TRANSITIONS } from '@hyrkoll/domain';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { systemActor } from '../../common/auth/auth-user';
import { transition } from '../../common/state/transition';
import { execute } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { loadOrder, OrderRow, orderSnapshot } from './orders.queries';

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
    const due = await this.dataSource.query<{ id: string; region_id: string }[]>(
      `SELECT id, region_id FROM orders WHERE status = 'AWARDED' AND confirmation_deadline < $1 ORDER BY confirmation_deadline LIMIT $2`,
      [now, BATCH],
    );
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
        const { rows: bids } = await execute<{ id: string; supplier_id: string }>(
          m,
          `UPDATE bids SET status = 'LAPSED' WHERE id = $1 AND status = 'AWARDED' RETURNING id, supplier_id`,
          [order.awarded_bid_id],
        );
        const bid = bids[0];
        if (bid) {
          await m.query(
            `INSERT INTO supplier_deviations (region_id, supplier_id, order_id, bid_id, kind, details)
             VALUES ($1, $2, $3, $4, 'MISSED_CONFIRMATION', $5) ON CONFLICT (bid_id, kind) DO NOTHING`,
            [
              regionId,
              bid.supplier_id,
              id,
              bid.id,
              JSON.stringify({ deadline: order.confirmation_deadline.toISOString() }),
            ],
          );
        }
        const [{ remaining }] = await m.query<{ remaining: number }[]>(
          `SELECT count(*)::int AS remaining FROM bids WHERE order_id = $1 AND status = 'REGISTERED'`,
          [id],
        );
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
    const started = await this.advance(
      `SELECT id, region_id FROM orders WHERE status = 'CONFIRMED' AND period_start <= $1 LIMIT ${BATCH}`,
      today,
      'start',
    );
    const completed = await this.advance(
      `SELECT id, region_id FROM orders WHERE status = 'IN_PROGRESS' AND period_end < $1 LIMIT ${BATCH}`,
      today,
      'complete',
    );
    return { started, completed };
  }

  private async advance(select: string, today: string, action: 'start' | 'complete'): Promise<number> {
    const due = await this.dataSource.query<{ id: string; region_id: string }[]>(select, [today]);
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
