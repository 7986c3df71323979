import type { CostEstimate, PriceZone } from '@hyrkoll/contracts';
import Decimal from 'decimal.js';

import { startedWeeks } from './dates';

/**
 * The ranges of an order's amounts and of the agreement figures its estimate multiplies, checked
 * at the API's edge (400 naming the field). They are chosen so that the largest estimate,
 * `hours × rate + started weeks × travel allowance + extras`, fits the order's
 * `estimated_total numeric(14, 2)` (at most 999 999 999 999.99) with room to spare:
 * 20 000 h × 20 000 SEK/h + 262 weeks × 50 000 SEK + 10 000 000 SEK = 423 100 000.00 SEK.
 * Each is far above anything real (a full-time year is about 1 700 hours; the 2022 tariff's
 * dearest hour 1 625 SEK).
 */
export const ORDER_LIMITS = {
  /** Hours of one order, 0.01 and up (ten full-time years). */
  maxHours: '20000.00',
  /** An hourly rate: an order's requested rate, a bid's rate, a price of the price list. */
  maxHourlyRate: '20000.00',
  /** Extras on top of the hourly price, SEK, 0 and up. */
  maxExtrasSek: '10000000.00',
  /** A travel allowance per started week, SEK, 0 and up. */
  maxTravelAllowancePerWeek: '50000.00',
  /** Days of an order's period, both ends counted: five years. */
  maxPeriodDays: 1827,
  /** The largest estimate the ranges above allow; the column holds 999 999 999 999.99. */
  estimateColumnMax: '999999999999.99',
} as const;

export interface EstimateInput {
  hours: string;
  priceZone: PriceZone;
  /** The tariff for the zone on the first day, or null when the price list has none. */
  tariffHourlyRate: string | null;
  /** A different rate asked for (off the agreement, or above the tariff). */
  requestedHourlyRate: string | null;
  extrasSek: string | null;
  /** The region's travel allowance per started week, if it has one on the first day. */
  travelAllowancePerWeek: string | null;
  periodStart: string;
  periodEnd: string;
}

/** The cost of an order before it is submitted: hours × rate + travel allowance + extras, exact. */
export function estimateCost(input: EstimateInput): CostEstimate {
  const hours = new Decimal(input.hours);
  const rate = input.requestedHourlyRate ?? input.tariffHourlyRate;
  const labour = rate === null ? null : hours.times(rate);
  const weeks = startedWeeks(input.periodStart, input.periodEnd);
  const travel =
    input.travelAllowancePerWeek === null
      ? new Decimal(0)
      : new Decimal(input.travelAllowancePerWeek).times(weeks);
  const extras = input.extrasSek === null ? new Decimal(0) : new Decimal(input.extrasSek);
  return {
    hourlyRate: rate === null ? null : new Decimal(rate).toFixed(2),
    hours: hours.toFixed(2),
    labourCost: labour?.toFixed(2) ?? null,
    travelAllowance: travel.toFixed(2),
    extras: extras.toFixed(2),
    total: labour === null ? null : labour.plus(travel).plus(extras).toFixed(2),
    priceZone: input.priceZone,
    missingPrice:
      rate === null ? `No price in the price list for zone ${input.priceZone} on ${input.periodStart}` : null,
  };
}
