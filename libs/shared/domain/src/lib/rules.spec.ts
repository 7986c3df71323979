import type { DispensationPolicy } from '@hyrkoll/contracts';

import { DEFAULT_POLICY, evaluateOrderRules, karensRule, needsSecondStep, OrderFacts } from './rules';

const facts: OrderFacts = {
  professionGroup: 'LAKARE',
  specialty: 'Allmänmedicin',
  areaId: 'area-ske',
  periodStart: '2025-01-01',
  periodEnd: '2025-03-31',
  offAgreement: false,
  tariffHourlyRate: '1125.00',
  requestedHourlyRate: null,
  extrasSek: null,
};

function policy(change: Partial<DispensationPolicy>): DispensationPolicy {
  return { ...DEFAULT_POLICY, ...change };
}

const codes = (p: DispensationPolicy, f: OrderFacts) => evaluateOrderRules(p, f).map((r) => r.rule);

describe('the dispensation rule engine', () => {
  it('lets a plain order within the agreement through under the default policy', () => {
    expect(evaluateOrderRules(DEFAULT_POLICY, facts)).toEqual([]);
  });

  it('stops every order under a hiring stop on all, with the policy reason', () => {
    const stop = policy({
      hiringStop: { ...DEFAULT_POLICY.hiringStop, enabled: true, all: true, reason: 'Beslut RS 2024-01' },
    });
    const [rule] = evaluateOrderRules(stop, facts);
    expect(rule).toMatchObject({ rule: 'HIRING_STOP', blocking: false });
    expect(rule?.reason).toBe('The region has a hiring stop on all orders: Beslut RS 2024-01');
  });

  it('matches a hiring stop by profession group, specialty or area, and not otherwise', () => {
    const base = { ...DEFAULT_POLICY.hiringStop, enabled: true };
    expect(codes(policy({ hiringStop: { ...base, professionGroups: ['SSK_BM'] } }), facts)).toEqual([]);
    expect(codes(policy({ hiringStop: { ...base, professionGroups: ['LAKARE'] } }), facts)).toEqual([
      'HIRING_STOP',
    ]);
    expect(codes(policy({ hiringStop: { ...base, specialties: ['allmänmedicin'] } }), facts)).toEqual([
      'HIRING_STOP',
    ]);
    expect(codes(policy({ hiringStop: { ...base, areaIds: ['area-ske'] } }), facts)).toEqual(['HIRING_STOP']);
    expect(codes(policy({ hiringStop: { ...base, enabled: false, all: true } }), facts)).toEqual([]);
  });

  it('allows exactly 12 months and triggers MAX_DURATION one day more', () => {
    expect(codes(DEFAULT_POLICY, { ...facts, periodEnd: '2025-12-31' })).toEqual([]);
    const [rule] = evaluateOrderRules(DEFAULT_POLICY, { ...facts, periodEnd: '2026-01-01' });
    expect(rule).toMatchObject({ rule: 'MAX_DURATION', params: { lastAllowed: '2025-12-31' } });
  });

  it('counts an extension from the start of the first period', () => {
    const extension = {
      ...facts,
      periodStart: '2025-10-01',
      periodEnd: '2026-03-01',
      originalPeriodStart: '2025-03-01',
    };
    expect(codes(DEFAULT_POLICY, { ...extension, periodEnd: '2026-02-28' })).toEqual([]);
    expect(codes(DEFAULT_POLICY, extension)).toEqual(['MAX_DURATION']);
  });

  it('triggers OFF_AGREEMENT for a purchase outside the agreement', () => {
    expect(codes(DEFAULT_POLICY, { ...facts, offAgreement: true })).toEqual(['OFF_AGREEMENT']);
    expect(codes(policy({ offAgreement: { enabled: false } }), { ...facts, offAgreement: true })).toEqual([]);
  });

  it('triggers PRICE_ABOVE_TARIFF for a higher rate or for extras, exactly', () => {
    expect(codes(DEFAULT_POLICY, { ...facts, requestedHourlyRate: '1125.00' })).toEqual([]);
    expect(codes(DEFAULT_POLICY, { ...facts, requestedHourlyRate: '1125.01' })).toEqual([
      'PRICE_ABOVE_TARIFF',
    ]);
    expect(codes(DEFAULT_POLICY, { ...facts, extrasSek: '0.00' })).toEqual([]);
    expect(codes(DEFAULT_POLICY, { ...facts, extrasSek: '5000' })).toEqual(['PRICE_ABOVE_TARIFF']);
  });

  it('lists several rules at once', () => {
    const stop = policy({ hiringStop: { ...DEFAULT_POLICY.hiringStop, enabled: true, all: true } });
    expect(
      codes(stop, { ...facts, periodEnd: '2026-06-30', offAgreement: true, requestedHourlyRate: '1500' }),
    ).toEqual(['HIRING_STOP', 'MAX_DURATION', 'OFF_AGREEMENT', 'PRICE_ABOVE_TARIFF']);
  });
});

describe('karens', () => {
  it('blocks a consultant employed within the last 12 months by default', () => {
    const rule = karensRule(DEFAULT_POLICY, '2024-06-30', '2025-06-30');
    expect(rule).toMatchObject({ rule: 'KARENS', blocking: true, params: { karensUntil: '2025-06-30' } });
  });

  it('lets the consultant through the day after karens ends, or without a former employment', () => {
    expect(karensRule(DEFAULT_POLICY, '2024-06-30', '2025-07-01')).toBeNull();
    expect(karensRule(DEFAULT_POLICY, null, '2025-07-01')).toBeNull();
  });

  it('only warns when the region chose so', () => {
    const warn = { ...DEFAULT_POLICY, karens: { ...DEFAULT_POLICY.karens, mode: 'WARN' as const } };
    expect(karensRule(warn, '2024-06-30', '2025-01-01')?.blocking).toBe(false);
  });
});

describe('the second decision step', () => {
  const thresholds = {
    ...DEFAULT_POLICY,
    secondStep: { costThresholdSek: '500000', durationThresholdDays: 90 },
  };

  it('is needed above the cost threshold or the duration threshold', () => {
    expect(needsSecondStep(thresholds, '500000.00', 90)).toBe(false);
    expect(needsSecondStep(thresholds, '500000.01', 10)).toBe(true);
    expect(needsSecondStep(thresholds, '1000', 91)).toBe(true);
  });

  it('is never needed without thresholds', () => {
    expect(needsSecondStep(DEFAULT_POLICY, '99999999', 365)).toBe(false);
  });
});
