/**
 * Cells for spreadsheet exports (xlsx and CSV). Numbers stay numbers; text that a spreadsheet
 * would run as a formula is neutralised with a leading apostrophe, so an exported list can never
 * execute what someone typed into a name or a comment.
 */
export type CellKind = 'text' | 'number' | 'money' | 'percent' | 'date';
export type RawCell = string | number | null | undefined;

export type Cell =
  { type: 'empty' } | { type: 'number'; value: number; text: string } | { type: 'text'; value: string };

/** Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula or command. */
const FORMULA_START = /^[=+\-@\t\r|]/;

/** A decimal as the API sends it: "-1234.50", "4.1", "0". */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell of an export: numeric kinds become numbers when the value is a plain decimal. */
export function toCell(raw: RawCell, kind: CellKind = 'text'): Cell {
  if (raw === null || raw === undefined || raw === '') return { type: 'empty' };
  if (kind !== 'text' && kind !== 'date') {
    const text = typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : '') : raw.trim();
    if (DECIMAL.test(text)) return { type: 'number', value: Number(text), text };
  }
  return { type: 'text', value: neutraliseFormula(String(raw)) };
}

export interface CsvOptions {
  /** `;` with decimal comma for Swedish spreadsheets, `,` with decimal point otherwise. */
  delimiter: ';' | ',';
  decimalComma: boolean;
}

export const CSV_SWEDISH: CsvOptions = { delimiter: ';', decimalComma: true };
export const CSV_ENGLISH: CsvOptions = { delimiter: ',', decimalComma: false };

function csvField(cell: Cell, options: CsvOptions): string {
  if (cell.type === 'empty') return '';
  // numbers are written from the exact decimal text, never through floating point
  const text =
    cell.type === 'number' ? (options.decimalComma ? cell.text.replace('.', ',') : cell.text) : cell.value;
  return /["\r\n]/.test(text) ||
    text.includes(options.delimiter) ||
    (cell.type === 'text' && text !== text.trim())
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** RFC 4180 CSV (CRLF line ends) of a header row and body rows; the caller adds a BOM for Excel. */
export function toCsv(headers: readonly string[], rows: readonly Cell[][], options: CsvOptions): string {
  const header = headers.map((h) => csvField(toCell(h), options)).join(options.delimiter);
  const body = rows.map((row) => row.map((cell) => csvField(cell, options)).join(options.delimiter));
  return [header, ...body].join('\r\n') + '\r\n';
}
