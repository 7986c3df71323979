import 'reflect-metadata';

import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';

import { createApi } from './bootstrap/create-api';
import { checkDatabase } from './bootstrap/database-check';
import { exitOnStartupError } from './bootstrap/fail-fast';
import { AppConfig } from './config/app-config';

/**
 * The HTTP API process: serves /api and the built frontend once the database has every migration
 * of this build (applied beforehand by `cli.js migrate`, as the owner of the tables).
 */
async function bootstrap(): Promise<void> {
  const config = AppConfig.fromEnv();
  const app = await createApi(config);
  await checkDatabase(app.get(DataSource), config, app.get(Logger), { requireMigrated: true });
  await app.listen({ host: config.http.host, port: config.http.port });
}

bootstrap().catch((error: unknown) => exitOnStartupError('API', error));
