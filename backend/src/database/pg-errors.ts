/** PostgreSQL error codes the services react to. */
const UNIQUE_VIOLATION = '23505';

interface PgError {
  code?: string;
  constraint?: string;
  driverError?: PgError;
}

function pgErrorOf(error: unknown): PgError | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as PgError;
  return e.driverError ?? e;
}

/** True for a unique-constraint violation, of the named constraint when one is given. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgErrorOf(error);
  return pg?.code === UNIQUE_VIOLATION && (!constraint || pg.constraint === constraint);
}

const EXCLUSION_VIOLATION = '23P01';

/** True for an exclusion-constraint violation (e.g. overlapping validity periods). */
export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  const pg = pgErrorOf(error);
  return pg?.code === EXCLUSION_VIOLATION && (!constraint || pg.constraint === constraint);
}
