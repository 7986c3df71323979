import { ErrorCode } from '@hyrkoll/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';

import { DomainError } from '../../common/errors/domain-error';
import { REDIS } from '../../common/redis/redis.module';
import { AppConfig } from '../../config/app-config';

/** Failed logins allowed per client address in one window, across all API processes. */
export const LOGIN_ATTEMPTS_PER_WINDOW = 20;
export const LOGIN_WINDOW_SECONDS = 300;

/**
 * Limits failed login attempts per client address (in Redis, shared by every API process).
 * Successful logins do not count, so a busy office behind one address is not locked out.
 * If Redis cannot be reached the attempt is let through: the per-account lock in the
 * database still stops guessing.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Refuses with 429 while the address has used up its failed attempts. */
  async check(clientAddress: string): Promise<void> {
    let failures: number;
    try {
      failures = Number((await this.redis.get(this.key(clientAddress))) ?? 0);
    } catch (error) {
      this.logger.warn(`login throttle unavailable: ${(error as Error).message}`);
      return;
    }
    if (failures >= LOGIN_ATTEMPTS_PER_WINDOW) {
      throw new DomainError(
        ErrorCode.TOO_MANY_LOGINS,
        'Too many failed logins from this address; try again in a few minutes',
      );
    }
  }

  async recordFailure(clientAddress: string): Promise<void> {
    const key = this.key(clientAddress);
    await this.redis
      .multi()
      .incr(key)
      .expire(key, LOGIN_WINDOW_SECONDS, 'NX')
      .exec()
      .catch((error: Error) => this.logger.warn(`login failure not counted: ${error.message}`));
  }

  private key(clientAddress: string): string {
    return `${this.config.redis.queuePrefix}:login-failures:${clientAddress}`;
  }
}
