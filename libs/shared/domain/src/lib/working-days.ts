/**
 * The Swedish working-day calendar: weekends and public holidays are non-working days,
 * including the Easter-dependent holidays and the de facto holidays midsummer eve,
 * Christmas eve and New Year's eve. Holidays are computed for any year, not listed.
 * Dates are ISO calendar dates `YYYY-MM-DD` in Swedish local time.
 */
export type IsoDate = string;

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function iso(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

function parse(date: IsoDate): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date of the form YYYY-MM-DD`);
  const parsed = utc(Number(match[1]), Number(match[2]), Number(match[3]));
  if (iso(parsed) !== date) throw new RangeError(`"${date}" is not a calendar date`);
  return parsed;
}

function plusDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Easter Sunday of a year (Gregorian calendar; the anonymous algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(utc(year, month, day));
}

/** The first date on or after `start` that falls on `weekday` (0 = Sunday, 6 = Saturday). */
function firstWeekdayFrom(start: Date, weekday: number): Date {
  return plusDays(start, (weekday - start.getUTCDay() + 7) % 7);
}

const cache = new Map<number, Map<IsoDate, string>>();

/** Swedish public and de facto holidays of a year, date → Swedish name. */
export function swedishHolidays(year: number): ReadonlyMap<IsoDate, string> {
  const known = cache.get(year);
  if (known) return known;
  const easter = parse(easterSunday(year));
  const holidays = new Map<IsoDate, string>([
    [iso(utc(year, 1, 1)), 'Nyårsdagen'],
    [iso(utc(year, 1, 6)), 'Trettondedag jul'],
    [iso(plusDays(easter, -2)), 'Långfredagen'],
    [iso(easter), 'Påskdagen'],
    [iso(plusDays(easter, 1)), 'Annandag påsk'],
    [iso(utc(year, 5, 1)), 'Första maj'],
    [iso(plusDays(easter, 39)), 'Kristi himmelsfärdsdag'],
    [iso(plusDays(easter, 49)), 'Pingstdagen'],
    [iso(utc(year, 6, 6)), 'Sveriges nationaldag'],
    [iso(firstWeekdayFrom(utc(year, 6, 19), 5)), 'Midsommarafton'],
    [iso(firstWeekdayFrom(utc(year, 6, 20), 6)), 'Midsommardagen'],
    [iso(firstWeekdayFrom(utc(year, 10, 31), 6)), 'Alla helgons dag'],
    [iso(utc(year, 12, 24)), 'Julafton'],
    [iso(utc(year, 12, 25)), 'Juldagen'],
    [iso(utc(year, 12, 26)), 'Annandag jul'],
    [iso(utc(year, 12, 31)), 'Nyårsafton'],
  ]);
  cache.set(year, holidays);
  return holidays;
}

export function isWorkingDay(date: IsoDate): boolean {
  const d = parse(date);
  const weekday = d.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !swedishHolidays(d.getUTCFullYear()).has(date);
}

/** The date `count` working days after `date` (the day itself never counts). */
export function addWorkingDays(date: IsoDate, count: number): IsoDate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number ≥ 0');
  let current = parse(date);
  let left = count;
  while (left > 0) {
    current = plusDays(current, 1);
    if (isWorkingDay(iso(current))) left--;
  }
  return iso(current);
}

/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = plusDays(parse(from), 1); d <= parse(to); d = plusDays(d, 1)) {
    if (isWorkingDay(iso(d))) count++;
  }
  return count;
}

const STOCKHOLM = 'Europe/Stockholm';

/** The calendar date in Sweden at an instant. */
export function swedishDate(instant: Date): IsoDate {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: STOCKHOLM,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** The last instant (23:59:59.999 Swedish time) of a Swedish calendar date. */
export function endOfSwedishDay(date: IsoDate): Date {
  const midnightUtcNextDay = plusDays(parse(date), 1);
  // Sweden is UTC+1 or UTC+2; find the offset in force at that midnight.
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: STOCKHOLM, hour: '2-digit', hourCycle: 'h23' }).format(
      midnightUtcNextDay,
    ),
  );
  return new Date(midnightUtcNextDay.getTime() - hour * 3_600_000 - 1);
}
