import { randomBytes } from 'node:crypto';

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
