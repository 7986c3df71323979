import {
  CARE_SETTINGS,
  CareSetting,
  IMPORT_COLUMNS,
  ImportKind,
  ImportRowError,
  PROFESSION_GROUPS,
  ProfessionGroup,
  SWEDISH_REGIONS,
} from '@hyrkoll/contracts';

import { addMonths, isMonthKey, MonthKey } from './month';
import { swedishDate } from './working-days';

export interface PurchasedHoursRow {
  month: MonthKey;
  unitCode: string;
  professionGroup: ProfessionGroup;
  supplier: string;
  hours: string;
  costSek: string;
  orderRef: string | null;
}

export interface OwnStaffCostRow {
  month: MonthKey;
  areaCode: string;
  careSetting: CareSetting;
  professionGroup: ProfessionGroup;
  costSek: string;
  budgetSek: string | null;
}

export interface NationalComparisonRow {
  month: MonthKey;
  regionCode: string;
  hiredSharePercent: string;
}

export type ImportRow = PurchasedHoursRow | OwnStaffCostRow | NationalComparisonRow;

type Reason = { sv: string; en: string };

/**
 * The stated range of each number of an import file, as the most digits before the decimal
 * point (two after): a value outside it is a row error naming line and column. Each is far above
 * anything real and fits its fact column (hours numeric(12, 2), SEK numeric(14, 2)); the sums of
 * any number of such rows are kept in numeric(38, 2) and computed in unbounded numeric.
 */
export const IMPORT_RANGES = {
  /** A purchased-hours row's hours, ±99 999.99 (a supplier's month at one unit: about 600 full-time staff). */
  purchasedHours: 5,
  /** A purchased-hours row's cost, ±999 999 999.99 SEK. */
  purchasedCostSek: 9,
  /** An own-staff-cost row's cost and budget, ±9 999 999 999.99 SEK (an area's month of one group). */
  ownStaffSek: 10,
} as const;

/** Months an import may hold: none before `earliest` or after `latest` (both `YYYY-MM`). */
export interface ImportMonthWindow {
  earliest: MonthKey;
  latest: MonthKey;
}

/** The first month an import may hold. */
export const EARLIEST_IMPORT_MONTH: MonthKey = '2000-01';

/**
 * The plausible months of an import on `today`: from January 2000 to the month after the
 * current one in Sweden (a report of next month's planned hours is the furthest ahead a file
 * may reach; anything later is a typo of the year).
 */
export function importMonthWindow(today: Date = new Date()): ImportMonthWindow {
  return { earliest: EARLIEST_IMPORT_MONTH, latest: addMonths(swedishDate(today).slice(0, 7), 1) };
}

let monthWindowOverride: ImportMonthWindow | null = null;
let monthWindowCache: { window: ImportMonthWindow; until: number } | null = null;

/**
 * Sets the months every following import accepts, or with `null` goes back to the real clock's
 * window. For tests whose files write months of their own choosing (the fuzzing writes a year of
 * its own for every file); the application never calls it.
 */
export function setImportMonthWindow(window: ImportMonthWindow | null): void {
  monthWindowOverride = window;
}

/** The window in force: the override, or today's (worked out again at most once a minute). */
export function currentImportMonthWindow(): ImportMonthWindow {
  if (monthWindowOverride) return monthWindowOverride;
  const now = Date.now();
  if (!monthWindowCache || now >= monthWindowCache.until) {
    monthWindowCache = { window: importMonthWindow(new Date(now)), until: now + 60_000 };
  }
  return monthWindowCache.window;
}

