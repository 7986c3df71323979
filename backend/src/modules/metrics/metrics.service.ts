import {
  ComparisonDto,
  ErrorCode,
  FieldErrorCode,
  MetricFilters,
  MetricGroupDto,
  MetricGrouping,
  MetricSeriesDto,
  MissingMonths,
  NationalComparisonDto,
  Permission,
  RatioLevel,
  RatioSeriesDto,
  RegionRatioDto,
  SKR_TARGET_PERCENT,
  SWEDISH_REGIONS,
} from '@hyrkoll/contracts';
import {
  addMonths,
  ComparisonPeriod,
  fixed,
  MonthKey,
  monthRange,
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
import { costByMonth, hiredByMonth, monthsWithData, nationalShares } from './metrics.queries';
import { MetricsCache } from './metrics-cache';
import { checkFilters, checkRange, filterKey, type Reach, reachKey } from './metrics-checks';

/** The months of a period ending with `month`: the month, January to it, or the twelve to it. */
function periodMonths(month: MonthKey, period: ComparisonPeriod): MonthKey[] {
  if (period === 'month') return [month];
  return monthRange(period === 'ytd' ? `${month.slice(0, 4)}-01` : addMonths(month, -11), month);
}

/** Whether every month of `months` has data (a month without data is never counted as zero). */
function allWithData(withData: ReadonlySet<string>, months: readonly MonthKey[]): boolean {
  return months.every((m) => withData.has(m));
}

/**
 * A period ending with `month` against the same period a year earlier, each side given only
 * when all its months have data; otherwise null, and `incomplete` says which side.
 */
function comparisonOf(
  series: ReturnType<typeof seriesOf>,
  month: MonthKey,
  period: ComparisonPeriod,
  withData: ReadonlySet<string>,
): ComparisonDto {
  const c = samePeriodLastYear(series, month, period);
  const current = allWithData(withData, periodMonths(month, period));
  const previous = allWithData(withData, periodMonths(addMonths(month, -12), period));
  if (current && previous) {
    return {
      current: fixed(c.current, 2),
      previous: fixed(c.previous, 2),
      difference: fixed(c.difference, 2),
      percent: fixed(c.percent, 1),
    };
  }
  const incomplete: MissingMonths = !current && !previous ? 'both' : current ? 'previous' : 'current';
  return {
    current: current ? fixed(c.current, 2) : null,
    previous: previous ? fixed(c.previous, 2) : null,
    difference: null,
    percent: null,
    incomplete,
  };
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
    filters: MetricFilters = {},
  ): Promise<MetricSeriesDto> {
    checkRange(from, to);
    const reach = reachOf(user.grants, Permission.METRICS_READ);
    await checkFilters(this.dataSource, user.regionId, reach, filters);
    return this.cache.get(
      user.regionId,
      `series:${measure}:${from}:${to}:${groupBy}:${filterKey(filters)}:${reachKey(reach)}`,
      () => this.computeSeries(user.regionId, reach, measure, from, to, groupBy, filters),
    );
  }

  private async computeSeries(
    regionId: string,
    reach: Reach,
    measure: 'cost' | 'hours',
    from: string,
    to: string,
    groupBy: MetricGrouping,
    filters: MetricFilters,
  ): Promise<MetricSeriesDto> {
    // from 23 months before `from`: the R12 of `from` a year earlier starts there
    const window = { regionId, from: `${addMonths(from, -23)}-01`, to: `${to}-01` };
    const [rows, withData] = await Promise.all([
      hiredByMonth(this.dataSource, { ...window, reach, measure, groupBy, filters }),
      monthsWithData(this.dataSource, 'hired', window),
    ]);
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
          ...comparisonOf(series, month, 'month', withData),
        })),
        totals: {
          month: comparisonOf(series, to, 'month', withData),
          ytd: comparisonOf(series, to, 'ytd', withData),
          r12: comparisonOf(series, to, 'r12', withData),
        },
      };
    };
    const groups = [...byKey.entries()]
      .map(([key, g2]) => build(key, g2.label, g2.entries))
      .sort(
        (a, b) =>
          new Decimal(b.totals.r12.current ?? 0).comparedTo(a.totals.r12.current ?? 0) ||
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

  /**
   * The SKR measure: R12 hired cost / R12 own-staff cost, per month, with the 2 % target. The
   * answer says what it measures: without a level the region for whoever reaches it, otherwise
   * the areas of the scope, named; `level=region` from a narrower scope is refused (403).
   */
  async skrRatio(
    user: AuthUser,
    from: string,
    to: string,
    asked: RatioLevel | undefined,
    filters: Pick<MetricFilters, 'area' | 'careSetting' | 'professionGroup'> = {},
  ): Promise<RatioSeriesDto> {
    checkRange(from, to);
    const reach = reachOf(user.grants, Permission.METRICS_READ);
    if (!reach || (!reach.region && reach.areaIds.length === 0)) {
      throw new DomainError(
        ErrorCode.SKR_SCOPE_MISSING,
        'The SKR measure needs an area or the region in your scope',
      );
    }
    if (asked === 'region' && !reach.region) {
      throw new DomainError(ErrorCode.FILTER_OUTSIDE_SCOPE, 'The level region is outside your scope', {
        params: { filter: 'level' },
        fields: [
          {
            field: 'level',
            code: FieldErrorCode.OUTSIDE_SCOPE,
            message: 'level region is outside your scope',
          },
        ],
      });
    }
    const level = asked ?? (reach.region ? 'region' : 'area');
    await checkFilters(this.dataSource, user.regionId, reach, filters);
    return this.cache.get(
      user.regionId,
      `skr-ratio:${from}:${to}:${level}:${filterKey(filters)}:${reachKey(reach)}`,
      () => this.computeSkrRatio(user.regionId, reach, from, to, level, filters),
    );
  }

  /**
   * The region's own SKR measure at one month, as the one figure every user with `metrics:read`
   * may compare their scope with (the ratio only: no kronor of other areas; docs/dashboard.md).
   */
  async regionRatio(user: AuthUser, month: string): Promise<RegionRatioDto> {
    const ratio = await this.cache.get(user.regionId, `skr-ratio:${month}:${month}:region::region`, () =>
      this.computeSkrRatio(user.regionId, { region: true }, month, month, 'region', {}),
    );
    const point = ratio.series[0]?.points.find((p) => p.month === month);
    return { month, targetPercent: SKR_TARGET_PERCENT, ratioPercent: point?.ratioPercent ?? null };
  }

  private async computeSkrRatio(
    regionId: string,
    reach: NonNullable<Reach>,
    from: string,
    to: string,
    level: RatioLevel,
    filters: Pick<MetricFilters, 'area' | 'careSetting' | 'professionGroup'>,
  ): Promise<RatioSeriesDto> {
    // from 11 months before `from`: the first month's R12 needs the year up to it
    const query = { regionId, reach, level, filters, from: `${addMonths(from, -11)}-01`, to: `${to}-01` };
    const [hired, own, hiredMonths, ownMonths] = await Promise.all([
      costByMonth(this.dataSource, 'hired', query),
      costByMonth(this.dataSource, 'own', query),
      monthsWithData(this.dataSource, 'hired', query),
      monthsWithData(this.dataSource, 'own', query),
    ]);
    // an R12 is given only when each of its twelve months has both hired and own-staff data
    const complete = (month: MonthKey) => {
      const months = periodMonths(month, 'r12');
      return allWithData(hiredMonths, months) && allWithData(ownMonths, months);
    };
    const keys = new Map<string, string>();
    for (const r of [...hired, ...own]) keys.set(r.key, r.label);
    const series = [...keys.entries()]
      .map(([key, label]) => {
        const h = seriesOf(hired.filter((r) => r.key === key).map((r) => [r.month, r.value]));
        const o = seriesOf(own.filter((r) => r.key === key).map((r) => [r.month, r.value]));
        return {
          key,
          label,
          points: r12RatioSeries(h, o, from, to).map((p) =>
            complete(p.month)
              ? {
                  month: p.month,
                  hiredR12: fixed(p.hiredR12, 2),
                  ownR12: fixed(p.ownR12, 2),
                  ratioPercent: fixed(p.ratio === null ? null : p.ratio.times(100), 2),
                }
              : {
                  month: p.month,
                  hiredR12: null,
                  ownR12: null,
                  ratioPercent: null,
                  incomplete: true as const,
                },
          ),
        };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
    return { level, targetPercent: SKR_TARGET_PERCENT, from, to, series };
  }

  /**
   * Every region's hired share per month, as the user's region imported it (the national
   * comparison): each region keeps its own, so one region's import never changes another's view.
   */
  async nationalComparison(regionId: string, from: string, to: string): Promise<NationalComparisonDto> {
    checkRange(from, to);
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
}
