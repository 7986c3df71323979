import { addDays, addMonthsToDate, daysInclusive, isIsoDate, startedWeeks } from './dates';

describe('calendar dates', () => {
  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2025-01-01', 12, -1)).toBe('2025-12-31');
    expect(addMonthsToDate('2025-03-15', -6)).toBe('2024-09-15');
  });

  it('adds days and counts days with both ends included', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysInclusive('2025-01-01', '2025-01-01')).toBe(1);
    expect(daysInclusive('2025-01-01', '2025-12-31')).toBe(365);
  });

  it('counts the started Monday–Sunday weeks a period touches', () => {
    expect(startedWeeks('2025-01-06', '2025-01-12')).toBe(1); // Monday to Sunday
    expect(startedWeeks('2025-01-05', '2025-01-06')).toBe(2); // Sunday and Monday
    expect(startedWeeks('2025-01-06', '2025-03-30')).toBe(12);
  });

  it('recognises real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
  });
});
