import { addMonths, isMonthKey, monthRange, monthsBetween, rolling12Window } from './month';

describe('month arithmetic', () => {
  it('recognises YYYY-MM and nothing else', () => {
    expect(isMonthKey('2024-10')).toBe(true);
    expect(isMonthKey('2024-13')).toBe(false);
    expect(isMonthKey('2024-00')).toBe(false);
    expect(isMonthKey('2024-1')).toBe(false);
    expect(isMonthKey('24-10')).toBe(false);
  });

  it('adds months across year boundaries in both directions', () => {
    expect(addMonths('2024-11', 2)).toBe('2025-01');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-10', -11)).toBe('2023-11');
    expect(addMonths('2024-10', 0)).toBe('2024-10');
  });

  it('counts months between two months', () => {
    expect(monthsBetween('2023-11', '2024-10')).toBe(11);
    expect(monthsBetween('2024-10', '2023-11')).toBe(-11);
  });

  it('lists a range with both ends included', () => {
    expect(monthRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthRange('2024-02', '2024-01')).toEqual([]);
  });

  it('gives the R12 window ending with a month', () => {
    expect(rolling12Window('2024-10')).toEqual({ from: '2023-11', to: '2024-10' });
  });

  it('refuses a malformed month', () => {
    expect(() => addMonths('2024-1', 1)).toThrow(RangeError);
  });
});
