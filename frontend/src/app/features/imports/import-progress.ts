import {
  IMPORT_SOURCE_MAX_LENGTH,
  IMPORT_SOURCE_PATTERN,
  type ImportDto,
  type ImportPreview,
  type ImportRowError,
  type ImportStatus,
} from '@hyrkoll/contracts';

import type { ApiProblem } from '../../shared/forms/api-problem';

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

/** Whether a source can be sent: given, not too long, of the characters the API accepts. */
export function sourceProblem(source: string): 'missing' | 'tooLong' | 'invalid' | null {
  const trimmed = source.trim();
  if (trimmed === '') return 'missing';
  if (trimmed.length > IMPORT_SOURCE_MAX_LENGTH) return 'tooLong';
  if (!IMPORT_SOURCE_PATTERN.test(trimmed)) return 'invalid';
  return null;
}

/** The later import that must be undone first, when the API refused an undo for it. */
export function laterImport(
  problem: ApiProblem,
): { id: string; fileName: string | null; createdAt: string | null } | null {
  const { laterImportId, laterFileName, laterCreatedAt } = problem.params;
  if (problem.code !== 'IMPORT_REPLACED_LATER' || typeof laterImportId !== 'string') return null;
  return {
    id: laterImportId,
    fileName: typeof laterFileName === 'string' ? laterFileName : null,
    createdAt: typeof laterCreatedAt === 'string' ? laterCreatedAt : null,
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
