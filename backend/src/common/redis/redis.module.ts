import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig } from '../../config/app-config';

/** Injection token of the shared ioredis client (not the BullMQ connections). */
export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

const logger = new Logger('Redis');

/**
 * A client that fails fast while Redis is away (no offline queue: callers see the error and
 * report it) and reconnects by itself. Start-up waits briefly for the first connection so
 * that the first requests do not fail needlessly, but never blocks on a Redis that is down.
 */
async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let lastError = '';
  redis.on('error', (error: Error) => {
    if (error.message !== lastError) logger.warn(`connection problem: ${error.message}`);
    lastError = error.message;
  });
  redis.on('ready', () => (lastError = ''));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2000);
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', done);
      resolve();
    };
    redis.once('ready', done);
    redis.once('error', done);
  });
  return redis;
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => connectRedis(config.redis.url),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}

/** Key of the sorted set where worker processes record their heartbeats (member → epoch ms). */
export function workerHeartbeatKey(config: AppConfig): string {
  return `${config.redis.queuePrefix}:workers:heartbeat`;
}
