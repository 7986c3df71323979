import type { EntityManager } from 'typeorm';

/** The password-setup links' SQL (decision 018); PasswordSetupService keeps the rules. */

type Runner = Pick<EntityManager, 'query'>;

/** Closes the open links of a user: a newer link, or a password chosen, replaces them. */
export async function closeOpenSetups(m: Runner, userId: string): Promise<void> {
  await m.query('UPDATE password_setups SET closed_at = now() WHERE user_id = $1 AND closed_at IS NULL', [
    userId,
  ]);
}

/** Opens a link lasting `hours`; its token hash is given now (printed) or later (mailed). */
export async function insertSetup(
  m: Runner,
  setup: { regionId: string; userId: string; hours: number; tokenHash: Buffer | null },
): Promise<{ id: string; expiresAt: Date }> {
  const [row] = await m.query<{ id: string; expiresAt: Date }[]>(
    `INSERT INTO password_setups (region_id, user_id, token_hash, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4))
     RETURNING id, expires_at AS "expiresAt"`,
    [setup.regionId, setup.userId, setup.tokenHash, setup.hours],
  );
  return row as { id: string; expiresAt: Date };
}

export interface OpenSetup {
  userId: string;
  regionId: string;
  name: string;
  email: string;
  expiresAt: Date;
}

const OPEN_SETUP = `
  FROM password_setups p JOIN users u ON u.id = p.user_id AND u.region_id = p.region_id
 WHERE p.token_hash = $1 AND p.closed_at IS NULL AND p.expires_at > now() AND u.active`;

/** The open, unexpired link of an active user with this token hash. */
export async function openSetup(m: Runner, tokenHash: Buffer): Promise<OpenSetup | undefined> {
  const [row] = await m.query<OpenSetup[]>(
    `SELECT u.id AS "userId", u.region_id AS "regionId", u.name, u.email, p.expires_at AS "expiresAt"
     ${OPEN_SETUP}`,
    [tokenHash],
  );
  return row;
}

/** Locks the open link of this token hash for its use; nothing when it is not open. */
export async function lockOpenSetup(m: Runner, tokenHash: Buffer): Promise<OpenSetup | undefined> {
  const [row] = await m.query<OpenSetup[]>(
    `SELECT u.id AS "userId", u.region_id AS "regionId", u.name, u.email, p.expires_at AS "expiresAt"
     ${OPEN_SETUP}
     FOR UPDATE OF p, u`,
    [tokenHash],
  );
  return row;
}

/** The user's own new password; clears a lock-out of failed logins. */
export async function setPassword(m: Runner, userId: string, passwordHash: string): Promise<void> {
  await m.query(
    `UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL,
       version = version + 1, updated_at = now()
     WHERE id = $1`,
    [userId, passwordHash],
  );
}
