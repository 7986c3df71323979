import { hostname } from 'node:os';

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';

import { REDIS, workerHeartbeatKey } from '../../common/redis/redis.module';
import { AppConfig } from '../../config/app-config';

/**
 * Runs in the worker process: records "I am alive" in Redis every few seconds so that the
 * API's health check can tell whether any worker is running. Scaled workers each report.
 */
@Injectable()
export class WorkerHeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeatService.name);
  private readonly member = `${hostname()}:${process.pid}`;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    if (this.redis.status === 'ready') void this.beat();
    // after a (re)connect, report at once instead of waiting for the next tick
    this.redis.on('ready', () => void this.beat());
    this.timer = setInterval(() => void this.beat(), this.config.worker.heartbeatSeconds * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.redis.zrem(workerHeartbeatKey(this.config), this.member).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    const key = workerHeartbeatKey(this.config);
    const now = Date.now();
    try {
      await this.redis
        .multi()
        .zadd(key, now, this.member)
        // forget workers that have been silent for an hour
        .zremrangebyscore(key, '-inf', now - 3_600_000)
        .exec();
    } catch (error) {
      this.logger.warn(`heartbeat not written: ${(error as Error).message}`);
    }
  }
}
