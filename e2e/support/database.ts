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
