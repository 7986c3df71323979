import { createHash } from 'node:crypto';

import { ErrorCode } from '@hyrkoll/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';

import { DomainError } from '../../common/errors/domain-error';
import { REDIS } from '../../common/redis/redis.module';
import { AppConfig } from '../../config/app-config';

/** Failed logins allowed for one account (e-mail address) from one client address in a window. */
export const LOGIN_ATTEMPTS_PER_WINDOW = 20;
/**
 * Failed logins allowed from one client address in a window, whatever accounts they name: stops
 * one address from trying a password on many accounts (spraying). Far above what the mistyped
 * passwords of a whole hospital behind one address come to (decision 007, amendment).
 */
export const LOGIN_ADDRESS_ATTEMPTS_PER_WINDOW = 100;
export const LOGIN_WINDOW_SECONDS = 300;

/** Which login an attempt is for: the users' and the operator's count apart per account. */
export type LoginKind = 'user' | 'operator';

/**
 * Limits failed login attempts (in Redis, shared by every API process) with two fixed-window
 * counters: per client address and account, and per client address alone with a much higher
 * limit. Successful logins do not count, and a success clears its account's counter from that
 * address; so a ward behind one address is not locked out by a colleague's mistyping, or by one
 * person guessing at one account. A refusal is 429 `TOO_MANY_LOGINS` with `Retry-After`. If Redis
 * cannot be reached the attempt is let through: the per-account lock in the database still stops
 * guessing.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * The one way to run a login: refuses with 429 while the limits are spent, runs `login`, counts
   * its `LOGIN_FAILED` against both counters and clears the account's counter on success.
   */
  async attempt<T>(
    kind: LoginKind,
    clientAddress: string,
    email: string,
    login: () => Promise<T>,
  ): Promise<T> {
    const keys = this.keys(kind, clientAddress, email);
    await this.check(keys, clientAddress);
    try {
      const result = await login();
      await this.redis
        .del(keys.account)
        .catch((error: Error) => this.logger.warn(`login counter not cleared: ${error.message}`));
      return result;
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.LOGIN_FAILED) {
        await this.recordFailure(keys);
      }
      throw error;
    }
  }

  private async check(keys: Keys, clientAddress: string): Promise<void> {
    let counts: [number, number, number, number];
    try {
      const results = await this.redis
        .multi()
        .get(keys.account)
        .ttl(keys.account)
        .get(keys.address)
        .ttl(keys.address)
        .exec();
      const error = results?.find(([e]) => e)?.[0];
      if (!results || error) throw error ?? new Error('the transaction was discarded');
      counts = results.map(([, value]) => Number(value ?? 0)) as [number, number, number, number];
    } catch (error) {
      this.logger.warn(`login throttle unavailable: ${(error as Error).message}`);
      return;
    }
    const [accountFailures, accountTtl, addressFailures, addressTtl] = counts;
    const waits: number[] = [];
    if (accountFailures >= LOGIN_ATTEMPTS_PER_WINDOW) waits.push(ttlOrWindow(accountTtl));
    if (addressFailures >= LOGIN_ADDRESS_ATTEMPTS_PER_WINDOW) {
      waits.push(ttlOrWindow(addressTtl));
      this.logger.warn({ clientAddress }, 'login refused: too many failed logins from this address');
    }
    if (waits.length === 0) return;
    throw new DomainError(
      ErrorCode.TOO_MANY_LOGINS,
      'Too many failed logins; try again after Retry-After seconds',
      { params: { retryAfterSeconds: Math.max(...waits) } },
    );
  }

  private async recordFailure(keys: Keys): Promise<void> {
    await this.redis
      .multi()
      .incr(keys.account)
      .expire(keys.account, LOGIN_WINDOW_SECONDS, 'NX')
      .incr(keys.address)
      .expire(keys.address, LOGIN_WINDOW_SECONDS, 'NX')
      .exec()
      .catch((error: Error) => this.logger.warn(`login failure not counted: ${error.message}`));
  }

  /** The e-mail address is hashed: Redis holds no addresses, known or not. */
  private keys(kind: LoginKind, clientAddress: string, email: string): Keys {
    const prefix = `${this.config.redis.queuePrefix}:login-failures`;
    const account = createHash('sha256')
      .update(`${kind}:${email.trim().toLowerCase()}`)
      .digest('base64url')
      .slice(0, 22);
    return { account: `${prefix}:${clientAddress}:${account}`, address: `${prefix}:${clientAddress}` };
  }
}

interface Keys {
  account: string;
  address: string;
}

function ttlOrWindow(ttl: number): number {
  return ttl > 0 ? ttl : LOGIN_WINDOW_SECONDS;
}
