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

/**
 * The login role the app under test connects as: a member of hyrkoll_app, as in production
 * (decision 022); `cli.js migrate` makes it. Its password only matters on a server that asks.
 */
const TEST_APP_ROLE = { name: 'hyrkoll_it_app', password: 'hyrkoll-it-app' };

/** The URL of a database for the application's role, from the owner's URL. */
export function appUrlOf(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = TEST_APP_ROLE.name;
  url.password = TEST_APP_ROLE.password;
  return url.toString();
}

/** The app's environment for a database the URL of whose owner is given (for startApi, the CLI, …). */
export function databaseEnv(ownerUrl: string): { DATABASE_URL: string; DATABASE_OWNER_URL: string } {
  return { DATABASE_URL: appUrlOf(ownerUrl), DATABASE_OWNER_URL: ownerUrl };
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop database ${JSON.stringify(name)}`);
  await onAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Every table the API writes: a refused request must leave the row count of each as it was. */
export const WRITTEN_TABLES = [
  'audit_events',
  'orders',
  'dispensations',
  'dispensation_decisions',
  'bids',
  'users',
  'role_assignments',
  'suppliers',
  'price_list',
  'travel_allowances',
  'former_employees',
  'dispensation_policies',
  'areas',
  'units',
  'municipalities',
  'imports',
  'purchased_hours',
  'own_staff_costs',
  'national_comparison',
  'outbox',
] as const;

/** The row count of each of WRITTEN_TABLES, in one statement. */
export async function rowCounts(db: {
  query(sql: string): Promise<Record<string, number>[]>;
}): Promise<Record<string, number>> {
  const sql = WRITTEN_TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ');
  return (await db.query(`SELECT ${sql}`))[0] ?? {};
}
