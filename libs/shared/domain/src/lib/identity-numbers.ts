/** Luhn check digit test over a string of digits (the last digit is the check digit). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * A Swedish personal identity number (personnummer) or co-ordination number
 * (samordningsnummer, day + 60), as 12 digits `YYYYMMDDNNNN`. Accepts `YYYYMMDD-NNNN`,
 * `YYYYMMDDNNNN`, `YYMMDD-NNNN` and `YYMMDD+NNNN` (over 100 years old); `today` decides the
 * century of the short forms. Returns null when the number is not valid.
 */
export function normalisePersonalNumber(input: string, today = new Date()): string | null {
  const text = input.trim();
  const long = /^(\d{4})(\d{2})(\d{2})[-+]?(\d{4})$/.exec(text);
  const short = long ? null : /^(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/.exec(text);
  let year: number;
  let month: string;
  let day: string;
  let rest: string;
  if (long) {
    [, , month = '', day = '', rest = ''] = long;
    year = Number(long[1]);
  } else if (short) {
    const [, yy = '', mm = '', dd = '', separator, tail = ''] = short;
    month = mm;
    day = dd;
    rest = tail;
    const thisYear = today.getFullYear();
    year = Math.floor(thisYear / 100) * 100 + Number(yy);
    if (year > thisYear) year -= 100;
    if (separator === '+') year -= 100;
  } else {
    return null;
  }
  const realDay = Number(day) > 60 ? Number(day) - 60 : Number(day);
  const date = new Date(Date.UTC(year, Number(month) - 1, realDay));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== Number(month) - 1 ||
    date.getUTCDate() !== realDay
  ) {
    return null;
  }
  const ten = `${String(year).slice(2)}${month}${day}${rest}`;
  return luhnValid(ten) ? `${year}${month}${day}${rest}` : null;
}

/**
 * The birth date (ISO) of a normalised number `YYYYMMDDNNNN`; a co-ordination number's day has
 * 60 added, which is taken off.
 */
export function birthDateOfPersonalNumber(normalised: string): string {
  const day = Number(normalised.slice(6, 8));
  const realDay = day > 60 ? day - 60 : day;
  return `${normalised.slice(0, 4)}-${normalised.slice(4, 6)}-${String(realDay).padStart(2, '0')}`;
}

/**
 * Shows only the last two digits: `19800101-1234` → `********-**34`. Neither the birth date nor
 * the year is shown, so a masked entry narrows a guess at the person to no more than a hundredth
 * of all numbers (docs/reliability.md, "Karens check").
 */
export function maskPersonalNumber(normalised: string): string {
  return `********-**${normalised.slice(-2)}`;
}

/** A Swedish organisation number `NNNNNN-NNNN` (10 digits, Luhn), or null. */
export function normaliseOrganisationNumber(input: string): string | null {
  const match = /^(\d{6})-?(\d{4})$/.exec(input.trim());
  if (!match) return null;
  const digits = `${match[1]}${match[2]}`;
  return luhnValid(digits) ? `${match[1]}-${match[2]}` : null;
}
