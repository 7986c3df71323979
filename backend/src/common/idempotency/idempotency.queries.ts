import type { EntityManager } from 'typeorm';

import { execute } from '../../database/sql';

/**
 * The `idempotency_keys` table's SQL (decision 018). IdempotencyStore decides what a claim
 * found means, and how long keys are kept.
 */

/** What the statements run on: the data source. */
type Runner = Pick<EntityManager, 'query'>;

/**
 * Claims the user's key for a request with this fingerprint: a new key, or one whose earlier
 * request with the same fingerprint has no result and claimed it more than `abandonedSeconds`
 * ago. True when claimed.
 */
export async function claimKey(
  m: EntityManager,
  claim: { userId: string; key: string; fingerprint: string; abandonedSeconds: number },
): Promise<boolean> {
  const { affected } = await execute(
    m,
    `INSERT INTO idempotency_keys AS k (user_id, key, fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO UPDATE SET created_at = now(), fingerprint = EXCLUDED.fingerprint
         WHERE k.status_code IS NULL AND k.fingerprint = EXCLUDED.fingerprint
           AND k.created_at < now() - make_interval(secs => $4)
       RETURNING 1`,
    [claim.userId, claim.key, claim.fingerprint, claim.abandonedSeconds],
  );
  return affected === 1;
}

/** The earlier request with the user's key: its fingerprint, and its result once it has one. */
export async function earlierRequest(
  m: Runner,
  userId: string,
  key: string,
): Promise<{ fingerprint: string; status_code: number | null; response: unknown } | undefined> {
  const [row] = await m.query<{ fingerprint: string; status_code: number | null; response: unknown }[]>(
    `SELECT fingerprint, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
    [userId, key],
  );
  return row;
}

/** Stores the result of the request that claimed the user's key. */
export async function completeKey(
  m: Runner,
  userId: string,
  key: string,
  statusCode: number,
  response: unknown,
): Promise<void> {
  await m.query(
    `UPDATE idempotency_keys SET status_code = $3, response = $4::jsonb, completed_at = now()
        WHERE user_id = $1 AND key = $2`,
    [userId, key, statusCode, JSON.stringify(response ?? null)],
  );
}

/** Deletes the user's key if its request has no result. */
export async function releaseKey(m: Runner, userId: string, key: string): Promise<void> {
  await m.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status_code IS NULL`, [
    userId,
    key,
  ]);
}

/** Deletes the keys claimed more than `hours` before `now`; returns how many. */
export async function deleteKeysClaimedBefore(m: EntityManager, now: Date, hours: number): Promise<number> {
  const { affected } = await execute(
    m,
    `DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz - make_interval(hours => $2)`,
    [now.toISOString(), hours],
  );
  return affected;
}
