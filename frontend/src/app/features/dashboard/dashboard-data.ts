import {
  ComparisonDto,
  DispensationRegisterDto,
  DispensationRegisterRowDto,
  MetricGroupDto,
  MetricSeriesDto,
  NationalComparisonDto,
  ProfessionGroup,
  RatioSeriesDto,
} from '@hyrkoll/contracts';
import { addMonths, MonthKey, monthRange } from '@hyrkoll/domain';

import { januaryOf } from './dashboard-query';

/**
 * Pure shaping of the metrics API's answers into what the dashboard shows: key figures, the
 * series of each chart and the rows of each table. Values stay exact decimal strings; only
 * the charts turn them into numbers.
 */

/** Profession groups in the order of the board's slides: nurses and midwives, doctors, others. */
export const PROFESSION_ORDER: readonly ProfessionGroup[] = ['SSK_BM', 'LAKARE', 'OVRIGA'];

const ZERO: ComparisonDto = { current: '0.00', previous: '0.00', difference: '0.00', percent: null };

/** A group with no rows at all in the range: zeros, so that the tiles and charts still read. */
export function emptyGroup(key: string, from: MonthKey, to: MonthKey): MetricGroupDto {
  return {
    key,
    label: key,
    months: monthRange(from, to).map((month) => ({ month, ...ZERO })),
    totals: { month: ZERO, ytd: ZERO, r12: ZERO },
  };
}

/** The selected group of a series answer: the total for the region (`all`), else the group by key. */
export function pickGroup(series: MetricSeriesDto, key: string): MetricGroupDto {
  if (key === 'all') return series.total;
  return series.groups.find((g) => g.key === key) ?? emptyGroup(key, series.from, series.to);
}

export interface RatioPoint {
  month: MonthKey;
  /** Null (with `incomplete`) when a month of the twelve has no data yet. */
  hiredR12: string | null;
  ownR12: string | null;
  ratioPercent: string | null;
  incomplete?: true;
}

/** The selected series of an SKR-ratio answer (the region's only series is `all`). */
export function pickRatio(dto: RatioSeriesDto, key: string): RatioPoint[] {
  return dto.series.find((s) => s.key === key)?.points ?? [];
}

/** The hired cost R12 at a month; null when a month of its twelve is not in the series. */
export interface R12Point {
  month: MonthKey;
  hiredR12: string | null;
}

/**
 * The hired cost R12 at each month from `from` to `to`, summed exactly from a monthly cost series
 * that begins eleven months before `from`; null where a month of the twelve has no data (for a scope without the SKR measure, whose answer
 * carries the R12 otherwise).
 */
export function rollingR12(
  months: readonly { month: MonthKey; current: string | null }[],
  from: MonthKey,
  to: MonthKey,
): R12Point[] {
  const cost = new Map(months.map((m) => [m.month, m.current]));
  return monthRange(from, to).map((month) => {
    const twelve = monthRange(addMonths(month, -11), month).map((m) => cost.get(m));
    const complete = twelve.every((v) => v !== undefined && v !== null);
    return { month, hiredR12: complete ? decimalSum(twelve) : null };
  });
}

/** The points from `from` to `to` (the ratio is fetched a year further back for the comparison). */
export function within<T extends { month: string }>(points: readonly T[], from: MonthKey, to: MonthKey): T[] {
  return points.filter((p) => p.month >= from && p.month <= to);
}

/**
 * Exact difference of two decimal strings ("4.01" − "4.46" = "-0.45"), with as many decimals
 * as the longer of the two; no floating point.
 */
