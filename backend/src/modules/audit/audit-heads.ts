import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * A chain's head written out of the database (decision 022): the newest event of a region when
 * it was exported. `audit:verify` checks that each is still on the chain.
 */
export interface ExportedHead {
  exportedAt: string;
  regionId: string;
  seq: string;
  id: string;
  hash: string;
}

/** The key under which the worker's log lines carry a head, so that a log can be checked too. */
export const HEAD_LOG_KEY = 'auditHead';

function asHead(value: unknown): ExportedHead | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const head = (HEAD_LOG_KEY in v ? v[HEAD_LOG_KEY] : v) as Record<string, unknown> | null;
  if (!head || typeof head !== 'object') return null;
  const { exportedAt, regionId, seq, id, hash } = head;
  if (
    [exportedAt, regionId, seq, id, hash].every((f) => typeof f === 'string') &&
    /^\d{1,18}$/.test(seq as string)
  ) {
    return { exportedAt, regionId, seq, id, hash } as ExportedHead;
  }
  return null;
}

/** Appends heads to the file, one JSON line each. */
export function appendHeads(file: string, heads: ExportedHead[]): void {
  if (heads.length === 0) return;
  appendFileSync(file, heads.map((h) => `${JSON.stringify(h)}\n`).join(''), { mode: 0o640 });
}

/**
 * The heads in a file of head lines or of the worker's JSON log lines (other lines are
 * skipped); none when the file does not exist.
 */
export function readHeads(file: string): ExportedHead[] {
  if (!existsSync(file)) return [];
  const heads: ExportedHead[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const head = asHead(JSON.parse(line));
      if (head) heads.push(head);
    } catch {
      // not JSON: a line of something else
    }
  }
  return heads;
}
