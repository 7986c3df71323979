import Decimal from 'decimal.js';

import { addDays, daysInclusive, startedWeeks } from './dates';
import { estimateCost, ORDER_LIMITS } from './estimate';

describe('cost estimate', () => {
  const base = {
    hours: '480',
    priceZone: 3 as const,
    tariffHourlyRate: '1625.00',
    requestedHourlyRate: null,
    extrasSek: null,
    travelAllowancePerWeek: null,
    periodStart: '2025-01-06',
    periodEnd: '2025-03-30',
  };

  it('is hours times the zone tariff', () => {
    expect(estimateCost(base)).toMatchObject({
      hourlyRate: '1625.00',
      labourCost: '780000.00',
      total: '780000.00',
      missingPrice: null,
    });
  });

  it('adds the travel allowance per started week and extras, exactly', () => {
    const estimate = estimateCost({
      ...base,
      travelAllowancePerWeek: '1500.50',
      extrasSek: '0.10',
      hours: '0.1',
    });
    expect(estimate.labourCost).toBe('162.50');
    expect(estimate.travelAllowance).toBe('18006.00'); // 12 weeks
    expect(estimate.total).toBe('18168.60');
  });

  it('uses a requested rate over the tariff', () => {
    expect(estimateCost({ ...base, requestedHourlyRate: '1800' }).total).toBe('864000.00');
  });

  it('says when there is no price', () => {
    const estimate = estimateCost({ ...base, tariffHourlyRate: null });
    expect(estimate.total).toBeNull();
    expect(estimate.missingPrice).toBe('No price in the price list for zone 3 on 2025-01-06');
  });
});

describe('the ranges of an order (ORDER_LIMITS)', () => {
  it('keep the largest estimate inside the order’s numeric(14, 2) column', () => {
    // the longest period starting on a Sunday has the most started weeks
    const periodStart = '2025-01-05';
    const periodEnd = addDays(periodStart, ORDER_LIMITS.maxPeriodDays - 1);
    expect(daysInclusive(periodStart, periodEnd)).toBe(ORDER_LIMITS.maxPeriodDays);
    const estimate = estimateCost({
      hours: ORDER_LIMITS.maxHours,
      priceZone: 3,
      tariffHourlyRate: null,
      requestedHourlyRate: ORDER_LIMITS.maxHourlyRate,
      extrasSek: ORDER_LIMITS.maxExtrasSek,
      travelAllowancePerWeek: ORDER_LIMITS.maxTravelAllowancePerWeek,
      periodStart,
      periodEnd,
    });
    expect(startedWeeks(periodStart, periodEnd)).toBe(262);
    expect(estimate.total).toBe('423100000.00');
    expect(new Decimal(estimate.total as string).lte(ORDER_LIMITS.estimateColumnMax)).toBe(true);
  });
});
