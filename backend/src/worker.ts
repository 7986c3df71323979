import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';

import { checkDatabase } from './bootstrap/database-check';
import { exitOnStartupError } from './bootstrap/fail-fast';
import { AppConfig } from './config/app-config';
import { WorkerModule } from './worker.module';

/** The worker process: runs the BullMQ processors. It never migrates the database. */
async function bootstrap(): Promise<void> {
  const config = AppConfig.fromEnv();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await checkDatabase(app.get(DataSource), config, app.get(Logger), { requireMigrated: false });
  await app.init();
  app.get(Logger).log('worker started');
}

bootstrap().catch((error: unknown) => exitOnStartupError('Worker', error));
