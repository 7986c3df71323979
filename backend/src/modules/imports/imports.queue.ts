/** The import queue: validates uploaded files (IMPORT_JOB) and writes the confirmed ones (IMPORT_WRITE_JOB). */
export const IMPORTS_QUEUE = 'imports';
export const IMPORT_JOB = 'import';
export const IMPORT_WRITE_JOB = 'import-write';

/** The advisory lock under which a region's imports of one kind are written and undone one at a time. */
export function importLock(regionId: string, kind: string): string {
  return `import:${regionId}:${kind}`;
}

export interface ImportJobData {
  importId: string;
  regionId: string;
}

export const IMPORT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
