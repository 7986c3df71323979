import { ErrorCode } from '@hyrkoll/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';

import { AppConfig } from '../../config/app-config';
import { DomainError } from '../errors/domain-error';
import { REDIS } from './redis.module';

/** A limit on how often one caller may do one thing: `limit` times in each window. */
export interface RateRule {
  /** Part of the Redis key: one counter per rule and caller. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** The 429 code of the refusal (answered with `params.retryAfterSeconds` and `Retry-After`). */
  code: ErrorCode;
  message: string;
  /**
   * Without Redis the limit cannot be counted: `allow` lets the request through (logged),
   * `refuse` answers 503, for a limit that is the only guard of what it protects.
   */
  withoutRedis: 'allow' | 'refuse';
}

/**
 * Fixed-window counters in Redis, shared by every API process: the first use in a window starts
 * it, each use counts, and a use beyond the limit is refused until the window ends.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Counts one use by `caller`; throws the rule's 429 when the window's uses are spent. */
  async take(rule: RateRule, caller: string): Promise<void> {
    const key = `${this.config.redis.queuePrefix}:rate:${rule.name}:${caller}`;
    let used: number;
    let ttl: number;
    try {
      const results = await this.redis
        .multi()
        .incr(key)
        .expire(key, rule.windowSeconds, 'NX')
        .ttl(key)
        .exec();
      const error = results?.find(([e]) => e)?.[0];
      if (!results || error) throw error ?? new Error('the transaction was discarded');
      used = Number(results[0]?.[1]);
      ttl = Number(results[2]?.[1]);
    } catch (error) {
      this.logger.warn(`rate limit ${rule.name} not counted: ${(error as Error).message}`);
      if (rule.withoutRedis === 'allow') return;
      throw new DomainError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'The request cannot be counted against its limit right now; try again shortly',
      );
    }
    if (used > rule.limit) {
      const retryAfterSeconds = ttl > 0 ? ttl : rule.windowSeconds;
      throw new DomainError(rule.code, rule.message, {
        params: { retryAfterSeconds, limit: rule.limit, windowSeconds: rule.windowSeconds },
      });
    }
  }
}
