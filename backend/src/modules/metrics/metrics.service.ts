import {
  ComparisonDto,
  DispensationRegisterDto,
  ErrorCode,
  FieldErrorCode,
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

import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { costByMonth, hiredByMonth, nationalShares, registerRows } from './metrics.queries';
import { MetricsCache } from './metrics-cache';

const MAX_MONTHS = 120;

function toDto(c: Comparison, places = 2): ComparisonDto {
  return {
    current: fixed(c.current, places) as string,
    previous: fixed(c.previous, places) as string,
    difference: fixed(c.difference, places) as string,
    percent: fixed(c.percent, 1),
  };
}

type Reach = ReturnType<typeof reachOf>;

/** The part of the organisation an answer covers, as part of its cache key. */
function reachKey(reach: Reach): string {
  if (!reach) return 'none';
  if (reach.region) return 'region';
  return `areas:${[...reach.areaIds].sort().join(',')};units:${[...reach.unitIds].sort().join(',')}`;
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
    // from 23 months before `from`: the R12 of `from` a year earlier starts there
    const rows = await hiredByMonth(this.dataSource, {
      regionId,
      reach,
      measure,
      groupBy,
      from: `${addMonths(from, -23)}-01`,
      to: `${to}-01`,
    });
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
      throw new DomainError(
        ErrorCode.SKR_SCOPE_MISSING,
        'The SKR measure needs an area or the region in your scope',
      );
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
    // from 11 months before `from`: the first month's R12 needs the year up to it
    const query = { regionId, reach, level, from: `${addMonths(from, -11)}-01`, to: `${to}-01` };
    const [hired, own] = await Promise.all([
      costByMonth(this.dataSource, 'hired', query),
      costByMonth(this.dataSource, 'own', query),
    ]);
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
    const rows = await registerRows(this.dataSource, {
      regionId,
      reach,
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

  /**
   * Every region's hired share per month, as the user's region imported it (the national
   * comparison): each region keeps its own, so one region's import never changes another's view.
   */
  async nationalComparison(regionId: string, from: string, to: string): Promise<NationalComparisonDto> {
    this.checkRange(from, to);
    const rows = await nationalShares(this.dataSource, regionId, `${from}-01`, `${to}-01`);
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
    if (span < 0) {
      throw DomainError.validation([
        {
          field: 'to',
          code: FieldErrorCode.DATE_ORDER,
          params: { after: 'from' },
          message: 'to must not be before from',
        },
      ]);
    }
    if (span >= MAX_MONTHS) {
      throw DomainError.validation([
        {
          field: 'to',
          code: FieldErrorCode.PERIOD_TOO_LONG,
          params: { max: MAX_MONTHS, unit: 'months' },
          message: `at most ${MAX_MONTHS} months at a time`,
        },
      ]);
    }
  }
}
