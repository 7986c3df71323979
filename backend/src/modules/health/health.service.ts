import type { HealthCheck, HealthReport, WorkerHealthCheck } from '@hyrkoll/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';

import { REDIS, workerHeartbeatKey } from '../../common/redis/redis.module';
import { AppConfig, mailDelivery } from '../../config/app-config';
import { roundTrip } from './health.queries';

const PROBE_TIMEOUT_MS = 2000;
/** A worker counts as alive when its last heartbeat is younger than this many intervals. */
const MISSED_BEATS_ALLOWED = 3;

async function probe(run: () => Promise<unknown>): Promise<HealthCheck> {
  const started = process.hrtime.bigint();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: 'up', latencyMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000 };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** One round trip to the database and nothing else. */
  async selectOne(): Promise<void> {
    await roundTrip(this.dataSource);
  }

  async report(): Promise<HealthReport> {
    const [database, redis, worker] = await Promise.all([
      probe(() => roundTrip(this.dataSource)),
      probe(() => this.redis.ping()),
      this.worker(),
    ]);
    const allUp = [database, redis, worker].every((check) => check.status === 'up');
    return {
      status: allUp ? 'ok' : 'degraded',
      version: this.config.version,
      checks: { database, redis, worker },
      mail: mailDelivery(this.config),
    };
  }

  private async worker(): Promise<WorkerHealthCheck> {
    let beats: string[] = [];
    const check = await probe(async () => {
      beats = await this.redis.zrange(workerHeartbeatKey(this.config), 0, -1, 'WITHSCORES');
    });
    if (check.status === 'down') {
      return {
        status: 'down',
        liveWorkers: 0,
        lastHeartbeatAt: null,
        error: `heartbeats unreadable: ${check.error}`,
      };
    }
    const times = beats.filter((_, i) => i % 2 === 1).map(Number);
    const freshAfter = Date.now() - this.config.worker.heartbeatSeconds * 1000 * MISSED_BEATS_ALLOWED;
    const liveWorkers = times.filter((t) => t >= freshAfter).length;
    const newest = times.length > 0 ? Math.max(...times) : null;
    return {
      status: liveWorkers > 0 ? 'up' : 'down',
      liveWorkers,
      lastHeartbeatAt: newest === null ? null : new Date(newest).toISOString(),
      ...(liveWorkers === 0 && { error: newest === null ? 'no worker has reported' : 'no recent heartbeat' }),
    };
  }
}
