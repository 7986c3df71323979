import type { Role } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { prepared, select } from '../../database/sql';

/** The SQL of resolving a session (decision 018); `SessionResolver` decides what it means. */

export interface SessionRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  user_id: string;
  region_id: string;
  name: string;
  email: string;
  locale: 'sv' | 'en';
  grants: { role: Role; unitId: string | null; areaId: string | null }[];
}

/** $1 the token's hash. Run on every request that carries a session. */
const SESSION_LOOKUP = prepared(
  `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, u.id AS user_id, u.region_id, u.name, u.email, u.locale,
          COALESCE((SELECT json_agg(json_build_object('role', a.role, 'unitId', a.unit_id, 'areaId', a.area_id))
                    FROM role_assignments a WHERE a.user_id = u.id), '[]') AS grants
     FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
);

/** The live session of a token's hash with its user and the user's grants, if any. */
export async function sessionOfToken(m: EntityManager, hash: Buffer): Promise<SessionRow | undefined> {
  const [row] = await select<SessionRow>(m, SESSION_LOOKUP, [hash]);
  return row;
}

/**
 * Marks a session seen now and moves its expiry to the idle time from now, never past its maximum
 * age: a user's (`sessions`) or an operator's (`operator_sessions`).
 */
export async function touchSession(
  m: EntityManager,
  sessionId: string,
  limits: { maxHours: number; idleMinutes: number },
  table: 'sessions' | 'operator_sessions' = 'sessions',
): Promise<void> {
  await m.query(
    `UPDATE ${table} SET last_seen_at = now(),
       expires_at = LEAST(created_at + make_interval(hours => $2), now() + make_interval(mins => $3))
     WHERE id = $1`,
    [sessionId, limits.maxHours, limits.idleMinutes],
  );
}
