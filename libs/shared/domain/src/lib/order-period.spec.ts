import { orderPeriodProblem } from './order-period';

describe('orderPeriodProblem', () => {
  const today = '2026-12-06';

  it('accepts a period starting today or up to two years ahead', () => {
    expect(orderPeriodProblem('2026-12-06', today)).toBeNull();
    expect(orderPeriodProblem('2028-12-06', today)).toBeNull();
  });

  it('refuses a start before today, naming periodStart', () => {
    expect(orderPeriodProblem('2026-12-05', today)).toMatchObject({
      field: 'periodStart',
      problem: 'beforeToday',
      limit: today,
    });
    expect(orderPeriodProblem('2020-01-01', today)?.problem).toBe('beforeToday');
  });

  it('refuses a start more than two years ahead', () => {
    expect(orderPeriodProblem('2028-12-07', today)).toMatchObject({
      field: 'periodStart',
      problem: 'tooFarAhead',
      limit: '2028-12-06',
    });
    expect(orderPeriodProblem('9999-12-31', today)?.problem).toBe('tooFarAhead');
  });
});
