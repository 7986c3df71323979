import {
  DispensationDecider,
  DispensationDetailDto,
  DispensationDto,
  DispensationListItem,
  ListPage,
  Permission,
} from '@hyrkoll/contracts';
import { canAccess, DISPENSATION_TRANSITIONS, reachOf, validityLimits } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { requireAccess } from '../../common/auth/access';
import type { AuthUser } from '../../common/auth/auth-user';
import { pageOf } from '../../common/dto/list-query';
import { DomainError } from '../../common/errors/domain-error';
import { deciderCandidates } from '../notifications/notifications.queries';
import { loadOrder, type OrderRow, placementOf } from '../orders/orders.queries';
import { blockerFor, revokeBlocker } from './dispensation-blockers';
import {
  DispensationListRow,
  DispensationRow,
  dispensationsOf,
  loadDispensation,
  lockDispensation,
  toDispensationDto,
} from './dispensations.queries';
import type { DispensationListQuery } from './dto/dispensation.dto';

const READ = { permission: Permission.DISPENSATION_READ, what: 'Dispensation' };

/**
 * Dispensations as their readers see them: the list and the inbox, one dispensation with its
 * order's facts and who decides it, and the access checks the deciding and the requester's side
 * (`DispensationDecisions`, `DispensationRequests`) read a dispensation through.
 */
@Injectable()
export class DispensationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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

  /** The dispensation as `user` sees it: with what they may do with it now. */
  private toDto(user: AuthUser, d: DispensationRow): DispensationDto {
    const managesUnit = canAccess(user.grants, Permission.ORDER_WRITE, placementOf(d));
    const isOpen = (action: 'resubmit' | 'withdraw') =>
      (DISPENSATION_TRANSITIONS[action].from as readonly string[]).includes(d.status);
    return toDispensationDto(d, {
      mayDecide: d.status === 'UNDER_REVIEW' && blockerFor(user, d) === null,
      mayResubmit: managesUnit && isOpen('resubmit'),
      mayWithdraw: managesUnit && isOpen('withdraw'),
      mayRevoke: d.status === 'APPROVED' && revokeBlocker(user, d) === null,
    });
  }

  /**
   * The dispensation as its page shows it to `user`: with the order's facts (read through the
   * orders module's queries), who decides the step that waits, and the validity limits.
   */
  async detail(m: EntityManager, user: AuthUser, d: DispensationRow): Promise<DispensationDetailDto> {
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

  /** The dispensation when the user may read it; `lock` locks it (after its order) for a change. */
  async readable(m: EntityManager, user: AuthUser, id: string, lock = false): Promise<DispensationRow> {
    const row = await (lock ? lockDispensation : loadDispensation)(m, user.regionId, id);
    if (!row) throw DomainError.notFound('Dispensation', id);
    requireAccess(user, placementOf(row), Permission.DISPENSATION_READ, { ...READ, key: id });
    return row;
  }

  /** The dispensation locked for a change by its requester's side (another manager of the unit). */
  async writable(m: EntityManager, user: AuthUser, id: string): Promise<DispensationRow> {
    const row = await this.readable(m, user, id, true);
    requireAccess(user, placementOf(row), Permission.ORDER_WRITE, { ...READ, key: id });
    return row;
  }
}
