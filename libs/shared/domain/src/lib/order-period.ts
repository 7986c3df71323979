import { addMonthsToDate } from './dates';

/** How far ahead an order's period may start: two years (docs/workflow.md, "The order's period"). */
export const ORDER_START_MAX_MONTHS_AHEAD = 24;

/** What is wrong with an order's period against today, naming the field. */
export interface OrderPeriodProblem {
  field: 'periodStart';
  problem: 'beforeToday' | 'tooFarAhead';
  /** The date the start must not pass. */
  limit: string;
  message: string;
}

/**
 * Checks an order's first day (ISO date) against `today` (Sweden's date): an order is placed for
 * work to come, so the period starts today at the earliest, and at most
 * ORDER_START_MAX_MONTHS_AHEAD months ahead. The length of the period is bounded elsewhere.
 */
export function orderPeriodProblem(periodStart: string, today: string): OrderPeriodProblem | null {
  if (periodStart < today) {
    return {
      field: 'periodStart',
      problem: 'beforeToday',
      limit: today,
      message: `periodStart must not be before today (${today})`,
    };
  }
  const latest = addMonthsToDate(today, ORDER_START_MAX_MONTHS_AHEAD);
  if (periodStart > latest) {
    return {
      field: 'periodStart',
      problem: 'tooFarAhead',
      limit: latest,
      message: `periodStart must be at most two years ahead (${latest} at the latest)`,
    };
  }
  return null;
}
