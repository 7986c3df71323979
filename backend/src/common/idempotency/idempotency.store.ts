import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import {
  claimKey,
  completeKey,
  deleteKeysClaimedBefore,
  earlierRequest,
  releaseKey,
} from './idempotency.queries';

/** How long a finished request's result is replayed for its key. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
/** A claim older than this without a result belonged to a process that died; it may be taken over. */
export const IDEMPOTENCY_ABANDONED_SECONDS = 120;

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; statusCode: number; response: unknown }
  | { kind: 'in-progress' }
  | { kind: 'mismatch' };

/** The `idempotency_keys` table: one row per (user, key) with the request's fingerprint and result. */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Claims the key for this request, or says what happened to the earlier request with it. */
  async claim(userId: string, key: string, fingerprint: string): Promise<Claim> {
    const claimed = await claimKey(this.dataSource.manager, {
      userId,
      key,
      fingerprint,
      abandonedSeconds: IDEMPOTENCY_ABANDONED_SECONDS,
    });
    if (claimed) return { kind: 'claimed' };
    const earlier = await earlierRequest(this.dataSource, userId, key);
    if (!earlier) return this.claim(userId, key, fingerprint); // released in between: try again
    if (earlier.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (earlier.status_code === null) return { kind: 'in-progress' };
    return { kind: 'replay', statusCode: earlier.status_code, response: earlier.response };
  }

  async complete(userId: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await completeKey(this.dataSource, userId, key, statusCode, response);
  }

  /** Forgets a claim whose request failed: nothing was written, so a retry may run it again. */
  async release(userId: string, key: string): Promise<void> {
    await releaseKey(this.dataSource, userId, key);
  }

  /** Deletes keys past their retention; run by the scheduled jobs. */
  async purgeExpired(now: Date): Promise<number> {
    return deleteKeysClaimedBefore(this.dataSource.manager, now, IDEMPOTENCY_RETENTION_HOURS);
  }
}
