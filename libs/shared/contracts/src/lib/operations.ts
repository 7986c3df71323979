import type { ImportDto } from './imports';

/** The queues whose jobs a region's administrator follows on the status page. */
export const REGION_QUEUES = ['imports', 'rollups', 'notifications'] as const;
export type RegionQueue = (typeof REGION_QUEUES)[number];

/** One recent import of the region, with its first row errors. */
export type OperationsImportDto = Pick<
  ImportDto,
  | 'id'
  | 'kind'
  | 'status'
  | 'source'
  | 'fileName'
  | 'errorCount'
  | 'errors'
  | 'message'
  | 'createdAt'
  | 'finishedAt'
>;

/** When a month of the region was last rolled up into the monthly facts. */
export interface RollupMonthDto {
  /** YYYY-MM */
  month: string;
  rolledUpAt: string;
}

/** How many of the region's jobs wait, run, are delayed (a retry's back-off) or failed, per queue. */
export interface QueueCountsDto {
  queue: RegionQueue;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** A job of the region that failed for good (every attempt used), newest first. */
export interface FailedJobDto {
  queue: RegionQueue;
  name: string;
  /** What the job was about: the month of a rollup, or an import's file name. */
  subject: string;
  failedAt: string | null;
  attempts: number;
  reason: string;
}

/** `GET /api/operations/status`: the region's imports and rollups, for its administrator. */
export interface OperationsStatusDto {
  imports: OperationsImportDto[];
  rollupMonths: RollupMonthDto[];
  queues: QueueCountsDto[];
  failedJobs: FailedJobDto[];
  /** Whether the counts reached the limit of jobs read per state (then they are at least this). */
  countsCapped: boolean;
}

/** `GET /api/operator/me` and the login's answer: the deployment's operator, in no region. */
export interface OperatorMeDto {
  id: string;
  name: string;
  email: string;
  csrfToken: string;
  /** Until when the queue board accepts changes in this session; null while it is read-only. */
  writesUntil: string | null;
}
