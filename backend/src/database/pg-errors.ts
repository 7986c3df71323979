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

/**
 * Conflicts PostgreSQL resolves by cancelling one of two transactions: a deadlock (`40P01`), a
 * serialization failure (`40001`) or a lock that could not be had (`55P03`). The locks are taken
 * in one order everywhere (docs/architecture.md, "Locks"), so these should not happen; when one
 * still does, nothing was written and the request is answered 409 to be tried again, never 500.
 */
const TRANSIENT_CONFLICTS = new Set(['40P01', '40001', '55P03']);

export function isTransientConflict(error: unknown): boolean {
  return TRANSIENT_CONFLICTS.has(pgErrorOf(error)?.code ?? '');
}
