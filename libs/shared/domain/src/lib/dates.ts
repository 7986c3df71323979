/** Calendar-date helpers on ISO dates `YYYY-MM-DD` (no time zones involved). */

function parts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date of the form YYYY-MM-DD`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  try {
    const [y, m, d] = parts(value);
    return iso(new Date(Date.UTC(y, m - 1, d))) === value;
  } catch {
    return false;
  }
}

/**
 * `months` calendar months after `date`, then `days` days more. The day is clamped to the
 * end of a shorter month: 2024-01-31 + 1 month = 2024-02-29.
 */
export function addMonthsToDate(date: string, months: number, days = 0): string {
  const [y, m, d] = parts(date);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0),
  ).getUTCDate();
  const target = new Date(
    Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth(), Math.min(d, lastDay)),
  );
  return iso(new Date(target.getTime() + days * 86_400_000));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Calendar days from `from` to `to`, both included (1 for the same day). */
export function daysInclusive(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000) + 1;
}

/** Started ISO weeks (Monday–Sunday) that the period touches. */
export function startedWeeks(from: string, to: string): number {
  const [y, m, d] = parts(from);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  return Math.ceil((daysInclusive(from, to) + weekday) / 7);
}
