import Decimal from 'decimal.js';
import type { CostEstimate, PriceZone } from '@hyrkoll/contracts';
import { startedWeeks } from './dates';

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
