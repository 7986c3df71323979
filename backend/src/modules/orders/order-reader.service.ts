import { ListPage, OrderDecisionWait, OrderDto, OrderHoursDto, Permission } from '@hyrkoll/contracts';
import { addWorkingDays, DEFAULT_POLICY, reachOf, swedishDate } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { requireAccess } from '../../common/auth/access';
import type { AuthUser } from '../../common/auth/auth-user';
import { pageOf } from '../../common/dto/list-query';
import { DomainError } from '../../common/errors/domain-error';
import type { OrderListQuery } from './dto/order.dto';
import { orderPage } from './order-list.queries';
import {
  bookedHoursOf,
  loadOrder,
  OrderRow,
  placementOf,
  toOrderDto,
  waitingDispensationOf,
} from './orders.queries';

const READ = { permission: Permission.ORDER_READ, what: 'Order' };

/**
 * Orders as their readers see them: the list, one order with who decides its dispensation, the
 * hours booked against it, and the read access check the services that change orders and bids
 * share.
 */
@Injectable()
export class OrderReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One order, with who decides its dispensation while it is under review. */
  async get(user: AuthUser, id: string): Promise<OrderDto> {
    const order = toOrderDto(await this.loadReadable(this.dataSource.manager, user, id));
    if (order.status !== 'AWAITING_DISPENSATION') return { ...order, waitingFor: null };
    return { ...order, waitingFor: await this.waitingFor(user.regionId, id) };
  }

  /**
   * Who decides the order's dispensation now, as the notifications choose whom to e-mail: the
   * area chiefs of the area when there are any, else the health-care director; and the day
   * they are reminded (`reminderAfterWorkingDays` Swedish working days after it began to wait).
   */
  async waitingFor(regionId: string, id: string): Promise<OrderDecisionWait | null> {
    const row = await waitingDispensationOf(this.dataSource.manager, regionId, id);
    if (!row) return null;
    const candidates = row.candidates ?? [];
    const chiefs = candidates.filter((c) => c.role === 'AREA_CHIEF');
    const chosen = chiefs.length > 0 ? chiefs : candidates;
    const step = row.step === 2 ? 2 : 1;
    const days = row.reminder_days ?? DEFAULT_POLICY.reminderAfterWorkingDays;
    return {
      step,
      stepsRequired: row.steps_required,
      deciderRole: chosen[0]?.role ?? (step === 1 ? 'AREA_CHIEF' : 'HEALTHCARE_DIRECTOR'),
      deciders: [...new Set(chosen.map((c) => c.name))],
      areaName: row.area_name,
      remindOn: row.reminded_at ? null : addWorkingDays(swedishDate(row.waiting_since), days),
    };
  }

  /** Hours and cost booked against an order you can read, by month and supplier, summed exactly in SQL. */
  async bookedHours(user: AuthUser, id: string): Promise<OrderHoursDto> {
    const order = await this.loadReadable(this.dataSource.manager, user, id);
    const rows = await bookedHoursOf(this.dataSource, user.regionId, id);
    const total = rows.find((r) => r.month === null);
    return {
      months: rows
        .filter((r) => r.month !== null)
        .map((r) => ({
          month: r.month as string,
          supplier: r.supplier ?? '',
          hours: r.hours,
          costSek: r.cost_sek,
        })),
      totalHours: total?.hours ?? '0.00',
      totalCostSek: total?.cost_sek ?? '0.00',
      orderedHours: toOrderDto(order).hours,
    };
  }

  async list(user: AuthUser, query: OrderListQuery): Promise<ListPage<OrderDto>> {
    const reach = reachOf(user.grants, Permission.ORDER_READ);
    const { page, pageSize } = pageOf(query);
    if (!reach) return { items: [], total: 0, page, pageSize };
    const sort = { column: query.sort ?? 'created', direction: query.dir };
    const rows = await orderPage(this.dataSource, user.regionId, reach, query, sort, page, pageSize);
    const items = rows.filter((r) => r.id !== null).map(toOrderDto);
    return { items, total: rows[0]?.total ?? 0, page, pageSize };
  }

  async loadReadable(m: EntityManager, user: AuthUser, id: string, lock = false): Promise<OrderRow> {
    const row = await loadOrder(m, user.regionId, id, lock);
    if (!row) throw DomainError.notFound('Order', id);
    requireAccess(user, placementOf(row), Permission.ORDER_READ, { ...READ, key: id });
    return row;
  }
}
