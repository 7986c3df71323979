import { isUtf8 } from 'node:buffer';

import {
  CARE_SETTINGS,
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  ImportKind,
  PROFESSION_GROUPS,
  SWEDISH_REGIONS,
} from '@hyrkoll/contracts';
import fc from 'fast-check';

import { MAX_LINE_CHARS } from '../../../src/modules/imports/import-lines';
import { FUZZ_REGION } from './region';
import { oddString } from './values';

/** CSV import files: valid rows of the fuzz region, broken in known ways, and the answer each must get. */

/** Cells a spreadsheet would run as a formula (decision 010 refuses them). */
const FORMULAS = [
  '=1+2',
  '=HYPERLINK("http://example.invalid")',
  '+1+1',
  '@SUM(A1)',
  '-cmd',
  "=cmd|' /C calc'!A0",
  ' =1',
  '\t=1',
];

type Mark = 'refuse' | 'unknown';

type Mutation =
  | { t: 'formula'; row: number; col: number; value: string }
  | { t: 'bad month'; row: number; value: string }
  | { t: 'extra cell' | 'missing cell' | 'duplicate row'; row: number }
  | { t: 'huge cell'; row: number; col: number; char: string }
  | { t: 'endless line'; row: number; col: number; char: string }
  | { t: 'unbalanced quote' | 'padded cell' | 'BOM in cell' | 'NUL in cell'; row: number; col: number }
  | { t: 'line break in cell'; row: number; col: number; brk: string }
  | { t: 'blank line'; at: number; text: string }
  | {
      t: 'delimiters only' | 'header in capitals' | 'all quoted' | 'trailing delimiter' | 'two BOMs';
      at: number;
    }
  | { t: 'data delimited by ,'; at: number };

export interface CsvCase {
  kind: ImportKind;
  rows: { month: number; cells: string[] }[];
  delimiter: ';' | ',' | '\t' | '|';
  lineEnd: '\n' | '\r\n' | '\r';
  encoding: 'utf8' | 'utf8 with BOM' | 'latin1' | 'utf16le with BOM' | 'utf16le' | 'utf16be with BOM';
  mutations: Mutation[];
}

function decimal(maxWhole: number, negative: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min: negative ? -maxWhole : 0, max: maxWhole }),
      fc.integer({ min: 0, max: 99 }),
      fc.constantFrom('point', 'comma', 'spaces', 'whole'),
    )
    .map(([whole, cents, style]) => {
      const c = String(cents).padStart(2, '0');
      if (style === 'whole') return String(whole);
      if (style === 'point') return `${whole}.${c}`;
      const grouped =
        style === 'spaces' ? String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : String(whole);
      return `${grouped},${c}`;
    });
}

/** A supplier name: ordinary, or hostile text (which may itself make the row invalid). */
function supplierName(): fc.Arbitrary<string> {
  return fc.oneof(
    {
      arbitrary: fc.constantFrom(
        'Fuzzbemanning AB',
        '556712-3459',
        'Okänd Bemanning AB',
        'Läkarhuset i Gävle',
      ),
      weight: 3,
    },
    { arbitrary: oddString(), weight: 2 },
  );
}

function rowCells(kind: ImportKind): fc.Arbitrary<string[]> {
  if (kind === 'purchased-hours')
    return fc.tuple(
      fc.constant(FUZZ_REGION.unitCostCentre),
      fc.constantFrom(...PROFESSION_GROUPS, 'lakare'),
      supplierName(),
      decimal(9_999, true),
      decimal(9_999_999, true),
      fc.constant(''),
    );
  if (kind === 'own-staff-cost')
    return fc.tuple(
      fc.constant(FUZZ_REGION.areaCode),
      fc.constantFrom(...CARE_SETTINGS),
      fc.constantFrom(...PROFESSION_GROUPS),
      decimal(99_999_999, false),
      fc.oneof(fc.constant(''), decimal(99_999_999, false)),
    );
  return fc.tuple(
    fc.constantFrom(...Object.keys(SWEDISH_REGIONS)),
    fc.oneof(decimal(99, false), fc.constant('100')),
  );
}

