import {
  IMPORT_SOURCE_MAX_LENGTH,
  IMPORT_SOURCE_PATTERN,
  type ImportDto,
  type ImportPreview,
  type ImportRowError,
  type ImportStatus,
} from '@hyrkoll/contracts';

/** Largest file the API accepts (it refuses anything bigger with 413). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const FINISHED: readonly ImportStatus[] = [
  'AWAITING_CONFIRMATION',
  'DONE',
  'REFUSED',
  'FAILED',
  'DISCARDED',
  'UNDONE',
];

/** True once the worker has nothing more to do with the import (until the purchaser confirms it). */
export function isFinished(status: ImportStatus): boolean {
  return FINISHED.includes(status);
}

/** Whole percent of an upload, or null while the size is unknown. */
export function uploadPercent(loaded: number, total: number | undefined): number | null {
  if (!total || total <= 0) return null;
  return Math.max(0, Math.min(100, Math.floor((loaded * 100) / total)));
}

/** How long to wait before asking about an import again: quick at first, then every 2 s. */
export function pollDelayMs(attempt: number): number {
  return Math.min(2000, 250 * 2 ** Math.max(0, attempt));
}

/** The reason of a row error in the interface language; the API gives both. */
export function reasonIn(error: ImportRowError, language: string): string {
  return language === 'sv' ? error.reason.sv : error.reason.en;
}

/** The months an import covers, for a short label: "2024-01 – 2024-10" or one month. */
export function monthSpan(months: readonly string[]): { first: string; last: string; count: number } | null {
  if (months.length === 0) return null;
  const sorted = [...months].sort();
  return { first: sorted[0] as string, last: sorted[sorted.length - 1] as string, count: sorted.length };
}

/**
 * The key of a singular/plural pair (`{ "one": "{{ count }} rad", "other": "{{ count }} rader" }`):
 * Swedish and English both use the singular for exactly one.
 */
export function pluralKey(key: string, count: number): string {
  return `${key}.${count === 1 ? 'one' : 'other'}`;
}

/** Whether a chosen file can be sent at all: something to send and not over the limit. */
export function fileProblem(file: { size: number } | null): 'missing' | 'empty' | 'tooLarge' | null {
  if (!file) return 'missing';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_UPLOAD_BYTES) return 'tooLarge';
  return null;
}

/** The refused rows not listed (the API lists the first 1 000 errors and counts them all). */
export function unlistedErrors(imp: Pick<ImportDto, 'errorCount' | 'errors'>): number {
  return Math.max(0, imp.errorCount - imp.errors.length);
}

/**
 * Why the API refused a file before staging it, as a stable code in the details of its 400
 * (backend import-lines.ts): the interface words it in the user's language.
 */
export const UPLOAD_PROBLEM_CODES = ['LINE_TOO_LONG', 'NOT_UTF8', 'NO_DATA_LINES'] as const;
export type UploadProblemCode = (typeof UPLOAD_PROBLEM_CODES)[number];

/** One detail of a refused upload: the API's English message, and its code and line when known. */
export interface UploadDetail {
  message: string;
  code: UploadProblemCode | null;
  line: number | null;
  maxChars: number | null;
}

/** An API error body as the upload gets it: `{ statusCode, code, message, details? }`. */
export interface UploadFailure {
  status: number;
  message: string;
  details: UploadDetail[];
}

const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** Reads the API's error shape (or anything else) into a status, a message and field details. */
export function uploadFailure(status: number, body: unknown): UploadFailure {
  const shaped = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const message = typeof shaped['message'] === 'string' ? shaped['message'] : '';
  const details = Array.isArray(shaped['details'])
    ? shaped['details'].flatMap((d: unknown): UploadDetail[] => {
        if (typeof d !== 'object' || d === null) return [];
        const detail = d as Record<string, unknown>;
        if (typeof detail['message'] !== 'string') return [];
        const code = (UPLOAD_PROBLEM_CODES as readonly unknown[]).includes(detail['code'])
          ? (detail['code'] as UploadProblemCode)
          : null;
        return [
          {
            message: detail['message'],
            code,
            line: numberOrNull(detail['line']),
            maxChars: numberOrNull(detail['maxChars']),
          },
        ];
      })
    : [];
  return { status, message, details };
}

/** Whether a source can be sent: given, not too long, of the characters the API accepts. */
export function sourceProblem(source: string): 'missing' | 'tooLong' | 'invalid' | null {
  const trimmed = source.trim();
  if (trimmed === '') return 'missing';
  if (trimmed.length > IMPORT_SOURCE_MAX_LENGTH) return 'tooLong';
  if (!IMPORT_SOURCE_PATTERN.test(trimmed)) return 'invalid';
  return null;
}

/** Why a confirm, discard or undo was refused: the HTTP status, the import's status, a later import. */
export interface ActionFailure {
  status: number;
  importStatus: string | null;
  laterImportId: string | null;
  /** The later import's file name and upload time, when the API names them. */
  laterFileName: string | null;
  laterCreatedAt: string | null;
}

/** Reads the API's error body of a refused action (409 names the status, or the later import). */
export function actionFailure(status: number, body: unknown): ActionFailure {
  const details =
    typeof body === 'object' && body !== null ? (body as { details?: unknown }).details : undefined;
  const field = (name: string): string | null => {
    if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
    const value = (details as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : null;
  };
  return {
    status,
    importStatus: field('status'),
    laterImportId: field('laterImportId'),
    laterFileName: field('laterFileName'),
    laterCreatedAt: field('laterCreatedAt'),
  };
}

/** One month of a preview: the rows the file adds, and the rows it replaces per source. */
export interface PreviewMonth {
  month: string;
  added: number;
  replaced: { source: string; rows: number }[];
}

/** The preview's months in order, with what each gets and loses. */
export function previewMonths(preview: ImportPreview): PreviewMonth[] {
  const months = new Map<string, PreviewMonth>();
  const at = (month: string) => {
    const found = months.get(month) ?? { month, added: 0, replaced: [] };
    months.set(month, found);
    return found;
  };
  for (const a of preview.added) at(a.month).added += a.rows;
  for (const r of preview.replaced) at(r.month).replaced.push({ source: r.source, rows: r.rows });
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}