/** `-99 999,99` / `-99 999.99`: the bound of so many integer digits, grouped as Swedes write it. */
function boundText(integerDigits: number, decimalMark: ',' | '.'): string {
  const whole = '9'.repeat(integerDigits).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${whole}${decimalMark}99`;
}

/** Digits before the point of a normalised decimal such as "-1234.50". */
function integerDigitsOf(normal: string): number {
  const point = normal.indexOf('.');
  return (point < 0 ? normal.length : point) - (normal.charCodeAt(0) === 45 ? 1 : 0);
}

/** The most integer digits a number cell is read with before its range is checked. */
const READ_DIGITS = 15;

/**
 * The two patterns of a decimal of at most so many digits, made once for each size (an import
 * asks millions of times): `plain`, a number already in its normal form but for a decimal comma
 * (no spaces, no leading zero, not `-0`), which most cells are; `normal`, the general form.
 */
interface DecimalPatterns {
  plain: RegExp;
  normal: RegExp;
}
const decimalPatterns: DecimalPatterns[][] = [];
function decimalPatternsOf(maxIntegerDigits: number, scale: number): DecimalPatterns {
  const ofScale = (decimalPatterns[maxIntegerDigits] ??= []);
  return (ofScale[scale] ??= {
    plain: new RegExp(`^(?!-0$)-?(?:0|[1-9]\\d{0,${maxIntegerDigits - 1}})(?:[.,]\\d{1,${scale}})?$`),
    normal: new RegExp(`^(-?)(\\d{1,${maxIntegerDigits}})(?:\\.(\\d{1,${scale}}))?$`),
  });
}

/**
 * An exact decimal from a file cell: decimal comma or point, spaces as thousands separators,
 * optional minus sign. Returns the normalised "-1234.50" form, or null when it is not a number.
 */
export function parseDecimalCell(raw: string, maxIntegerDigits: number, scale: number): string | null {
  const patterns = decimalPatternsOf(maxIntegerDigits, scale);
  if (patterns.plain.test(raw)) return raw.replace(',', '.');
  const compact = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (compact.includes(',') && compact.includes('.')) return null;
  const match = patterns.normal.exec(compact.replace(',', '.'));
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const value = `${sign}${String(Number(whole))}${fraction ? `.${fraction}` : ''}`;
  return value === '-0' ? '0' : value;
}

function problem(line: number, column: string, value: string, reason: Reason): ImportRowError {
  return { line, column, value: value.length > 200 ? `${value.slice(0, 200)}…` : value, reason };
}

const R = {
  month: { sv: 'månaden ska skrivas ÅÅÅÅ-MM', en: 'the month must be written YYYY-MM' },
  required: { sv: 'värdet saknas', en: 'the value is missing' },
  code: {
    sv: 'koden får bara innehålla bokstäver, siffror, - och _',
    en: 'the code may only contain letters, digits, - and _',
  },
  group: {
    sv: `yrkesgruppen ska vara ${PROFESSION_GROUPS.join(', ')}`,
    en: `the profession group must be ${PROFESSION_GROUPS.join(', ')}`,
  },
  setting: {
    sv: `vårdformen ska vara ${CARE_SETTINGS.join(', ')}`,
    en: `the care setting must be ${CARE_SETTINGS.join(', ')}`,
  },
  money: {
    sv: 'beloppet ska vara ett tal i kronor med högst två decimaler',
    en: 'the amount must be a number of SEK with at most two decimals',
  },
  hours: {
    sv: 'timmarna ska vara ett tal med högst två decimaler',
    en: 'the hours must be a number with at most two decimals',
  },
  percent: {
    sv: 'andelen ska vara ett tal mellan 0 och 100',
    en: 'the share must be a number from 0 to 100',
  },
  region: {
    sv: 'länskoden ska vara en av de 21 regionernas två siffror',
    en: 'the county code must be one of the 21 regions’ two digits',
  },
  long: { sv: 'värdet är för långt', en: 'the value is too long' },
  monthRange: (window: ImportMonthWindow): Reason => ({
    sv: `månaden ska ligga mellan ${window.earliest} och ${window.latest} (högst en månad framåt)`,
    en: `the month must be from ${window.earliest} to ${window.latest} (at most one month ahead)`,
  }),
  moneyRange: (digits: number): Reason => ({
    sv: `beloppet ska ligga mellan −${boundText(digits, ',')} och ${boundText(digits, ',')} kronor`,
    en: `the amount must be from -${boundText(digits, '.')} to ${boundText(digits, '.')} SEK`,
  }),
  hoursRange: (digits: number): Reason => ({
    sv: `timmarna ska ligga mellan −${boundText(digits, ',')} och ${boundText(digits, ',')}`,
    en: `the hours must be from -${boundText(digits, '.')} to ${boundText(digits, '.')}`,
  }),
  formula: { sv: 'värdet ser ut som en kalkylformel', en: 'the value looks like a spreadsheet formula' },
  columns: (n: number, want: number): Reason => ({
    sv: `raden har ${n} kolumner, ska ha ${want}`,
    en: `the line has ${n} columns, ${want} expected`,
  }),
};

const CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** Checks the header line: the expected column names, in order, any case. */
export function checkHeader(kind: ImportKind, header: readonly string[]): ImportRowError[] {
  const expected = IMPORT_COLUMNS[kind];
  const got = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/^\ufeff/, ''),
  );
  if (got.length === expected.length && got.every((h, i) => h === expected[i])) return [];
  return [
    problem(1, 'header', header.join(';'), {
      sv: `rubrikraden ska vara ${expected.join(';')}`,
      en: `the header line must be ${expected.join(';')}`,
    }),
  ];
}

/** Each kind's column positions by name, worked out once. */
const COLUMN_INDEX = Object.fromEntries(
  Object.entries(IMPORT_COLUMNS).map(([kind, columns]) => [
    kind,
    Object.fromEntries(columns.map((column, i) => [column, i])),
  ]),
) as Record<ImportKind, Record<string, number>>;

const ORDER_REF = /^[A-Za-z0-9_-]{1,40}$/;
const MAX_TEXT = 200;

/** Text a spreadsheet would run as a formula: `=`, `+`, `@`, or `-` not followed by a digit. */
function looksLikeFormula(v: string): boolean {
  const first = v.charCodeAt(0);
  if (first === 61 || first === 43 || first === 64) return true; // = + @
  if (first !== 45) return false; // -
  const second = v.charCodeAt(1);
  return !(second >= 48 && second <= 57);
}

/** The cells of one line, read by column name; each check notes its error and reads on. */
class LineCells {
  readonly errors: ImportRowError[] = [];
  private readonly index: Record<string, number>;

  constructor(
    kind: ImportKind,
    private readonly fields: readonly string[],
    private readonly line: number,
    private readonly months: ImportMonthWindow,
  ) {
    this.index = COLUMN_INDEX[kind];
  }

  cell(column: string): string {
    return (this.fields[this.index[column] as number] ?? '').trim();
  }

  month(): MonthKey {
    const v = this.cell('month');
    if (!isMonthKey(v)) this.fail('month', v, R.month);
    else if (v < this.months.earliest || v > this.months.latest)
      this.fail('month', v, R.monthRange(this.months));
    return v;
  }

  /** A value that must be there, not too long, not a formula, and of the pattern when one is given. */
  required(column: string, pattern: RegExp | null, reason = R.code): string {
    const v = this.cell(column);
    if (!v) this.fail(column, v, R.required);
    else if (v.length > MAX_TEXT) this.fail(column, v, R.long);
    else if (looksLikeFormula(v)) this.fail(column, v, R.formula);
    else if (pattern && !pattern.test(v)) this.fail(column, v, reason);
    return v;
  }

  oneOf<T extends string>(column: string, allowed: readonly T[], reason: Reason): T {
    const v = this.cell(column);
    const upper = v.toUpperCase();
    if (!(allowed as readonly string[]).includes(upper)) this.fail(column, v, reason);
    return upper as T;
  }

  /**
   * A number of at most `digits` integer digits and two decimals: not a number is `reason`, a
   * number outside the range is `range` (the stated range of the column).
   */
  decimal(column: string, digits: number, reason: Reason, range: Reason, optional = false): string | null {
    const v = this.cell(column);
    if (!v && optional) return null;
    const parsed = parseDecimalCell(v, READ_DIGITS, 2);
    if (parsed === null) this.fail(column, v, v ? reason : R.required);
    else if (integerDigitsOf(parsed) > digits) {
      this.fail(column, v, range);
      return null;
    }
    return parsed;
  }

  fail(column: string, value: string, reason: Reason): void {
    this.errors.push(problem(this.line, column, value, reason));
  }
}

const HOURS_RANGE = R.hoursRange(IMPORT_RANGES.purchasedHours);
const PURCHASED_COST_RANGE = R.moneyRange(IMPORT_RANGES.purchasedCostSek);
const OWN_STAFF_RANGE = R.moneyRange(IMPORT_RANGES.ownStaffSek);

/**
 * Validates one data line of an import file (line numbers count the header as line 1).
 * Checks what can be checked without the database; codes are looked up by the caller. A month
 * outside `months` (by default from 2000 to next month) is a row error.
 */
export function parseImportRow(
  kind: ImportKind,
  fields: readonly string[],
  line: number,
  months: ImportMonthWindow = currentImportMonthWindow(),
): { row: ImportRow; errors: [] } | { row: null; errors: ImportRowError[] } {
  const columns = IMPORT_COLUMNS[kind];
  if (fields.length !== columns.length) {
    return {
      row: null,
      errors: [problem(line, '*', fields.join(';'), R.columns(fields.length, columns.length))],
    };
  }
  const cells = new LineCells(kind, fields, line, months);
  let row: ImportRow;
  if (kind === 'purchased-hours') {
    row = {
      month: cells.month(),
      unitCode: cells.required('unit_code', CODE),
      professionGroup: cells.oneOf('profession_group', PROFESSION_GROUPS, R.group),
      supplier: cells.required('supplier', null),
      hours: cells.decimal('hours', IMPORT_RANGES.purchasedHours, R.hours, HOURS_RANGE) ?? '0',
      costSek:
        cells.decimal('cost_sek', IMPORT_RANGES.purchasedCostSek, R.money, PURCHASED_COST_RANGE) ?? '0',
      orderRef: cells.cell('order_ref') ? cells.required('order_ref', ORDER_REF) : null,
    };
  } else if (kind === 'own-staff-cost') {
    row = {
      month: cells.month(),
      areaCode: cells.required('area_code', CODE),
      careSetting: cells.oneOf('care_setting', CARE_SETTINGS, R.setting),
      professionGroup: cells.oneOf('profession_group', PROFESSION_GROUPS, R.group),
      costSek: cells.decimal('cost_sek', IMPORT_RANGES.ownStaffSek, R.money, OWN_STAFF_RANGE) ?? '0',
      budgetSek: cells.decimal('budget_sek', IMPORT_RANGES.ownStaffSek, R.money, OWN_STAFF_RANGE, true),
    };
  } else {
    const share = cells.decimal('hired_share_percent', 3, R.percent, R.percent);
    if (share !== null && (Number(share) < 0 || Number(share) > 100))
      cells.fail('hired_share_percent', cells.cell('hired_share_percent'), R.percent);
    const regionCode = cells.cell('region_code').padStart(2, '0');
    if (!SWEDISH_REGIONS[regionCode]) cells.fail('region_code', cells.cell('region_code'), R.region);
    row = { month: cells.month(), regionCode, hiredSharePercent: share ?? '0' };
  }
  return cells.errors.length > 0 ? { row: null, errors: cells.errors } : { row, errors: [] };
}

/** The field delimiter of a file, judged from its header line: `;` or `,`. */
export function detectDelimiter(header: string): ';' | ',' {
  return header.includes(';') ? ';' : ',';
}

/**
 * Splits one CSV line into fields: fields may be quoted with `"`, and `""` inside quotes is a
 * quote. Line breaks inside quotes are not supported (each physical line is one record).
 */
export function splitCsvLine(line: string, delimiter: ';' | ','): string[] {
  if (!line.includes('"')) return line.split(delimiter); // most lines: no quoting to undo
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * Remembers the keys of the rows seen so far in a file that may hold each key once: a national
 * comparison gives one share per month and county. Returns the error for a row whose key an
 * earlier line already had (naming that line), or null. Other kinds may repeat rows.
 */
export class RowKeyCheck {
  private readonly firstLine = new Map<string, number>();

  constructor(private readonly kind: ImportKind) {}

  check(row: ImportRow, line: number): ImportRowError | null {
    if (this.kind !== 'national-comparison') return null;
    const { month, regionCode } = row as NationalComparisonRow;
    const key = `${month}|${regionCode}`;
    const earlier = this.firstLine.get(key);
    if (earlier === undefined) {
      this.firstLine.set(key, line);
      return null;
    }
    return problem(line, 'region_code', regionCode, {
      sv: `länet och månaden finns redan på rad ${earlier}`,
      en: `the county and month are already on line ${earlier}`,
    });
  }
}
