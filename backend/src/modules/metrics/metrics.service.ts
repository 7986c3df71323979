import {
  ComparisonDto,
  DispensationRegisterDto,
  MetricGroupDto,
  MetricGrouping,
  MetricSeriesDto,
  NationalComparisonDto,
  Permission,
  RatioLevel,
  RatioSeriesDto,
  SKR_TARGET_PERCENT,
  SWEDISH_REGIONS,
} from '@hyrkoll/contracts';
import {
  addMonths,
  Comparison,
  fixed,
  monthRange,
  monthsBetween,
  r12RatioSeries,
  reachOf,
  samePeriodLastYear,
  seriesOf,
} from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';

import { reachCondition } from '../../common/auth/access';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { SqlParams } from '../../database/sql';
import { MetricsCache } from './metrics-cache';

const MAX_MONTHS = 120;

/** How a grouping is read from the hired rollup `h` (key, label, join). */
const HIRED_GROUPS: Record<MetricGrouping, { key: string; label: string; join: string }> = {
  none: { key: `'all'`, label: `'all'`, join: '' },
  area: { key: 'h.area_id::text', label: 'a.name', join: 'JOIN areas a ON a.id = h.area_id' },
  unit: { key: 'h.unit_id::text', label: 'u.name', join: 'JOIN units u ON u.id = h.unit_id' },
  'care-setting': { key: 'h.care_setting', label: 'h.care_setting', join: '' },
  'profession-group': { key: 'h.profession_group', label: 'h.profession_group', join: '' },
  supplier: {
    key: 'h.supplier_key',
    label: `COALESCE(s.name, h.supplier_name, substr(h.supplier_key, 9))`,
    join: 'LEFT JOIN suppliers s ON s.id::text = h.supplier_key',
  },
};

/** How a level of the SKR measure is read from either rollup, aliased `x` (key, label, join). */
const RATIO_GROUPS: Record<RatioLevel, { key: string; label: string; join: string }> = {
  region: { key: `'all'`, label: `'all'`, join: '' },
  area: { key: 'x.area_id::text', label: 'a.name', join: 'JOIN areas a ON a.id = x.area_id' },
  'care-setting': { key: 'x.care_setting', label: 'x.care_setting', join: '' },
  'profession-group': { key: 'x.profession_group', label: 'x.profession_group', join: '' },
};

function toDto(c: Comparison, places = 2): ComparisonDto {
  return {
    current: fixed(c.current, places) as string,
    previous: fixed(c.previous, places) as string,
    difference: fixed(c.difference, places) as string,
    percent: fixed(c.percent, 1),
  };
}

interface Scope {
  sql: string;
  params: unknown[];
}

type Reach = ReturnType<typeof reachOf>;

/** The part of the organisation an answer covers, as part of its cache key. */
function reachKey(reach: Reach): string {
  if (!reach) return 'none';
  if (reach.region) return 'region';
  return `areas:${[...reach.areaIds].sort().join(',')};units:${[...reach.unitIds].sort().join(',')}`;
}

/**
 * The hired rollup to read: `hired_area_monthly` (summed over units and suppliers, far fewer
 * rows) unless the answer is by unit or supplier, or the user reaches single units.
 */
function hiredTable(groupBy: MetricGrouping, reach: Reach): 'hired_monthly' | 'hired_area_monthly' {
  const byUnits =
    groupBy === 'unit' || groupBy === 'supplier' || (reach && !reach.region && reach.unitIds.length > 0);
  return byUnits ? 'hired_monthly' : 'hired_area_monthly';
}

/**
 * The steering measures, read from the rollup tables only (never the raw rows), with exact
 * decimal arithmetic; rounding happens once, when the numbers are written out. Answers are
 * cached per region until the region's data changes (see MetricsCache).
 */