/** An import file: a few valid rows, then none or some of the breakages above. */
export function csvCase(): fc.Arbitrary<CsvCase> {
  return fc.constantFrom(...IMPORT_KINDS).chain((kind) => {
    const columns = IMPORT_COLUMNS[kind].length;
    const mutation: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(20), fc.nat(columns - 1)).chain(([row, col]) =>
      fc.oneof(
        fc.constantFrom(...FORMULAS).map((value) => ({ t: 'formula' as const, row, col, value })),
        fc
          .constantFrom('2024-13', '24-01', '2024/01', '', 'januari')
          .map((value) => ({ t: 'bad month' as const, row, value })),
        fc
          .constantFrom('extra cell' as const, 'missing cell' as const, 'duplicate row' as const)
          .map((t) => ({ t, row })),
        fc.constantFrom('x', '9', 'å').map((char) => ({ t: 'huge cell' as const, row, col, char })),
        fc.constantFrom('x', 'å').map((char) => ({ t: 'endless line' as const, row, col, char })),
        fc
          .constantFrom(
            'unbalanced quote' as const,
            'padded cell' as const,
            'BOM in cell' as const,
            'NUL in cell' as const,
          )
          .map((t) => ({ t, row, col })),
        fc.constantFrom('\n', '\r\n').map((brk) => ({ t: 'line break in cell' as const, row, col, brk })),
        fc
          .constantFrom('', '   ', '\t', '\u00a0')
          .map((text) => ({ t: 'blank line' as const, at: row, text })),
        fc
          .constantFrom(
            'delimiters only' as const,
            'header in capitals' as const,
            'all quoted' as const,
            'trailing delimiter' as const,
            'two BOMs' as const,
            'data delimited by ,' as const,
          )
          .map((t) => ({ t, at: row })),
      ),
    );
    return fc.record({
      kind: fc.constant(kind),
      rows: fc.array(fc.record({ month: fc.integer({ min: 1, max: 12 }), cells: rowCells(kind) }), {
        minLength: 1,
        maxLength: 6,
      }),
      delimiter: fc.constantFrom<CsvCase['delimiter']>(';', ';', ',', '\t', '|'),
      lineEnd: fc.constantFrom<CsvCase['lineEnd']>('\n', '\n', '\r\n', '\r\n', '\r\n', '\r'),
      encoding: fc.constantFrom<CsvCase['encoding']>(
        ...Array<CsvCase['encoding']>(6).fill('utf8'),
        'utf8 with BOM',
        'latin1',
        'utf16le with BOM',
        'utf16le',
        'utf16be with BOM',
      ),
      mutations: fc.array(mutation, { maxLength: 3 }),
    });
  });
}

export interface RenderedCsv {
  bytes: Buffer;
  months: string[];
  /** Data rows of the file as meant (what a DONE import writes). */
  rows: number;
  /** 'refuse' when the file has a certain error, 'unknown' when it may have one, else undefined. */
  mark: Mark | undefined;
  why: string[];
}

/** Whether a supplier name is refused: blank, over 200 characters, or a formula. */
function textProblem(value: string): boolean {
  const v = value.trim();
  return v === '' || v.length > 200 || /^[=+@]/.test(v) || (/^-/.test(v) && !/^-?\d/.test(v));
}

