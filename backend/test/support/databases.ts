import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server the tests use: TEST_DATABASE_ADMIN_URL (set by `npm test`), else the machine's. */
export function adminUrl(): string {
  return process.env['TEST_DATABASE_ADMIN_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function onAdmin(statement: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates an empty database `<prefix>_<random>` for one test run and returns its URL. */
export async function createThrowawayDatabase(prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await onAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop database ${JSON.stringify(name)}`);
  await onAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
