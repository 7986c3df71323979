import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';

import { createApi } from '../../src/bootstrap/create-api';
import { AppConfig } from '../../src/config/app-config';
import type { Env } from '../../src/config/env';
import { seedDemo } from '../../src/database/seeds/demo';
import { WorkerModule } from '../../src/worker.module';
import { testEnv, uniquePrefix } from './test-env';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Boots the real API (as main.ts does, without listening) on the run's database. */
export async function startApi(overrides: Env = {}): Promise<TestApp> {
  const config = AppConfig.fromEnv(testEnv({ QUEUE_PREFIX: uniquePrefix(), ...overrides }));
  const app = await createApi(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  return {
    app,
    config,
    dataSource,
    close: async () => {
      await app.close();
      await deleteRedisKeys(config.redis.url, config.redis.queuePrefix);
    },
  };
}

/** Removes what a test app left in Redis under its private prefix (queues, throttles, heartbeats). */
async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined); // a test may point at an unreachable Redis on purpose
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // nothing to clean where nothing could be written
  } finally {
    redis.disconnect();
  }
}

/** Boots a real worker process context in this process. */
export async function startWorker(overrides: Env = {}): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(AppConfig.fromEnv(testEnv(overrides))),
    {
      logger: false,
    },
  );
  await worker.init();
  return worker;
}

/** Loads the demo region and its users into the run's database (a no-op when they are there). */
export async function withDemoData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction((manager) => seedDemo(manager, testEnv()['IDENTITY_HASH_KEY'] as string));
}
