/**
 * The queue of time-driven jobs: one job scheduler runs the deadline checks every minute, another
 * writes the audit chains' heads out every AUDIT_HEAD_EXPORT_MINUTES.
 */
export const SCHEDULED_QUEUE = 'scheduled';
export const DEADLINES_JOB = 'deadlines';
export const DEADLINES_EVERY_MS = 60_000;
export const AUDIT_HEADS_JOB = 'audit-heads';
