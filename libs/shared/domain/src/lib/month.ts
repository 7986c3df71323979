/**
 * Calendar months as used by the measure and the import files: `YYYY-MM`.
 * Internally a month is an integer count (year * 12 + month index) so that
 * arithmetic never goes through JavaScript dates and time zones.
 */
export type MonthKey = string;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthKey(value: string): value is MonthKey {
  return MONTH_PATTERN.test(value);
}

function toIndex(month: MonthKey): number {
  const match = MONTH_PATTERN.exec(month);
  if (!match) {
    throw new RangeError(`"${month}" is not a month of the form YYYY-MM`);
  }
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function fromIndex(index: number): MonthKey {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(month: MonthKey, count: number): MonthKey {
  return fromIndex(toIndex(month) + count);
}

/** Whole months from `from` to `to`: 0 for the same month, negative when `to` is earlier. */
export function monthsBetween(from: MonthKey, to: MonthKey): number {
  return toIndex(to) - toIndex(from);
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: MonthKey, to: MonthKey): MonthKey[] {
  const start = toIndex(from);
  const end = toIndex(to);
  const months: MonthKey[] = [];
  for (let i = start; i <= end; i++) {
    months.push(fromIndex(i));
  }
  return months;
}

/** The twelve months ending with `month` (the R12 window of the SKR measure). */
export function rolling12Window(month: MonthKey): { from: MonthKey; to: MonthKey } {
  return { from: addMonths(month, -11), to: month };
}