/** Writes the file in `year` and tells what the import must make of it. */
export function renderCsv(c: CsvCase, year: number): RenderedCsv {
  const columns = IMPORT_COLUMNS[c.kind];
  const why: string[] = [];
  let mark: Mark | undefined;
  const refuse = (reason: string) => ((mark = 'refuse'), why.push(reason));
  const unknown = (reason: string) => (mark !== 'refuse' && (mark = 'unknown'), why.push(reason));
  const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  const rows = c.rows.map((r) => [month(r.month), ...r.cells]);
  const raw = new Set<string>(); // cells written as they are, without quoting
  const months = [...new Set(c.rows.map((r) => month(r.month)))];
  let header = [...columns] as string[];
  let dataDelimiter: string = c.delimiter;
  const extraLines: { at: number; text: string }[] = [];
  let quoteAll = false;
  let trailing = false;
  let prefix = '';
  /** Rows given an extra or a missing cell: judged by their width once every mutation is done. */
  const reshaped = new Set<number>();
  for (const m of c.mutations) {
    const at = 'row' in m ? m.row % rows.length : 0;
    const row = rows[at] as string[];
    const col = 'col' in m ? m.col % row.length : 0;
    switch (m.t) {
      case 'formula':
        row[col] = m.value;
        refuse(`formula in ${columns[col]}`);
        break;
      case 'bad month':
        row[0] = m.value;
        refuse('bad month');
        break;
      case 'extra cell':
        row.push('x');
        reshaped.add(at);
        break;
      case 'missing cell':
        row.pop();
        reshaped.add(at);
        break;
      case 'duplicate row':
        rows.push([...row]);
        break;
      case 'huge cell':
        // far over any cell's limit, well under the line limit: the row is refused, not the upload
        row[col] = m.char.repeat(5_000);
        refuse(`huge ${columns[col]}`);
        break;
      case 'endless line':
        // one line over the upload's line limit: the upload itself is refused (uploadAnswer)
        row[col] = m.char.repeat(MAX_LINE_CHARS + 1);
        refuse('endless line');
        break;
      case 'unbalanced quote':
        row[col] = `"${row[col]}`;
        raw.add(`${at}:${col}`);
        if (col < columns.length - 1 && row.length === columns.length) refuse('unbalanced quote');
        else unknown('unbalanced quote in the last column');
        break;
      case 'padded cell':
        row[col] = ` ${row[col]} `;
        break;
      case 'BOM in cell':
        row[col] = `\ufeff${row[col]}`;
        unknown('BOM in a cell');
        break;
      case 'NUL in cell':
        row[col] = `${row[col]}\u0000`;
        break;
      case 'line break in cell':
        row[col] = `${row[col]}${m.brk}x`;
        refuse('line break in a cell');
        break;
      case 'blank line':
        extraLines.push({ at: m.at % (rows.length + 1), text: m.text });
        break;
      case 'delimiters only':
        extraLines.push({ at: m.at % (rows.length + 1), text: c.delimiter.repeat(columns.length - 1) });
        refuse('a line of delimiters');
        break;
      case 'header in capitals':
        header = header.map((h) => h.toUpperCase());
        break;
      case 'all quoted':
        quoteAll = true;
        break;
      case 'trailing delimiter':
        trailing = true;
        refuse('trailing delimiter');
        break;
      case 'two BOMs':
        prefix = '\ufeff\ufeff';
        break;
      case 'data delimited by ,':
        if (c.delimiter === ';') {
          dataDelimiter = ',';
          if (rows.some((r) => r.some((cell) => cell.includes(';'))))
            unknown('data delimited by , with ; in a cell');
          else refuse('data delimited by ,');
        }
        break;
    }
  }
  // an extra and a missing cell in one row cancel out, or leave an 'x' in its last column
  for (const at of reshaped) {
    if ((rows[at] as string[]).length !== columns.length) refuse('a row with too many or too few cells');
    else unknown('an extra and a missing cell in one row');
  }
  if (c.delimiter === '\t' || c.delimiter === '|') refuse(`delimiter ${JSON.stringify(c.delimiter)}`);
  // a line break inside a quoted field is not supported (each physical line is one record)
  if (rows.some((r) => r.some((cell) => cell.includes('\n')))) refuse('line break in a generated cell');
  else if (rows.some((r) => r.some((cell) => cell.includes('\r')))) unknown('carriage return in a cell');
  if (c.kind === 'purchased-hours')
    for (const r of rows) if (r[3] !== undefined && textProblem(r[3])) refuse('supplier name refused');
  if (c.kind === 'national-comparison') {
    // keyed as the import reads the cells: trimmed, the county with its leading zero
    const keys = rows.map((r) => `${r[0]?.trim()}|${r[1]?.trim().padStart(2, '0')}`);
    if (new Set(keys).size !== keys.length) refuse('the same month and county twice');
  }
  const quote = (cell: string, delimiter: string, key: string) =>
    raw.has(key)
      ? cell
      : quoteAll || cell.includes(delimiter) || /["\r\n]/.test(cell)
        ? `"${cell.replace(/"/g, '""')}"`
        : cell;
  const lines = [
    `${prefix}${header.map((h) => quote(h, c.delimiter, 'h')).join(c.delimiter)}${trailing ? c.delimiter : ''}`,
    ...rows.map(
      (r, i) =>
        `${r.map((cell, j) => quote(cell, dataDelimiter, `${i}:${j}`)).join(dataDelimiter)}${trailing ? dataDelimiter : ''}`,
    ),
  ];
  for (const extra of extraLines.sort((a, b) => b.at - a.at)) lines.splice(extra.at + 1, 0, extra.text);
  const text = `${lines.join(c.lineEnd)}${c.lineEnd}`;
  let bytes: Buffer;
  switch (c.encoding) {
    case 'utf8':
      bytes = Buffer.from(text, 'utf8');
      break;
    case 'utf8 with BOM':
      bytes = Buffer.from(`\ufeff${text}`, 'utf8');
      break;
    case 'latin1':
      bytes = Buffer.from(text, 'latin1');
      break;
    case 'utf16le':
      bytes = Buffer.from(text, 'utf16le');
      break;
    case 'utf16le with BOM':
      bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
      break;
    case 'utf16be with BOM':
      bytes = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
      break;
  }
  return { bytes, months, rows: rows.length, mark, why };
}

/**
 * What the upload itself must answer: 400 for a file that is not UTF-8 text (bytes that are
 * not UTF-8, or NUL characters, as UTF-16 without a byte-order mark has), that has a line over
 * the line limit, or that has no data line after the header; else 202.
 */
export function uploadAnswer(bytes: Buffer): { status: 202 | 400; why: string } {
  if (!isUtf8(bytes)) return { status: 400, why: 'not UTF-8' };
  const text = bytes.toString('utf8');
  if (text.includes('\u0000')) return { status: 400, why: 'NUL characters' };
  const lines = text.replace(/^\ufeff/, '').split('\n');
  if (lines.some((line) => line.replace(/\r$/, '').length > MAX_LINE_CHARS))
    return { status: 400, why: 'a line over the limit' };
  const data = lines.slice(1).filter((line) => line.replace(/\r$/, '').trim() !== '');
  return data.length === 0 ? { status: 400, why: 'no data lines' } : { status: 202, why: '' };
}
