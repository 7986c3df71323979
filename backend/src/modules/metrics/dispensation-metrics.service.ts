import { DispensationInUseDto, DispensationRegisterDto, MetricFilters, Permission } from '@hyrkoll/contracts';
import { addMonths, reachOf } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { AuthUser } from '../../common/auth/auth-user';
import { dispensationsInUse, registerRows } from './metrics.queries';
import { MetricsCache } from './metrics-cache';
import { checkFilters, checkRange, filterKey, type Reach, reachKey } from './metrics-checks';

/**
 * The dispensation measures of the dashboard: the register (from its rollup, cached as the other
 * measures are) and the granted dispensations in use in a period.
 */
@Injectable()
export class DispensationMetricsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: MetricsCache,
  ) {}

  /** The dispensation register per month by rule type, area and profession group (from its rollup). */
  async dispensationRegister(
    user: AuthUser,
    from: string,
    to: string,
    filters: MetricFilters = {},
  ): Promise<DispensationRegisterDto> {
    checkRange(from, to);
    const reach = reachOf(user.grants, Permission.METRICS_READ);
    await checkFilters(this.dataSource, user.regionId, reach, filters);
    if (!reach || (!reach.region && reach.areaIds.length === 0)) return { from, to, rows: [] };
    return this.cache.get(
      user.regionId,
      `register:${from}:${to}:${filterKey(filters)}:${reachKey(reach)}`,
      () => this.computeRegister(user.regionId, reach, from, to, filters),
    );
  }

  /**
   * The granted dispensations of the user's scope valid at some time in the period (from the
   * first day of `from` to the last of `to`) that the filters name, with what was used of them.
   */
  async dispensationsInUse(
    user: AuthUser,
    from: string,
    to: string,
    filters: MetricFilters = {},
  ): Promise<DispensationInUseDto[]> {
    checkRange(from, to);
    const reach = reachOf(user.grants, Permission.METRICS_READ);
    await checkFilters(this.dataSource, user.regionId, reach, filters);
    if (!reach) return [];
    const rows = await dispensationsInUse(this.dataSource, {
      regionId: user.regionId,
      reach,
      filters,
      from: `${from}-01`,
      to: `${addMonths(to, 1)}-01`,
    });
    return rows.map((r) => ({
      id: r.id,
      orderId: r.order_id,
      orderReference: r.reference,
      unit: { id: r.unit_id, name: r.unit_name },
      profession: r.profession,
      status: r.status,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      hoursCap: r.hours_cap,
      costCap: r.cost_cap,
      hoursUsed: r.hours_used,
      costUsed: r.cost_used,
    }));
  }

  private async computeRegister(
    regionId: string,
    reach: NonNullable<Reach>,
    from: string,
    to: string,
    filters: MetricFilters,
  ): Promise<DispensationRegisterDto> {
    const rows = await registerRows(this.dataSource, {
      regionId,
      reach,
      filters,
      from: `${from}-01`,
      to: `${to}-01`,
    });
    return {
      from,
      to,
      rows: rows.map((r) => ({
        month: r.month,
        rule: r.rule,
        area: { id: r.area_id, name: r.area_name },
        professionGroup: r.profession_group,
        granted: r.granted,
        hours: r.hours,
        costSek: r.cost_sek,
      })),
    };
  }
}
