import {
  addWorkingDays,
  easterSunday,
  endOfSwedishDay,
  isWorkingDay,
  swedishDate,
  swedishHolidays,
  workingDaysBetween,
} from './working-days';

describe('Swedish working days', () => {
  it('finds Easter Sunday (checked against the almanac)', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the holidays of 2025, midsummer and All Saints included', () => {
    const holidays = swedishHolidays(2025);
    expect(holidays.get('2025-04-18')).toBe('Långfredagen');
    expect(holidays.get('2025-04-21')).toBe('Annandag påsk');
    expect(holidays.get('2025-05-29')).toBe('Kristi himmelsfärdsdag');
    expect(holidays.get('2025-06-20')).toBe('Midsommarafton');
    expect(holidays.get('2025-06-21')).toBe('Midsommardagen');
    expect(holidays.get('2025-11-01')).toBe('Alla helgons dag');
    expect(holidays.get('2025-12-24')).toBe('Julafton');
  });

  it('puts midsummer eve on the Friday between 19 and 25 June', () => {
    expect(swedishHolidays(2024).get('2024-06-21')).toBe('Midsommarafton');
    expect(swedishHolidays(2026).get('2026-06-19')).toBe('Midsommarafton');
    expect(swedishHolidays(2027).get('2027-06-25')).toBe('Midsommarafton');
  });

  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2025-04-17')).toBe(true); // Maundy Thursday is a working day
    expect(isWorkingDay('2025-04-18')).toBe(false);
    expect(isWorkingDay('2025-04-19')).toBe(false);
    expect(isWorkingDay('2025-06-06')).toBe(false);
    expect(isWorkingDay('2025-06-09')).toBe(true);
  });

  it('counts 2 working days after Thursday 2025-04-17 to Wednesday 2025-04-23 (Easter)', () => {
    expect(addWorkingDays('2025-04-17', 2)).toBe('2025-04-23');
  });

  it('counts across midsummer and Christmas', () => {
    // Wed 18 June 2025: Thu 19 is the first; Fri 20 is midsummer eve, then a weekend; Mon 23 the second
    expect(addWorkingDays('2025-06-18', 2)).toBe('2025-06-23');
    // Tue 23 Dec 2025: 24–26 are holidays, 27–28 a weekend; Mon 29 and Tue 30 count, 31 is New Year's eve
    expect(addWorkingDays('2025-12-23', 2)).toBe('2025-12-30');
    expect(addWorkingDays('2025-12-30', 1)).toBe('2026-01-02');
  });

  it('counts working days between two dates', () => {
    expect(workingDaysBetween('2025-04-17', '2025-04-23')).toBe(2);
    expect(workingDaysBetween('2025-04-23', '2025-04-17')).toBe(0);
  });

  it('refuses a malformed date', () => {
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('knows the Swedish date of an instant and the end of a Swedish day, summer and winter', () => {
    expect(swedishDate(new Date('2025-04-17T22:30:00Z'))).toBe('2025-04-18');
    expect(endOfSwedishDay('2025-04-23').toISOString()).toBe('2025-04-23T21:59:59.999Z');
    expect(endOfSwedishDay('2025-01-15').toISOString()).toBe('2025-01-15T22:59:59.999Z');
  });
});
