import { Logger } from '@nestjs/common';
import { Client, types } from 'pg';
import type { DataSourceOptions } from 'typeorm';

import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** DATE columns stay `YYYY-MM-DD` strings: a JavaScript Date would shift them by the time zone. */
const DATE_OID = 1082;
types.setTypeParser(DATE_OID, (value: string) => value);

const poolLogger = new Logger('Database');

/**
 * An idle connection of the pool broke (the server restarted, or the network dropped it): the
 * pool has already dropped it and opens a new one when one is needed. Logged, never thrown, so
 * that an outage of the database never takes the process down.
 */
function onPoolError(error: Error): void {
  const code = (error as { code?: unknown }).code;
  poolLogger.warn(
    `an idle database connection was lost and is replaced on demand: ${error.message}${code ? ` (${String(code)})` : ''}`,
  );
}

/**
 * A pool client that is never without an `error` listener. pg-pool listens on idle clients and
 * TypeORM on the clients its query runners hold, but a client between the two (checked out, not
 * yet or no longer a runner's) has none; when PostgreSQL ends its connection then (a restart's
 * `57P01`), the error was unhandled and took the process down. The connection is dead either way
 * and its next query fails and is answered 503; the error itself is only logged.
 */
class GuardedClient extends Client {
  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    this.on('error', (error: Error & { code?: string }) =>
      poolLogger.debug(
        `a database connection ended: ${error.message}${error.code ? ` (${error.code})` : ''}`,
      ),
    );
  }
}

/** The one TypeORM options object, used by the API, the worker, the CLI and the tests. */
export function typeormOptions(
  config: Pick<AppConfig, 'database'>,
  applicationName = 'hyrkoll',
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.database.url,
    ssl: config.database.ssl ? { rejectUnauthorized: true } : false,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolErrorHandler: onPoolError,
    extra: {
      Client: GuardedClient,
      max: config.database.poolSize,
      application_name: applicationName,
      connectionTimeoutMillis: 5000,
      statement_timeout: config.database.statementTimeoutMs,
      // TCP keep-alive finds connections to a server that vanished without closing them
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    },
  };
}
