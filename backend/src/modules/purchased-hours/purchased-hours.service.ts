import {
  CareSetting,
  Permission,
  ProfessionGroup,
  PURCHASED_HOURS_DEFAULT_PAGE_SIZE,
  PurchasedHoursPageDto,
  PurchasedHoursQuery,
  PurchasedHoursRowDto,
} from '@hyrkoll/contracts';
import { monthsBetween, reachOf } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { purchasedHoursWhere } from './purchased-hours.queries';

interface Row {
  id: string;
  month: string;
  supplier_id: string | null;
  supplier_name: string;
  unit_id: string;
  unit_cost_centre: string;
  unit_name: string;
  area_id: string;
  area_code: string;
  area_name: string;
  care_setting: CareSetting;
  profession_group: ProfessionGroup;
  hours: string;
  cost_sek: string;
  order_id: string | null;
  order_reference: string | null;
  import_id: string;
  source: string;
}

function toDto(r: Row): PurchasedHoursRowDto {
  return {
    id: r.id,
    month: r.month,
    supplier: { id: r.supplier_id, name: r.supplier_name, onAgreement: r.supplier_id !== null },
    unit: { id: r.unit_id, costCentre: r.unit_cost_centre, name: r.unit_name },
    area: { id: r.area_id, code: r.area_code, name: r.area_name },
    careSetting: r.care_setting,
    professionGroup: r.profession_group,
    hours: r.hours,
    costSek: r.cost_sek,
    order: r.order_id && r.order_reference ? { id: r.order_id, reference: r.order_reference } : null,
    matched: r.order_id !== null,
    importId: r.import_id,
    source: r.source,
  };
}

/**
 * The imported purchased-hours rows, as they were imported, for the purchaser to follow up:
 * filtered and paged in SQL, always within the user's region; exact decimals as text.
 */
@Injectable()
export class PurchasedHoursService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(user: AuthUser, query: PurchasedHoursQuery): Promise<PurchasedHoursPageDto> {
    if (query.from && query.to && monthsBetween(query.from, query.to) < 0) {
      throw DomainError.validation([{ field: 'to', message: 'to must not be before from' }]);
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? PURCHASED_HOURS_DEFAULT_PAGE_SIZE;
    const reach = reachOf(user.grants, Permission.IMPORT_MANAGE);
    const latestMonth = () =>
      this.dataSource
        .query<{ month: string | null }[]>(
          `SELECT to_char(max(month), 'YYYY-MM') AS month FROM purchased_hours WHERE region_id = $1`,
          [user.regionId],
        )
        .then(([latest]) => latest?.month ?? null);
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
    const from = 'FROM purchased_hours p LEFT JOIN suppliers s ON s.id = p.supplier_id';
    const limit = where.params.length + 1;
    // three independent reads, each on its own connection: a filter that scans the region's
    // rows (a supplier's name) is read for the sums and for the page at the same time
    const [latest, [sums], rows] = await Promise.all([
      latestMonth(),
      // sums of any number of rows: unbounded numeric, rounded (not cast to a precision, which
      // would overflow); the count as text, exact as a number up to 2^53
      this.dataSource.query<{ total: string; hours: string; cost: string }[]>(
        `SELECT count(*)::text AS total, round(COALESCE(sum(p.hours), 0), 2)::text AS hours,
                round(COALESCE(sum(p.cost_sek), 0), 2)::text AS cost
           ${from} WHERE ${where.sql}`,
        where.params,
      ),
      this.dataSource.query<Row[]>(
        `SELECT p.id::text AS id, to_char(p.month, 'YYYY-MM') AS month,
                p.supplier_id, COALESCE(s.name, p.supplier_text) AS supplier_name,
                p.unit_id, u.cost_centre AS unit_cost_centre, u.name AS unit_name,
                p.area_id, a.code AS area_code, a.name AS area_name,
                p.care_setting, p.profession_group, p.hours::text AS hours, p.cost_sek::text AS cost_sek,
                p.order_id, o.reference AS order_reference, p.import_id, p.source
           ${from}
           JOIN units u ON u.id = p.unit_id
           JOIN areas a ON a.id = p.area_id
           LEFT JOIN orders o ON o.id = p.order_id
          WHERE ${where.sql}
          ORDER BY p.month DESC, a.name, u.name, p.profession_group, COALESCE(s.name, p.supplier_text), p.id
          LIMIT $${limit} OFFSET $${limit + 1}`,
        [...where.params, pageSize, (page - 1) * pageSize],
      ),
    ]);
    return {
      items: rows.map(toDto),
      total: Number(sums?.total ?? 0),
      totalHours: sums?.hours ?? '0.00',
      totalCostSek: sums?.cost ?? '0.00',
      page,
      pageSize,
      latestMonth: latest,
    };
  }
}
