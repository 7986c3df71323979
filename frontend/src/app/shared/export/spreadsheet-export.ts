import { CellKind, CSV_ENGLISH, CSV_SWEDISH, RawCell, toCell, toCsv } from '@hyrkoll/domain';

export type { CellKind } from '@hyrkoll/domain';

/** One column of an exported list: its header (already translated) and how to read a row. */
export interface ExportColumn<T> {
  header: string;
  value: (row: T) => RawCell;
  /** Numeric kinds become numeric cells; `percent` values are in percent units ("4.1"). */
  kind?: CellKind;
}

/**
 * The number format of a numeric column, from the exact decimals its values have: integers
 * without a decimal point (`#,##0`), amounts and hours with as many decimals as the widest of
 * them (`#,##0.00`). A percentage is stored as the fraction it is (4.1 % as 0.041), so that a sum
 * or a chart in the spreadsheet reads it right, and shown with its own decimals (`0.0%`).
 * A format with optional decimals (`#,##0.##`) would leave "2 302," on an integer.
 */
export function columnFormat(kind: CellKind | undefined, values: readonly RawCell[]): string | undefined {
  if (kind === 'date') return 'yyyy-mm-dd';
  if (kind !== 'number' && kind !== 'money' && kind !== 'percent') return undefined;
  const decimals = Math.max(
    0,
    ...values.map((raw) => {
      const cell = toCell(raw, kind);
      return cell.type === 'number' ? (cell.text.split('.')[1]?.length ?? 0) : 0;
    }),
  );
  const fraction = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  return kind === 'percent' ? `0${fraction}%` : `#,##0${fraction}`;
}

/** Excel's longest sheet name, and the characters a sheet name may not have. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[\\/*?:[\]]/g;

/**
 * A sheet name Excel takes: without the characters it forbids, at most 31 characters, cut at a
 * word boundary with an ellipsis when longer, and different from the names already `taken`
 * (Excel compares them without case), with " (2)", " (3)" … added when needed.
 */
export function sheetName(label: string, taken: readonly string[] = []): string {
  const clean = label.replace(SHEET_NAME_FORBIDDEN, ' ').replace(/\s+/g, ' ').trim() || 'Hyrkoll';
  const fit = (text: string, max: number): string => {
    if (text.length <= max) return text;
    const room = text.slice(0, max - 1);
    const space = room.lastIndexOf(' ');
    return `${(space > 0 ? room.slice(0, space) : room).replace(/[\s,.;–-]+$/, '')}…`;
  };
  const used = new Set(taken.map((t) => t.toLowerCase()));
  let name = fit(clean, SHEET_NAME_MAX);
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${fit(clean, SHEET_NAME_MAX - suffix.length)}${suffix}`;
  }
  return name;
}

/**
 * A CSV header that says what a number is where the cell cannot: a percentage column's header
 * ends with "(%)", its values being in percent units ("4.01" is 4,01 %).
 */
export function csvHeader(header: string, kind: CellKind | undefined): string {
  return kind === 'percent' && !header.includes('%') ? `${header} (%)` : header;
}

/** A month `YYYY-MM`, a date `YYYY-MM-DD` or an ISO timestamp, as its calendar day (UTC midnight). */
const DATE_TEXT = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T.*)?$/;

/**
 * One xlsx cell of a raw value: a date kind becomes a real date (a month its first day, shown as
 * `yyyy-mm`), a percentage its fraction, a number a number; text is stored as a text cell as it is,
 * since a text cell is never run as a formula (the apostrophe is only needed in CSV).
 */
export function xlsxValue(
  raw: RawCell,
  kind: CellKind = 'text',
): { value: string | number | Date | null; numFmt?: string } {
  if (kind === 'date' && typeof raw === 'string') {
    const match = DATE_TEXT.exec(raw.trim());
    if (match) {
      const [, year, month, day] = match;
      const value = new Date(Date.UTC(Number(year), Number(month) - 1, day ? Number(day) : 1));
      return { value, numFmt: day ? 'yyyy-mm-dd' : 'yyyy-mm' };
    }
  }
  const cell = toCell(raw, kind);
  if (cell.type === 'empty') return { value: null };
  // a fraction of the exact decimal, without the float noise of dividing (4.1 / 100 ≠ 0.041)
  if (cell.type === 'number')
    return { value: kind === 'percent' ? Number((cell.value / 100).toPrecision(15)) : cell.value };
  return { value: String(raw) };
}

/** Safe base name for a download: letters, digits, dash and underscore only. */
export function downloadName(base: string, extension: 'csv' | 'xlsx'): string {
  const safe = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${safe || 'export'}.${extension}`;
}

function cells<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]) {
  return rows.map((row) => columns.map((c) => toCell(c.value(row), c.kind ?? 'text')));
}

/** CSV in the user's language conventions, with a BOM so that Excel reads it as UTF-8. */
export function csvBlob<T>(columns: readonly ExportColumn<T>[], rows: readonly T[], language: string): Blob {
  const text = toCsv(
    columns.map((c) => csvHeader(c.header, c.kind)),
    cells(columns, rows),
    language === 'sv' ? CSV_SWEDISH : CSV_ENGLISH,
  );
  return new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
}

/** An xlsx workbook with one sheet; exceljs is loaded only when someone exports. */
export async function xlsxBlob<T>(
  columns: readonly ExportColumn<T>[],
  rows: readonly T[],
  label: string,
): Promise<Blob> {
  const ExcelJS = await import('exceljs');
  const workbook = new (ExcelJS.default ?? ExcelJS).Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName(label), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  // the columns' formats first: a cell's own format (a month's `yyyy-mm`) then overrides its column's
  columns.forEach((column, index) => {
    const format = columnFormat(
      column.kind,
      rows.map((row) => column.value(row)),
    );
    const sheetColumn = sheet.getColumn(index + 1);
    if (format) sheetColumn.numFmt = format;
    sheetColumn.width = Math.min(50, Math.max(10, column.header.length + 2));
  });
  sheet.addRow(columns.map((c) => c.header));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const values = columns.map((c) => xlsxValue(c.value(row), c.kind ?? 'text'));
    const added = sheet.addRow(values.map((v) => v.value));
    values.forEach((v, index) => {
      if (v.numFmt) added.getCell(index + 1).numFmt = v.numFmt;
    });
  }
  // the header keeps the general format, whatever the column's
  sheet.getRow(1).eachCell((cell) => {
    cell.numFmt = 'General';
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Hands a blob to the browser as a file download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
