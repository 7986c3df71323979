import type { ImportDto, ImportRowError, ImportStatus } from '@hyrkoll/contracts';

/** Largest file the API accepts (it refuses anything bigger with 413). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const FINISHED: readonly ImportStatus[] = ['DONE', 'REFUSED', 'FAILED'];

/** True once the worker has nothing more to do with the import. */
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

/** An API error body as the upload gets it: `{ statusCode, code, message, details? }`. */
export interface UploadFailure {
  status: number;
  message: string;
  details: string[];
}

/** Reads the API's error shape (or anything else) into a status, a message and field details. */
export function uploadFailure(status: number, body: unknown): UploadFailure {
  const shaped = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const message = typeof shaped['message'] === 'string' ? shaped['message'] : '';
  const details = Array.isArray(shaped['details'])
    ? shaped['details'].flatMap((d: unknown) =>
        typeof d === 'object' && d !== null && typeof (d as { message?: unknown }).message === 'string'
          ? [(d as { message: string }).message]
          : [],
      )
    : [];
  return { status, message, details };
}
