import { breakdownDecimals, decimalsOf } from './order-problems';

describe('amounts of a cost breakdown', () => {
  const whole = {
    hourlyRate: '1375.00',
    labourCost: '247500.00',
    travelAllowance: '0.00',
    extras: '0.00',
    total: '247500.00',
  };

  it('shows whole kronor without öre', () => {
    expect(breakdownDecimals(whole)).toBe(0);
  });

  it('shows every part with öre when one has öre, so that the parts add up to the total', () => {
    // 690 000 + 0 + 1 234,56 = 691 234,56: rounded parts would read "1 235" and not add up
    expect(
      breakdownDecimals({ ...whole, labourCost: '690000.00', extras: '1234.56', total: '691234.56' }),
    ).toBe(2);
    expect(breakdownDecimals({ ...whole, hourlyRate: '1375.50' })).toBe(2);
  });

  it('never rounds 99 999,99 up to 100 000', () => {
    expect(decimalsOf('99999.99')).toBe(2);
    expect(breakdownDecimals({ ...whole, total: '99999.99' })).toBe(2);
  });
});
