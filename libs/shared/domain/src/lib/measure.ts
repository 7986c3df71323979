import Decimal from 'decimal.js';

import { addMonths, MonthKey, monthRange } from './month';

/** A monthly series of exact amounts (SEK or hours); a missing month counts as zero. */
export type MonthlySeries = ReadonlyMap<MonthKey, Decimal>;

export function seriesOf(entries: Iterable<[MonthKey, string | Decimal]>): Map<MonthKey, Decimal> {
  const series = new Map<MonthKey, Decimal>();
  for (const [month, value] of entries) series.set(month, (series.get(month) ?? new Decimal(0)).plus(value));
  return series;
}

/** The sum over `from`..`to`, both included. */
export function sumOver(series: MonthlySeries, from: MonthKey, to: MonthKey): Decimal {
  return monthRange(from, to).reduce((sum, m) => sum.plus(series.get(m) ?? 0), new Decimal(0));
}

/** Rolling 12 months ending with `month` (the SKR measure's window). */
export function rolling12(series: MonthlySeries, month: MonthKey): Decimal {
  return sumOver(series, addMonths(month, -11), month);
}

/** January to `month` of the same year. */
export function yearToDate(series: MonthlySeries, month: MonthKey): Decimal {
  return sumOver(series, `${month.slice(0, 4)}-01`, month);
}

/** hired / own, or null when there is no positive own-staff cost to divide by. */
export function ratio(hired: Decimal, own: Decimal): Decimal | null {
  // own-staff cost of zero or less (corrections outweighing the costs) has no meaningful share
  return own.lessThanOrEqualTo(0) ? null : hired.dividedBy(own);
}

export interface Comparison {
  current: Decimal;
  previous: Decimal;
  difference: Decimal;
  /** Change in percent of the previous value; null when the previous value is zero. */
  percent: Decimal | null;
}

export function compare(current: Decimal, previous: Decimal): Comparison {
  return {
    current,
    previous,
    difference: current.minus(previous),
    percent: previous.isZero() ? null : current.minus(previous).dividedBy(previous.abs()).times(100),
  };
}

export type ComparisonPeriod = 'month' | 'ytd' | 'r12';

/** A period ending with `month` compared with the same period one year earlier. */
export function samePeriodLastYear(
  series: MonthlySeries,
  month: MonthKey,
  period: ComparisonPeriod,
): Comparison {
  const previousMonth = addMonths(month, -12);
  const total = (m: MonthKey) =>
    period === 'month'
      ? (series.get(m) ?? new Decimal(0))
      : period === 'ytd'
        ? yearToDate(series, m)
        : rolling12(series, m);
  return compare(total(month), total(previousMonth));
}

/** The R12 ratio at each month of a range, with the R12 sums it is made of. */
export function r12RatioSeries(
  hired: MonthlySeries,
  own: MonthlySeries,
  from: MonthKey,
  to: MonthKey,
): { month: MonthKey; hiredR12: Decimal; ownR12: Decimal; ratio: Decimal | null }[] {
  return monthRange(from, to).map((month) => {
    const hiredR12 = rolling12(hired, month);
    const ownR12 = rolling12(own, month);
    return { month, hiredR12, ownR12, ratio: ratio(hiredR12, ownR12) };
  });
}

/** Exact decimal as a string with fixed places; rounding happens only here, at the edge. */
export function fixed(value: Decimal | null, places: number): string | null {
  return value === null ? null : value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}
