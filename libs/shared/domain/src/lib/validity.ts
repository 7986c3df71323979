import { addDays } from './dates';

/**
 * Days an approval may run past the order's last day: room for an assignment that ends a little
 * late, without approving hours the order never asked for (docs/workflow.md, "Validity").
 */
export const VALIDITY_MARGIN_DAYS = 14;

/** The earliest start and the latest end an approval of an order's dispensation may have. */
export function validityLimits(order: { periodStart: string; periodEnd: string }): {
  earliestFrom: string;
  latestTo: string;
} {
  return { earliestFrom: order.periodStart, latestTo: addDays(order.periodEnd, VALIDITY_MARGIN_DAYS) };
}

/** What is wrong with an approval's validity, naming the field and the limit it broke. */
export interface ValidityProblem {
  field: 'validFrom' | 'validTo';
  problem: 'beforePeriod' | 'beforeToday' | 'afterPeriod' | 'afterLimit' | 'beforeFrom';
  /** The date the value must not pass. */
  limit: string;
}

/**
 * Checks an approval's validity (ISO dates) against the order: it starts no earlier than the
 * order's first day and no later than its last day, ends no later than its last day plus
 * VALIDITY_MARGIN_DAYS, and does not end before it starts. A start the decider types (`fromGiven`) must not lie before `today` either: a
 * decision does not reach back; left empty, the validity starts with the order's period.
 */
export function validityProblem(v: {
  validFrom: string;
  validTo: string;
  fromGiven: boolean;
  periodStart: string;
  periodEnd: string;
  today: string;
}): ValidityProblem | null {
  const { earliestFrom, latestTo } = validityLimits(v);
  if (v.validFrom < earliestFrom) return { field: 'validFrom', problem: 'beforePeriod', limit: earliestFrom };
  if (v.fromGiven && v.validFrom < v.today && v.validFrom !== earliestFrom)
    return { field: 'validFrom', problem: 'beforeToday', limit: v.today };
  if (v.validFrom > v.periodEnd) return { field: 'validFrom', problem: 'afterPeriod', limit: v.periodEnd };
  if (v.validTo > latestTo) return { field: 'validTo', problem: 'afterLimit', limit: latestTo };
  if (v.validTo < v.validFrom) return { field: 'validTo', problem: 'beforeFrom', limit: v.validFrom };
  return null;
}
