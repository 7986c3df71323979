import { CellKind, CSV_ENGLISH, CSV_SWEDISH, RawCell, toCell, toCsv } from '@hyrkoll/domain';

/** One column of an exported list: its header (already translated) and how to read a row. */
export interface ExportColumn<T> {
  header: string;
  value: (row: T) => RawCell;
  /** Numeric kinds become numeric cells; `percent` values are in percent units ("4.1"). */
  kind?: CellKind;
}

/** Number formats Excel shows; the cell keeps the exact value. */
const XLSX_FORMAT: Partial<Record<CellKind, string>> = {
  money: '#,##0',
  number: '#,##0.##',
  percent: '0.0"%"',
};

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
    columns.map((c) => c.header),
    cells(columns, rows),
    language === 'sv' ? CSV_SWEDISH : CSV_ENGLISH,
  );
  return new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
}

/** An xlsx workbook with one sheet; exceljs is loaded only when someone exports. */
export async function xlsxBlob<T>(
  columns: readonly ExportColumn<T>[],
  rows: readonly T[],
  sheetName: string,
): Promise<Blob> {
  const ExcelJS = await import('exceljs');
  const workbook = new (ExcelJS.default ?? ExcelJS).Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/*?:[\]]/g, ' ').slice(0, 31) || 'Hyrkoll', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.addRow(columns.map((c) => toCell(c.header)).map((c) => (c.type === 'text' ? c.value : '')));
  sheet.getRow(1).font = { bold: true };
  for (const row of cells(columns, rows)) {
    sheet.addRow(row.map((c) => (c.type === 'empty' ? null : c.value)));
  }
  columns.forEach((column, index) => {
    const format = column.kind ? XLSX_FORMAT[column.kind] : undefined;
    const sheetColumn = sheet.getColumn(index + 1);
    if (format) sheetColumn.numFmt = format;
    sheetColumn.width = Math.min(50, Math.max(10, column.header.length + 2));
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
