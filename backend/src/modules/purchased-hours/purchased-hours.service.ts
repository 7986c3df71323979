import {
  FieldErrorCode,
  Permission,
  PURCHASED_HOURS_DEFAULT_PAGE_SIZE,
  PurchasedHoursPageDto,
  PurchasedHoursQuery,
} from '@hyrkoll/contracts';
import { monthsBetween, reachOf } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { latestMonthOf, pageOf, purchasedHoursWhere, sumsOf } from './purchased-hours.queries';

/**
 * The imported purchased-hours rows, as they were imported, for the purchaser to follow up:
 * filtered and paged in SQL, always within the user's region; exact decimals as text.
 */
@Injectable()
export class PurchasedHoursService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(user: AuthUser, query: PurchasedHoursQuery): Promise<PurchasedHoursPageDto> {
    if (query.from && query.to && monthsBetween(query.from, query.to) < 0) {
      throw DomainError.validation([
        {
          field: 'to',
          code: FieldErrorCode.DATE_ORDER,
          params: { after: 'from' },
          message: 'to must not be before from',
        },
      ]);
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? PURCHASED_HOURS_DEFAULT_PAGE_SIZE;
    const reach = reachOf(user.grants, Permission.IMPORT_MANAGE);
    const latestMonth = () => latestMonthOf(this.dataSource, user.regionId);
    if (!reach) {
      return {
        items: [],
        total: 0,
        totalHours: '0.00',
        totalCostSek: '0.00',
        page,
        pageSize,
        latestMonth: await latestMonth(),
      };
    }
    const where = purchasedHoursWhere(user.regionId, reach, {
      from: query.from,
      to: query.to,
      supplier: query.supplier,
      areaId: query.areaId,
      unitId: query.unitId,
      professionGroup: query.professionGroup,
      unmatched: query.unmatched === undefined ? undefined : query.unmatched === 'true',
    });
    // three independent reads, each on its own connection: a filter that scans the region's
    // rows (a supplier's name) is read for the sums and for the page at the same time
    const [latest, sums, rows] = await Promise.all([
      latestMonth(),
      sumsOf(this.dataSource, where),
      pageOf(this.dataSource, where, page, pageSize),
    ]);
    return {
      items: rows,
      total: Number(sums?.total ?? 0),
      totalHours: sums?.hours ?? '0.00',
      totalCostSek: sums?.cost ?? '0.00',
      page,
      pageSize,
      latestMonth: latest,
    };
  }
}
