import type { MetricGroupDto, MetricGrouping, MetricSeriesDto } from '@hyrkoll/contracts';
import { compare, fixed, isMonthKey, monthsBetween } from '@hyrkoll/domain';
import Decimal from 'decimal.js';

/** The ways the purchased hours are summed up on the page. */
export const SUMMARY_VIEWS = ['supplier', 'area', 'profession-group', 'month'] as const;
export type SummaryView = (typeof SUMMARY_VIEWS)[number];

/** Longest period the metrics API answers for at once. */
export const MAX_PERIOD_MONTHS = 120;

/** The grouping the metrics API is asked for: per month is the region total month by month. */
export function groupingOf(view: SummaryView): MetricGrouping {
  return view === 'month' ? 'none' : view;
}

/** One line of the summary: the period's hours against the same months a year earlier, and the cost. */
export interface SummaryRow {
  key: string;
  label: string;
  hours: string;
  hoursLastYear: string;
  hoursChange: string;
  /** Change in percent of last year's hours, one decimal; null when last year had none. */
  hoursChangePercent: string | null;
  cost: string;
  costLastYear: string;
  /** A supplier the agreement does not know (off-agreement buying). */
  offAgreement: boolean;
}

const ZERO = new Decimal(0);

/** Sums a group's months: this period and the same months one year earlier, exactly. */
function periodSums(group: MetricGroupDto | undefined): { current: Decimal; previous: Decimal } {
  return (group?.months ?? []).reduce(
    // a month without data (null) adds nothing to the page's sums of the rows there are
    (sum, m) => ({ current: sum.current.plus(m.current ?? 0), previous: sum.previous.plus(m.previous ?? 0) }),
    { current: ZERO, previous: ZERO },
  );
}

function row(
  key: string,
  label: string,
  hours: { current: Decimal; previous: Decimal },
  cost: { current: Decimal; previous: Decimal },
): SummaryRow {
  const change = compare(hours.current, hours.previous);
  return {
    key,
    label,
    hours: fixed(change.current, 2) as string,
    hoursLastYear: fixed(change.previous, 2) as string,
    hoursChange: fixed(change.difference, 2) as string,
    hoursChangePercent: fixed(change.percent, 1),
    cost: fixed(cost.current, 2) as string,
    costLastYear: fixed(cost.previous, 2) as string,
    offAgreement: key.startsWith('unknown:'),
  };
}

/**
 * The summary lines of a view from the hours and cost series of the same period and grouping:
 * per month in order, otherwise per group with the most hours first.
 */
export function summaryRows(view: SummaryView, hours: MetricSeriesDto, costs: MetricSeriesDto): SummaryRow[] {
  if (view === 'month') {
    const costOf = new Map(costs.total.months.map((m) => [m.month, m]));
    return hours.total.months.map((m) => {
      const cost = costOf.get(m.month);
      return row(
        m.month,
        m.month,
        { current: new Decimal(m.current ?? 0), previous: new Decimal(m.previous ?? 0) },
        { current: new Decimal(cost?.current ?? 0), previous: new Decimal(cost?.previous ?? 0) },
      );
    });
  }
  const costGroups = new Map(costs.groups.map((g) => [g.key, g]));
  const keys = [...new Set([...hours.groups.map((g) => g.key), ...costs.groups.map((g) => g.key)])];
  const labels = new Map([...costs.groups, ...hours.groups].map((g) => [g.key, g.label]));
  return keys
    .map((key) =>
      row(
        key,
        labels.get(key) ?? key,
        periodSums(hours.groups.find((g) => g.key === key)),
        periodSums(costGroups.get(key)),
      ),
    )
    .sort((a, b) => new Decimal(b.hours).comparedTo(a.hours) || a.label.localeCompare(b.label, 'sv'));
}

/** The whole period, all groups together. */
export function summaryTotal(hours: MetricSeriesDto, costs: MetricSeriesDto): SummaryRow {
  return row('all', 'all', periodSums(hours.total), periodSums(costs.total));
}

/** The period shown first: January to the latest month with data (the year to date), or none. */
export function defaultPeriod(latestMonth: string | null): { from: string; to: string } | null {
  if (!latestMonth || !isMonthKey(latestMonth)) return null;
  return { from: `${latestMonth.slice(0, 4)}-01`, to: latestMonth };
}

/** What is wrong with a period typed in, if anything. */
export function periodProblem(from: string, to: string): 'from' | 'to' | 'order' | 'tooLong' | null {
  if (!isMonthKey(from)) return 'from';
  if (!isMonthKey(to)) return 'to';
  const span = monthsBetween(from, to);
  if (span < 0) return 'order';
  if (span >= MAX_PERIOD_MONTHS) return 'tooLong';
  return null;
}
