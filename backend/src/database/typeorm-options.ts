import { Logger } from '@nestjs/common';
import { types } from 'pg';
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
