import { createHash, randomBytes } from 'node:crypto';

import { Client } from 'pg';

const ADMIN_URL = () =>
  process.env['TEST_DATABASE_ADMIN_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs one statement on the maintenance database of the test server. */
async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL() });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** A new empty database for this e2e run; `drop` removes it with any open connections. */
export async function e2eDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hyrkoll_e2e_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Puts a demo account's stored language back to Swedish (test set-up, straight in the e2e
 * database): the language is stored on the account, so a journey that switched to English would
 * leave the next journey of the same user in English, while the journeys read the Swedish UI.
 */
export async function swedishAccount(email: string): Promise<void> {
  const url = process.env['E2E_DATABASE_URL'];
  if (!url) throw new Error('E2E_DATABASE_URL is set by global-setup');
  const client = new Client({ connectionString: url });
  await client.connect();
  await client
    .query(`UPDATE users SET locale = 'sv' WHERE email = $1 AND locale <> 'sv'`, [email.trim().toLowerCase()])
    .finally(() => client.end());
}

/**
 * The token of a one-time password-setup link for a user, as the worker mails it (test set-up,
 * straight in the e2e database: the e2e run sends no e-mail). Closes the user's other links.
 */
export async function passwordSetupToken(email: string): Promise<string> {
  const url = process.env['E2E_DATABASE_URL'];
  if (!url) throw new Error('E2E_DATABASE_URL is set by global-setup');
  const token = randomBytes(32).toString('base64url');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `UPDATE password_setups SET closed_at = now()
        WHERE closed_at IS NULL AND user_id = (SELECT id FROM users WHERE email = $1)`,
      [email.trim().toLowerCase()],
    );
    const { rowCount } = await client.query(
      `INSERT INTO password_setups (region_id, user_id, token_hash, expires_at)
       SELECT region_id, id, $2, now() + interval '72 hours' FROM users WHERE email = $1`,
      [email.trim().toLowerCase(), createHash('sha256').update(token).digest()],
    );
    if (rowCount !== 1) throw new Error(`no user ${email}`);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return token;
}

/**
 * A second administrator in the demo region, without a password, as the operator's
 * `cli.js region:add-admin` makes one (test set-up, straight in the e2e database); nothing when the
 * address is taken.
 */
export async function secondAdministrator(email: string, name: string): Promise<void> {
  const url = process.env['E2E_DATABASE_URL'];
  if (!url) throw new Error('E2E_DATABASE_URL is set by global-setup');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `WITH region AS (SELECT id FROM regions WHERE code = '24'),
            made AS (INSERT INTO users (region_id, email, name) SELECT id, $1, $2 FROM region
                     ON CONFLICT DO NOTHING RETURNING id, region_id)
       INSERT INTO role_assignments (user_id, region_id, role) SELECT id, region_id, 'ADMINISTRATOR' FROM made`,
      [email, name],
    );
  } finally {
    await client.end();
  }
}
