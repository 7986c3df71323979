import type { EntityManager } from 'typeorm';

import { tokenHash } from '../../../common/auth/sessions';
import { execute } from '../../../database/sql';
import type { ProviderSettings } from './identity-providers';

/** Single sign-on's SQL (decision 018); the services keep the rules. */

type Runner = Pick<EntityManager, 'query'>;

/** The providers stored per region (`cli.js sso:configure`), by region code. */
export async function storedProviders(m: Runner): Promise<ProviderSettings[]> {
  const rows = await m.query<
    {
      region_id: string;
      code: string;
      name: string;
      label: string;
      issuer: string;
      client_id: string;
      client_auth: ProviderSettings['secret']['kind'];
      email_link: ProviderSettings['emailLink'];
      secret_ref: string;
      scopes: string;
      user_claim: string;
      groups_claim: string | null;
      group_roles: Record<string, string>;
    }[]
  >(
    `SELECT p.*, r.code, r.name FROM identity_providers p JOIN regions r ON r.id = p.region_id ORDER BY r.code`,
  );
  return rows.map((r) => ({
    regionId: r.region_id,
    regionCode: r.code,
    regionName: r.name,
    label: r.label,
    issuer: r.issuer,
    clientId: r.client_id,
    secret: { kind: r.client_auth, ref: r.secret_ref },
    scopes: r.scopes,
    userClaim: r.user_claim,
    groupsClaim: r.groups_claim,
    groupRoles: r.group_roles,
    emailLink: r.email_link,
  }));
}

export async function regionByCode(
  m: Runner,
  code: string,
): Promise<{ id: string; code: string; name: string } | undefined> {
  const [row] = await m.query<{ id: string; code: string; name: string }[]>(
    'SELECT id, code, name FROM regions WHERE code = $1',
    [code],
  );
  return row;
}

export interface SsoUserRow {
  id: string;
  name: string;
  active: boolean;
  external_id: string | null;
}

/** The region's user an identity names: by e-mail, or by the link (`external_id`). */
export async function userOfIdentity(
  m: Runner,
  regionId: string,
  by: 'email' | 'external_id',
  value: string,
): Promise<SsoUserRow | undefined> {
  const column = by === 'email' ? 'email' : 'external_id';
  const [row] = await m.query<SsoUserRow[]>(
    `SELECT id, name, active, external_id FROM users WHERE region_id = $1 AND ${column} = $2`,
    [regionId, by === 'email' ? value.toLowerCase() : value],
  );
  return row;
}

/** Links a user not yet linked to the identity; false when someone linked it first. */
export async function linkIdentity(m: EntityManager, userId: string, externalId: string): Promise<boolean> {
  const { affected } = await execute(
    m,
    `UPDATE users SET external_id = $2, version = version + 1, updated_at = now()
      WHERE id = $1 AND external_id IS NULL RETURNING id`,
    [userId, externalId],
  );
  return affected > 0;
}

/** Opens a session signed in through the provider, with the provider's session id and subject. */
export async function insertProviderSession(
  m: Runner,
  session: {
    token: string;
    userId: string;
    csrfToken: string;
    idleMinutes: number;
    userAgent: string | null;
    sid: string | null;
    sub: string;
    /** The ID token, kept only for the provider's logout (`id_token_hint`) and gone with the session. */
    idToken: string | null;
  },
): Promise<void> {
  await m.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, user_agent, method, idp_sid, idp_sub, idp_id_token)
     VALUES ($1, $2, $3, now() + make_interval(mins => $4), $5, 'oidc', $6, $7, $8)`,
    [
      tokenHash(session.token),
      session.userId,
      session.csrfToken,
      session.idleMinutes,
      session.userAgent,
      session.sid,
      session.sub,
      session.idToken,
    ],
  );
}

/**
 * Ends the region's provider sessions that a back-channel logout names: by the provider's
 * session id, or every session of the subject when it names no session. Returns whose ended.
 */
export async function deleteProviderSessions(
  m: EntityManager,
  regionId: string,
  by: { sid: string | null; sub: string | null },
): Promise<{ user_id: string; name: string }[]> {
  const { rows } = await execute<{ user_id: string; name: string }>(
    m,
    `DELETE FROM sessions s USING users u
      WHERE u.id = s.user_id AND u.region_id = $1 AND s.method = 'oidc'
        AND (($2::text IS NOT NULL AND s.idp_sid = $2) OR ($2::text IS NULL AND s.idp_sub = $3))
      RETURNING s.user_id, u.name`,
    [regionId, by.sid, by.sub],
  );
  return rows;
}

/** How the session of a token was opened, and its region. */
export async function sessionMethod(
  m: Runner,
  token: string,
): Promise<{ method: 'password' | 'oidc'; region_id: string; id_token: string | null } | undefined> {
  const [row] = await m.query<{ method: 'password' | 'oidc'; region_id: string; id_token: string | null }[]>(
    `SELECT s.method, u.region_id, s.idp_id_token AS id_token
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
    [tokenHash(token)],
  );
  return row;
}

/** The region's active administrators, whom an identity without access asks. */
export async function administratorsOf(
  m: Runner,
  regionId: string,
): Promise<{ name: string; email: string }[]> {
  return m.query<{ name: string; email: string }[]>(
    `SELECT DISTINCT u.name, u.email FROM users u JOIN role_assignments a ON a.user_id = u.id
      WHERE u.region_id = $1 AND u.active AND a.role = 'ADMINISTRATOR' ORDER BY u.name, u.email`,
    [regionId],
  );
}

/** Settles the identity's pending access request once it signs in as a user after all. */
export async function resolveRequestsOf(m: Runner, regionId: string, subject: string): Promise<void> {
  await m.query(
    `UPDATE access_requests SET status = 'RESOLVED', decided_at = now()
      WHERE region_id = $1 AND subject = $2 AND status = 'PENDING'`,
    [regionId, subject],
  );
}
