import type { Role } from '@hyrkoll/contracts';
import { DECIDER_ROLES } from '@hyrkoll/domain';
import type { EntityManager } from 'typeorm';

import { execute, prepared, select } from '../../database/sql';
import type { Locale } from './templates';

/**
 * The notifications' SQL (decision 018): who may be written to. NotificationsProcessor decides
 * who is, and what they are sent.
 */

/** What the statements run on: the data source. */
type Runner = Pick<EntityManager, 'query'>;

/** A user an e-mail can go to. */
export interface Recipient {
  id: string;
  name: string;
  email: string;
  locale: Locale;
}

/**
 * Who may decide a step: $1 region, $2 the requester, $3 who decided earlier steps, $4 the unit's
 * area. One statement per step with the step's roles written in, not bound: with the roles as a
 * parameter PostgreSQL judged its generic plan worse and planned the query again on every run.
 */
function decidersOfStep(step: 1 | 2) {
  const roles = DECIDER_ROLES[step].map((role) => `'${role}'`).join(', ');
  return prepared(
    `SELECT DISTINCT u.id, u.name, u.email, u.locale, a.role
       FROM role_assignments a JOIN users u ON u.id = a.user_id
      WHERE a.region_id = $1 AND u.region_id = $1 AND u.active AND u.id <> $2 AND NOT (u.id = ANY($3::uuid[]))
        AND a.role IN (${roles}) AND (a.role <> 'AREA_CHIEF' OR a.area_id = $4)`,
  );
}

const DECIDERS = { 1: decidersOfStep(1), 2: decidersOfStep(2) } as const;

/**
 * The active users of the region who hold a role that decides `step`, each with that role (a
 * user with two such roles comes twice): not the requester, nor who decided an earlier step, and
 * an area chief only of the dispensation's area.
 */
export async function deciderCandidates(
  m: EntityManager,
  step: 1 | 2,
  d: { regionId: string; requestedBy: string; decidedEarlier: string[]; areaId: string },
): Promise<(Recipient & { role: Role })[]> {
  return select<Recipient & { role: Role }>(m, DECIDERS[step], [
    d.regionId,
    d.requestedBy,
    d.decidedEarlier,
    d.areaId,
  ]);
}

/** The user, if still active. */
export async function activeRecipient(m: Runner, userId: string): Promise<Recipient | undefined> {
  const [user] = await m.query<Recipient[]>(
    'SELECT id, name, email, locale FROM users WHERE id = $1 AND active',
    [userId],
  );
  return user;
}

/**
 * Gives an open password-setup link the hash of a newly minted token, and says whom to mail it
 * to; nothing when the link was used or expired meanwhile, or its user deactivated. A retried job
 * mints again: only the newest mailed token of a link works.
 */
export async function mintPasswordSetup(
  m: EntityManager,
  setupId: string,
  tokenHash: Buffer,
): Promise<(Recipient & { expiresAt: Date }) | undefined> {
  const { rows } = await execute<Recipient & { expiresAt: Date }>(
    m,
    `UPDATE password_setups p SET token_hash = $2
       FROM users u
      WHERE p.id = $1 AND u.id = p.user_id AND u.region_id = p.region_id
        AND p.closed_at IS NULL AND p.expires_at > now() AND u.active
      RETURNING u.id, u.name, u.email, u.locale, p.expires_at AS "expiresAt"`,
    [setupId, tokenHash],
  );
  return rows[0];
}