@Injectable()
export class MetricsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: MetricsCache,
  ) {}

  /** Cost (SEK) or hours per month and group, each compared with the same period last year. */
  async series(
    user: AuthUser,
    measure: 'cost' | 'hours',
    from: string,
    to: string,
    groupBy: MetricGrouping,
  ): Promise<MetricSeriesDto> {
    this.checkRange(from, to);
    const reach = reachOf(user.grants, Permission.METRICS_READ);
    return this.cache.get(
      user.regionId,
      `series:${measure}:${from}:${to}:${groupBy}:${reachKey(reach)}`,
      () => this.computeSeries(user.regionId, reach, measure, from, to, groupBy),
    );
  }

  private async computeSeries(
    regionId: string,
    reach: Reach,
    measure: 'cost' | 'hours',
    from: string,
    to: string,
    groupBy: MetricGrouping,
  ): Promise<MetricSeriesDto> {
    const scope = this.hiredScope(reach, 4);
    const g = HIRED_GROUPS[groupBy];
    const rows = await this.dataSource.query<{ month: string; key: string; label: string; value: string }[]>(
      `SELECT to_char(h.month, 'YYYY-MM') AS month, ${g.key} AS key, min(${g.label}) AS label, sum(h.${measure === 'cost' ? 'cost_sek' : 'hours'})::text AS value
         FROM ${hiredTable(groupBy, reach)} h ${g.join}
        WHERE h.region_id = $1 AND h.month BETWEEN $2::date AND $3::date ${scope.sql}
        GROUP BY 1, 2`,
      [regionId, `${addMonths(from, -23)}-01`, `${to}-01`, ...scope.params],
    );
    const byKey = new Map<string, { label: string; entries: [string, string][] }>();
    for (const r of rows) {
      const group = byKey.get(r.key) ?? { label: r.label, entries: [] };
      // a supplier outside the agreement may be spelt differently from month to month
      if (r.label < group.label) group.label = r.label;
      group.entries.push([r.month, r.value]);
      byKey.set(r.key, group);
    }
    const build = (key: string, label: string, entries: [string, string][]): MetricGroupDto => {
      const series = seriesOf(entries);
      return {
        key,
        label,
        months: monthRange(from, to).map((month) => ({
          month,
          ...toDto(samePeriodLastYear(series, month, 'month')),
        })),
        totals: {
          month: toDto(samePeriodLastYear(series, to, 'month')),
          ytd: toDto(samePeriodLastYear(series, to, 'ytd')),
          r12: toDto(samePeriodLastYear(series, to, 'r12')),
        },
      };
    };
    const groups = [...byKey.entries()]
      .map(([key, g2]) => build(key, g2.label, g2.entries))
      .sort(
        (a, b) =>
          new Decimal(b.totals.r12.current).comparedTo(a.totals.r12.current) ||
          a.label.localeCompare(b.label),
      );
    return {
      measure,
      unit: measure === 'cost' ? 'SEK' : 'hours',
      from,
      to,
      groupBy,
      groups,
      total: build(
        'all',
        'all',
        rows.map((r) => [r.month, r.value]),
      ),
    };
  }

  /** The SKR measure: R12 hired cost / R12 own-staff cost, per month, with the 2 % target. */
  async skrRatio(user: AuthUser, from: string, to: string, level: RatioLevel): Promise<RatioSeriesDto> {
    this.checkRange(from, to);
    const reach = reachOf(user.grants, Permission.METRICS_READ);
    if (!reach || (!reach.region && reach.areaIds.length === 0)) {
      throw new DomainError('FORBIDDEN', 'The SKR measure needs an area or the region in your scope');
    }
    return this.cache.get(user.regionId, `skr-ratio:${from}:${to}:${level}:${reachKey(reach)}`, () =>
      this.computeSkrRatio(user.regionId, reach, from, to, level),
    );
  }

  private async computeSkrRatio(
    regionId: string,
    reach: NonNullable<Reach>,
    from: string,
    to: string,
    level: RatioLevel,
  ): Promise<RatioSeriesDto> {
    const areaFilter = reach.region ? '' : 'AND x.area_id = ANY($4)';
    const params = [
      regionId,
      `${addMonths(from, -11)}-01`,
      `${to}-01`,
      ...(reach.region ? [] : [reach.areaIds]),
    ];
    const g = RATIO_GROUPS[level];
    const read = (table: 'hired_area_monthly' | 'own_monthly') =>
      this.dataSource.query<{ month: string; key: string; label: string; value: string }[]>(
        `SELECT to_char(x.month, 'YYYY-MM') AS month, ${g.key} AS key, ${g.label} AS label, sum(x.cost_sek)::text AS value
           FROM ${table} x ${g.join}
          WHERE x.region_id = $1 AND x.month BETWEEN $2::date AND $3::date ${areaFilter}
          GROUP BY 1, 2, 3`,
        params,
      );
    const [hired, own] = await Promise.all([read('hired_area_monthly'), read('own_monthly')]);
    const keys = new Map<string, string>();
    for (const r of [...hired, ...own]) keys.set(r.key, r.label);
    const series = [...keys.entries()]
      .map(([key, label]) => {
        const h = seriesOf(hired.filter((r) => r.key === key).map((r) => [r.month, r.value]));
        const o = seriesOf(own.filter((r) => r.key === key).map((r) => [r.month, r.value]));
        return {
          key,
          label,
          points: r12RatioSeries(h, o, from, to).map((p) => ({
            month: p.month,
            hiredR12: fixed(p.hiredR12, 2) as string,
            ownR12: fixed(p.ownR12, 2) as string,
            ratioPercent: fixed(p.ratio === null ? null : p.ratio.times(100), 2),
          })),
        };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
    return { level, targetPercent: SKR_TARGET_PERCENT, from, to, series };
  }

  /** The dispensation register per month by rule type, area and profession group (from its rollup). */
  async dispensationRegister(user: AuthUser, from: string, to: string): Promise<DispensationRegisterDto> {
    this.checkRange(from, to);
    const reach = reachOf(user.grants, Permission.METRICS_READ);
    if (!reach || (!reach.region && reach.areaIds.length === 0)) return { from, to, rows: [] };
    return this.cache.get(user.regionId, `register:${from}:${to}:${reachKey(reach)}`, () =>
      this.computeRegister(user.regionId, reach, from, to),
    );
  }

  private async computeRegister(
    regionId: string,
    reach: NonNullable<Reach>,
    from: string,
    to: string,
  ): Promise<DispensationRegisterDto> {
    const rows = await this.dataSource.query<
      {
        month: string;
        rule: string;
        area_id: string;
        area_name: string;
        profession_group: string;
        granted: number;
        hours: string;
        cost_sek: string;
      }[]
    >(
      `SELECT to_char(r.month, 'YYYY-MM') AS month, r.rule, r.area_id, a.name AS area_name, r.profession_group, r.granted,
              r.hours::text AS hours, r.cost_sek::text AS cost_sek
         FROM dispensation_monthly r JOIN areas a ON a.id = r.area_id
        WHERE r.region_id = $1 AND r.month BETWEEN $2::date AND $3::date ${reach.region ? '' : 'AND r.area_id = ANY($4)'}
        ORDER BY r.month, r.rule, a.name, r.profession_group`,
      [regionId, `${from}-01`, `${to}-01`, ...(reach.region ? [] : [reach.areaIds])],
    );
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

  /**
   * Every region's hired share per month, as the user's region imported it (the national
   * comparison): each region keeps its own, so one region's import never changes another's view.
   */
  async nationalComparison(regionId: string, from: string, to: string): Promise<NationalComparisonDto> {
    this.checkRange(from, to);
    const rows = await this.dataSource.query<{ code: string; month: string; share: string }[]>(
      `SELECT region_code AS code, to_char(month, 'YYYY-MM') AS month, hired_share_percent::text AS share
         FROM national_comparison WHERE region_id = $1 AND month BETWEEN $2::date AND $3::date
        ORDER BY region_code, month`,
      [regionId, `${from}-01`, `${to}-01`],
    );
    const regions = new Map<string, { month: string; hiredSharePercent: string }[]>();
    for (const r of rows)
      regions.set(r.code, [
        ...(regions.get(r.code) ?? []),
        { month: r.month, hiredSharePercent: fixed(new Decimal(r.share), 1) as string },
      ]);
    return {
      from,
      to,
      regions: [...regions.entries()].map(([code, points]) => ({
        code,
        name: SWEDISH_REGIONS[code] ?? code,
        points,
      })),
    };
  }

  private checkRange(from: string, to: string): void {
    const span = monthsBetween(from, to);
    if (span < 0) throw DomainError.validation([{ field: 'to', message: 'to must not be before from' }]);
    if (span >= MAX_MONTHS)
      throw DomainError.validation([{ field: 'to', message: `at most ${MAX_MONTHS} months at a time` }]);
  }

  /** The hired rows a user may see: the region, or their areas and units. */
  private hiredScope(reach: Reach, firstParam: number): Scope {
    if (!reach) return { sql: 'AND false', params: [] };
    const params = new SqlParams(firstParam);
    const condition = reachCondition(reach, 'h', (value) => params.add(value));
    return { sql: condition ? `AND ${condition}` : '', params: params.values };
  }
}
