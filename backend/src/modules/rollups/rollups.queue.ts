/** The rollup queue: one job per (region, month) recomputes the monthly facts. */
export const ROLLUPS_QUEUE = 'rollups';
export const ROLLUP_JOB = 'rollup';

export interface RollupJobData {
  regionId: string;
  /** First day of the month, YYYY-MM-01. */
  month: string;
}

export const ROLLUP_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
