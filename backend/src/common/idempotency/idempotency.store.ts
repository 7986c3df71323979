import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { execute } from '../../database/sql';

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
    const { affected } = await execute(
      this.dataSource.manager,
      `INSERT INTO idempotency_keys AS k (user_id, key, fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO UPDATE SET created_at = now(), fingerprint = EXCLUDED.fingerprint
         WHERE k.status_code IS NULL AND k.fingerprint = EXCLUDED.fingerprint
           AND k.created_at < now() - make_interval(secs => $4)
       RETURNING 1`,
      [userId, key, fingerprint, IDEMPOTENCY_ABANDONED_SECONDS],
    );
    if (affected === 1) return { kind: 'claimed' };
    const [earlier] = await this.dataSource.query<
      { fingerprint: string; status_code: number | null; response: unknown }[]
    >(`SELECT fingerprint, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
    ]);
    if (!earlier) return this.claim(userId, key, fingerprint); // released in between: try again
    if (earlier.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (earlier.status_code === null) return { kind: 'in-progress' };
    return { kind: 'replay', statusCode: earlier.status_code, response: earlier.response };
  }

  async complete(userId: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status_code = $3, response = $4::jsonb, completed_at = now()
        WHERE user_id = $1 AND key = $2`,
      [userId, key, statusCode, JSON.stringify(response ?? null)],
    );
  }

  /** Forgets a claim whose request failed: nothing was written, so a retry may run it again. */
  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status_code IS NULL`,
      [userId, key],
    );
  }

  /** Deletes keys past their retention; run by the scheduled jobs. */
  async purgeExpired(now: Date): Promise<number> {
    const { affected } = await execute(
      this.dataSource.manager,
      `DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz - make_interval(hours => $2)`,
      [now.toISOString(), IDEMPOTENCY_RETENTION_HOURS],
    );
    return affected;
  }
}
