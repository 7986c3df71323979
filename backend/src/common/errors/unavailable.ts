/**
 * Errors that mean "a backing service cannot be reached right now" rather than "this request is
 * wrong" or "the code is wrong": PostgreSQL being restarted, shut down or out of reach. The API
 * answers them with 503 SERVICE_UNAVAILABLE (the client may retry) instead of a 500, and the
 * connection pool replaces the broken connections by itself once the server is back.
 */

/** SQLSTATEs of a server that is going away, starting up or out of connections. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is being stopped (fast or immediate shutdown)
  '57P02', // crash_shutdown: another server process crashed, every session is ended
  '57P03', // cannot_connect_now: the server is starting up or shutting down
  '53300', // too_many_connections
]);

/** Socket errors of a connection that could not be opened or was cut. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** Messages of node-postgres and its pool for a connection that broke or could not be had in time. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i, // "… unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /^the database system is (starting up|shutting down|in recovery mode)/i,
];

/**
 * TypeORM releases a transaction's connection as soon as the connection reports an error (the
 * server ended the session between two statements); the transaction's next statement, or its
 * COMMIT, then fails with one of these. The server has rolled the transaction back.
 */
const RELEASED_BY_CONNECTION_ERROR = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and the errors it wraps: TypeORM's driverError, `cause`, an AggregateError's list. */
function* chain(error: unknown, depth = 0): Generator<ErrorLike> {
  if (typeof error !== 'object' || error === null || depth > 4) return;
  const e = error as ErrorLike;
  yield e;
  yield* chain(e.driverError, depth + 1);
  yield* chain(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

/**
 * The client-facing message when `error` means that the database (or another backing service)
 * cannot be reached right now, else null.
 */
export function unavailableMessage(error: unknown): string | null {
  for (const e of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) {
      return 'The database is unavailable at the moment; try again shortly';
    }
    const name = typeof e.name === 'string' ? e.name : '';
    if (RELEASED_BY_CONNECTION_ERROR.has(name) || UNAVAILABLE_MESSAGES.some((p) => p.test(message))) {
      return 'The database is unavailable at the moment; try again shortly';
    }
    if (UNAVAILABLE_ERRNOS.has(code)) {
      return 'A service the API depends on cannot be reached at the moment; try again shortly';
    }
  }
  return null;
}
