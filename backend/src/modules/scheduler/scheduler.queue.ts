/** The queue of time-driven jobs; one job scheduler runs the deadline checks every minute. */
export const SCHEDULED_QUEUE = 'scheduled';
export const DEADLINES_JOB = 'deadlines';
export const DEADLINES_EVERY_MS = 60_000;
