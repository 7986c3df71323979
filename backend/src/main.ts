import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { createApi } from './bootstrap/create-api';
import { exitOnStartupError } from './bootstrap/fail-fast';
import { AppConfig } from './config/app-config';
import { runMigrations } from './database/migrate';

/** The HTTP API process: migrates the database, then serves /api and the built frontend. */
async function bootstrap(): Promise<void> {
  const config = AppConfig.fromEnv();
  const app = await createApi(config);
  await runMigrations(app.get(DataSource));
  await app.listen({ host: config.http.host, port: config.http.port });
}

bootstrap().catch((error: unknown) => exitOnStartupError('API', error));
