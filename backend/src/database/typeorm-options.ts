import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** DATE columns stay `YYYY-MM-DD` strings: a JavaScript Date would shift them by the time zone. */
const DATE_OID = 1082;
types.setTypeParser(DATE_OID, (value: string) => value);

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
    extra: {
      max: config.database.poolSize,
      application_name: applicationName,
      connectionTimeoutMillis: 5000,
      statement_timeout: 60_000,
    },
  };
}