export function decimalDifference(a: string, b: string): string {
  const places = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const scaled = (value: string): bigint => {
    const negative = value.startsWith('-');
    const [whole = '0', fraction = ''] = value.replace(/^[-+]/, '').split('.');
    const digits = BigInt(`${whole}${fraction.padEnd(places, '0')}`);
    return negative ? -digits : digits;
  };
  const difference = scaled(a) - scaled(b);
  const negative = difference < 0n;
  const digits = (negative ? -difference : difference).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = places > 0 ? `.${digits.slice(digits.length - places)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export interface RatioFigure {
  month: MonthKey;
  current: string | null;
  /** The ratio twelve months earlier. */
  yearAgo: string | null;
  /** Change in percentage points since a year ago; null when either is missing. */
  changePoints: string | null;
  /** Distance to the target in percentage points (positive: above the target). */
  aboveTarget: string | null;
  target: string;
  /** The ratio is not given because a month of its twelve has no data yet. */
  incomplete: boolean;
}

export function ratioFigure(points: readonly RatioPoint[], month: MonthKey, target: string): RatioFigure {
  const at = (m: MonthKey) => points.find((p) => p.month === m)?.ratioPercent ?? null;
  const current = at(month);
  const yearAgo = at(addMonths(month, -12));
  const incomplete = points.find((p) => p.month === month)?.incomplete === true;
  return {
    month,
    current,
    yearAgo,
    changePoints: current !== null && yearAgo !== null ? decimalDifference(current, yearAgo) : null,
    aboveTarget: current !== null ? decimalDifference(current, target) : null,
    target,
    incomplete,
  };
}

export interface KeyFigures {
  month: MonthKey;
  ytdFrom: MonthKey;
  ratio: RatioFigure;
  costYtd: ComparisonDto;
  costR12: ComparisonDto;
  hoursYtd: ComparisonDto;
  /** The month, year to date and R12 of the cost and the hours, each against a year earlier. */
  cost: MetricGroupDto['totals'];
  hours: MetricGroupDto['totals'];
  /** The region's own SKR measure at the month, beside a narrower scope's (null when not shown). */
  regionRatio: string | null;
  /** Why the SKR measure is not shown, when it is not. */
  ratioMissing: 'unavailable' | 'forbidden' | 'failed' | null;
  /** Year to date per profession group (shown for the region as a whole). */
  byProfession: { group: ProfessionGroup; ytd: ComparisonDto }[];
}

export function keyFigures(input: {
  month: MonthKey;
  ratio: RatioFigure;
  cost: MetricGroupDto;
  hours: MetricGroupDto;
  /** Costs grouped by profession group, when the profession split applies to the selection. */
  costsByProfession: MetricSeriesDto | null;
  regionRatio?: string | null;
  ratioMissing?: KeyFigures['ratioMissing'];
}): KeyFigures {
  const byProfession = input.costsByProfession
    ? PROFESSION_ORDER.map((group) => ({
        group,
        ytd: pickGroup(input.costsByProfession as MetricSeriesDto, group).totals.ytd,
      }))
    : [];
  return {
    month: input.month,
    ytdFrom: januaryOf(input.month),
    ratio: input.ratio,
    costYtd: input.cost.totals.ytd,
    costR12: input.cost.totals.r12,
    hoursYtd: input.hours.totals.ytd,
    cost: input.cost.totals,
    hours: input.hours.totals,
    regionRatio: input.regionRatio ?? null,
    ratioMissing: input.ratioMissing ?? null,
    byProfession,
  };
}

/** Monthly values laid out by calendar year: one row per month (1–12), one column per year. */
export interface ByYear {
  years: number[];
  rows: { month: number; values: (string | null)[] }[];
}

export function byYear(months: readonly { month: string; current: string | null }[]): ByYear {
  const years = [...new Set(months.map((m) => Number(m.month.slice(0, 4))))].sort((a, b) => a - b);
  const value = new Map(months.map((m) => [m.month, m.current]));
  return {
    years,
    rows: Array.from({ length: 12 }, (_, i) => ({
      month: i + 1,
      values: years.map((year) => value.get(`${year}-${String(i + 1).padStart(2, '0')}`) ?? null),
    })),
  };
}

export interface AreaRow {
  id: string;
  name: string;
  r12: ComparisonDto;
  ratioPercent: string | null;
  selected: boolean;
}

/** Hired cost R12 per area at the last month, with the year before and the area's SKR ratio. */
export function areaRows(
  costsByArea: MetricSeriesDto,
  ratioByArea: RatioSeriesDto,
  month: MonthKey,
  selectedId: string | null,
): AreaRow[] {
  return costsByArea.groups.map((g) => ({
    id: g.key,
    name: g.label,
    r12: g.totals.r12,
    ratioPercent:
      ratioByArea.series.find((s) => s.key === g.key)?.points.find((p) => p.month === month)?.ratioPercent ??
      null,
    selected: g.key === selectedId,
  }));
}

export interface NationalRow {
  code: string;
  name: string;
  share: string | null;
  shareYearAgo: string | null;
  own: boolean;
}

/**
 * The national comparison at the latest month any region has reported (up to the period's
 * end), highest share first; the user's own region is marked.
 */
export function nationalRows(
  dto: NationalComparisonDto,
  ownCode: string | null,
): { month: MonthKey | null; rows: NationalRow[] } {
  const months = dto.regions.flatMap((r) => r.points.map((p) => p.month)).sort();
  const month = months[months.length - 1] ?? null;
  if (month === null) return { month: null, rows: [] };
  const yearAgo = addMonths(month, -12);
  const rows = dto.regions
    .map((r) => ({
      code: r.code,
      name: r.name,
      share: r.points.find((p) => p.month === month)?.hiredSharePercent ?? null,
      shareYearAgo: r.points.find((p) => p.month === yearAgo)?.hiredSharePercent ?? null,
      own: r.code === ownCode,
    }))
    .sort(
      (a, b) =>
        (b.share === null ? -Infinity : Number(b.share)) - (a.share === null ? -Infinity : Number(a.share)) ||
        a.name.localeCompare(b.name, 'sv'),
    );
  return { month, rows };
}

/** The register's rows (the API has applied the filters), latest month first. */
export function registerRows(dto: DispensationRegisterDto): DispensationRegisterRowDto[] {
  return [...dto.rows].sort(
    (a, b) =>
      b.month.localeCompare(a.month) ||
      a.rule.localeCompare(b.rule) ||
      a.area.name.localeCompare(b.area.name, 'sv'),
  );
}

/** Exact sum of decimal strings ("0" for none). */
export function decimalSum(values: readonly (string | null | undefined)[]): string {
  return values.reduce<string>((sum, v) => (v ? decimalDifference(sum, negate(v)) : sum), '0');
}

function negate(value: string): string {
  return value.startsWith('-') ? value.slice(1) : `-${value}`;
}

/** Sum of the register's counts, hours and cost (exact decimals). */
export function registerTotals(rows: readonly DispensationRegisterRowDto[]): {
  granted: number;
  hours: string;
  costSek: string;
} {
  return {
    granted: rows.reduce((sum, r) => sum + r.granted, 0),
    hours: decimalSum(rows.map((r) => r.hours)),
    costSek: decimalSum(rows.map((r) => r.costSek)),
  };
}

/** First and last point of a series, for a chart's text summary. */
export function ends<T>(points: readonly T[]): { first: T; last: T } | null {
  return points.length ? { first: points[0] as T, last: points[points.length - 1] as T } : null;
}
