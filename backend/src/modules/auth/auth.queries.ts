import type { Role } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { tokenHash } from '../../common/auth/sessions';

/** The login's and logout's SQL (decision 018); AuthService keeps the rules and the transaction. */

type Runner = Pick<EntityManager, 'query'>;

/** Counts a failed login, and locks the account for `lockMinutes` at the `maxFailed`-th in a row. */
export async function countFailedLogin(
  m: Runner,
  userId: string,
  maxFailed: number,
  lockMinutes: number,
): Promise<void> {
  await m.query(
    `UPDATE users SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) END
     WHERE id = $1`,
    [userId, maxFailed, lockMinutes],
  );
}

export async function clearFailedLogins(m: Runner, userId: string): Promise<void> {
  await m.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
}

/** Stores a user's own language (the interface's and the e-mails'). */
export async function setLocale(
  m: Runner,
  user: { id: string; regionId: string },
  locale: 'sv' | 'en',
): Promise<void> {
  await m.query('UPDATE users SET locale = $3 WHERE id = $1 AND region_id = $2', [
    user.id,
    user.regionId,
    locale,
  ]);
}

/** Ends the session of a token (nothing when there is none). */
export async function deleteSession(m: Runner, token: string): Promise<void> {
  await m.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
}

/** Opens a session that lives `idleMinutes` unless used; only the token's hash is stored. */
export async function insertSession(
  m: Runner,
  session: {
    token: string;
    userId: string;
    csrfToken: string;
    idleMinutes: number;
    userAgent: string | null;
  },
): Promise<void> {
  await m.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(mins => $4), $5)`,
    [tokenHash(session.token), session.userId, session.csrfToken, session.idleMinutes, session.userAgent],
  );
}

export async function regionOf(
  m: Runner,
  regionId: string,
): Promise<{ code: string; name: string } | undefined> {
  const [region] = await m.query<{ code: string; name: string }[]>(
    'SELECT code, name FROM regions WHERE id = $1',
    [regionId],
  );
  return region;
}

export interface RoleRow {
  role: Role;
  unit_id: string | null;
  unit_name: string | null;
  cost_centre: string | null;
  area_id: string | null;
  area_code: string | null;
  area_name: string | null;
}

/** A user's roles with the unit or area each covers, in a stable order. */
export async function rolesOf(m: Runner, userId: string): Promise<RoleRow[]> {
  return m.query<RoleRow[]>(
    `SELECT a.role, u.id AS unit_id, u.name AS unit_name, u.cost_centre, ar.id AS area_id, ar.code AS area_code, ar.name AS area_name
       FROM role_assignments a
       LEFT JOIN units u ON u.id = a.unit_id
       LEFT JOIN areas ar ON ar.id = a.area_id
      WHERE a.user_id = $1
      ORDER BY a.role, u.name, ar.name`,
    [userId],
  );
}
