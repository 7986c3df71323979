import type { DispensationPolicy, ProfessionGroup, TriggeredRule } from '@hyrkoll/contracts';
import Decimal from 'decimal.js';

import { addMonthsToDate } from './dates';

/** What the rule engine needs to know about an order. */
export interface OrderFacts {
  professionGroup: ProfessionGroup;
  specialty: string | null;
  areaId: string;
  periodStart: string;
  periodEnd: string;
  /** For an extension: the start of the first period; the total may not pass the maximum. */
  originalPeriodStart?: string | null;
  offAgreement: boolean;
  /** The tariff for the unit's zone (SEK/h), or null when the price list has none. */
  tariffHourlyRate: string | null;
  requestedHourlyRate: string | null;
  extrasSek: string | null;
}

/** The default policy of a new region: every rule on, karens a hard block, no hiring stop. */
export const DEFAULT_POLICY: DispensationPolicy = {
  hiringStop: { enabled: false, all: false, professionGroups: [], specialties: [], areaIds: [], reason: '' },
  maxDuration: { enabled: true, maxMonths: 12 },
  offAgreement: { enabled: true },
  priceAboveTariff: { enabled: true },
  karens: { enabled: true, months: 12, mode: 'BLOCK' },
  secondStep: { costThresholdSek: null, durationThresholdDays: null },
  reminderAfterWorkingDays: 2,
};

function hiringStopMatches(stop: DispensationPolicy['hiringStop'], facts: OrderFacts): string | null {
  if (!stop.enabled) return null;
  if (stop.all) return 'all orders';
  if (stop.professionGroups.includes(facts.professionGroup))
    return `profession group ${facts.professionGroup}`;
  const specialty = facts.specialty?.trim().toLowerCase();
  if (specialty && stop.specialties.some((s) => s.trim().toLowerCase() === specialty))
    return `specialty ${facts.specialty}`;
  if (stop.areaIds.includes(facts.areaId)) return 'the area';
  return null;
}

/**
 * Evaluates the region's policy for an order: every rule that triggers, with its reason.
 * An order with any triggered rule needs a dispensation; a blocking rule cannot be lifted.
 * (KARENS concerns a consultant, so it is evaluated per bid with `karensRule`.)
 */
export function evaluateOrderRules(policy: DispensationPolicy, facts: OrderFacts): TriggeredRule[] {
  const triggered: TriggeredRule[] = [];

  const stop = hiringStopMatches(policy.hiringStop, facts);
  if (stop) {
    triggered.push({
      rule: 'HIRING_STOP',
      reason: `The region has a hiring stop on ${stop}${policy.hiringStop.reason ? `: ${policy.hiringStop.reason}` : ''}`,
      params: { matched: stop, policyReason: policy.hiringStop.reason || null },
      blocking: false,
    });
  }

  if (policy.maxDuration.enabled) {
    const start = facts.originalPeriodStart ?? facts.periodStart;
    const lastAllowed = addMonthsToDate(start, policy.maxDuration.maxMonths, -1);
    if (facts.periodEnd > lastAllowed) {
      triggered.push({
        rule: 'MAX_DURATION',
        reason: `The period from ${start} to ${facts.periodEnd} is longer than ${policy.maxDuration.maxMonths} months (last allowed day ${lastAllowed})`,
        params: { from: start, to: facts.periodEnd, maxMonths: policy.maxDuration.maxMonths, lastAllowed },
        blocking: false,
      });
    }
  }

  if (policy.offAgreement.enabled && facts.offAgreement) {
    triggered.push({
      rule: 'OFF_AGREEMENT',
      reason: 'The order is to be bought outside the national agreement',
      params: {},
      blocking: false,
    });
  }

  if (policy.priceAboveTariff.enabled && facts.tariffHourlyRate !== null) {
    const tariff = new Decimal(facts.tariffHourlyRate);
    const requested = facts.requestedHourlyRate === null ? null : new Decimal(facts.requestedHourlyRate);
    const extras = facts.extrasSek === null ? new Decimal(0) : new Decimal(facts.extrasSek);
    if ((requested && requested.greaterThan(tariff)) || extras.greaterThan(0)) {
      triggered.push({
        rule: 'PRICE_ABOVE_TARIFF',
        reason:
          requested && requested.greaterThan(tariff)
            ? `The hourly price ${requested.toFixed(2)} SEK is above the tariff ${tariff.toFixed(2)} SEK for the unit's zone`
            : `Extras of ${extras.toFixed(2)} SEK come on top of the tariff`,
        params: {
          tariff: tariff.toFixed(2),
          requested: requested?.toFixed(2) ?? null,
          extras: extras.toFixed(2),
        },
        blocking: false,
      });
    }
  }
  return triggered;
}

/** KARENS for one consultant: employed by the region within the karens period before the start. */
export function karensRule(
  policy: DispensationPolicy,
  employmentEndedOn: string | null,
  assignmentStart: string,
): TriggeredRule | null {
  if (!policy.karens.enabled || employmentEndedOn === null) return null;
  const karensUntil = addMonthsToDate(employmentEndedOn, policy.karens.months, 0);
  if (assignmentStart > karensUntil) return null;
  return {
    rule: 'KARENS',
    reason: `The consultant was employed by the region until ${employmentEndedOn}; karens lasts until ${karensUntil}`,
    params: { employmentEndedOn, karensUntil, months: policy.karens.months },
    blocking: policy.karens.mode === 'BLOCK',
  };
}

/** Whether a dispensation needs the second decision step (health-care director). */
export function needsSecondStep(
  policy: DispensationPolicy,
  estimatedCost: string | null,
  periodDays: number,
): boolean {
  const { costThresholdSek, durationThresholdDays } = policy.secondStep;
  const overCost =
    costThresholdSek !== null &&
    estimatedCost !== null &&
    new Decimal(estimatedCost).greaterThan(costThresholdSek);
  const overDuration = durationThresholdDays !== null && periodDays > durationThresholdDays;
  return overCost || overDuration;
}
