import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { AppConfig } from '../src/config/app-config';
import { migrateAsOwner } from '../src/database/migrate';
import { adminUrl, createThrowawayDatabase, dropDatabase } from './support/databases';
import { ownerUrl } from './support/owner';
import { testEnv } from './support/test-env';

async function onDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The application's role and its grants (decision 022); roles are shared by the whole cluster. */
describe('the database roles', () => {
  it('grants hyrkoll_app every table, but on the append-only ones only INSERT and SELECT', async () => {
    const grants = await onDatabase(
      ownerUrl(),
      async (c) =>
        (
          await c.query<{ table: string; privileges: string }>(
            `SELECT t.table_name AS table,
                  (SELECT string_agg(g.privilege_type, ',' ORDER BY g.privilege_type)
                     FROM information_schema.role_table_grants g
                    WHERE g.grantee = 'hyrkoll_app' AND g.table_schema = 'public' AND g.table_name = t.table_name)
                    AS privileges
             FROM information_schema.tables t
            WHERE t.table_schema = 'public' AND t.table_name NOT LIKE 'sql_probe_%'
            ORDER BY t.table_name`,
          )
        ).rows,
    );
    const of = (table: string) => grants.find((g) => g.table === table)?.privileges;
    expect(of('audit_events')).toBe('INSERT,SELECT');
    expect(of('operator_events')).toBe('INSERT,SELECT');
    expect(of('schema_migrations')).toBe('SELECT');
    const others = grants.filter(
      (g) => !['audit_events', 'operator_events', 'schema_migrations'].includes(g.table),
    );
    expect(others.length).toBeGreaterThan(20);
    expect(others.filter((g) => g.privileges !== 'DELETE,INSERT,SELECT,UPDATE')).toEqual([]);
  });

  it('two databases migrated at once make the same login role once, and it works in both', async () => {
    const role = `hyrkoll_it_race_${randomBytes(4).toString('hex')}`;
    const owners = await Promise.all([
      createThrowawayDatabase('hyrkoll_it_race'),
      createThrowawayDatabase('hyrkoll_it_race'),
    ]);
    const appUrl = (owner: string) => {
      const url = new URL(owner);
      url.username = role;
      url.password = 'race-password';
      return url.toString();
    };
    try {
      const results = await Promise.all(
        owners.map((owner) =>
          migrateAsOwner(
            AppConfig.fromEnv(testEnv({ DATABASE_URL: appUrl(owner), DATABASE_OWNER_URL: owner })),
          ),
        ),
      );
      expect(results.map((r) => r.role).sort()).toEqual(
        expect.arrayContaining([`created the login role ${role}, a member of hyrkoll_app`]),
      );
      for (const owner of owners) {
        const rights = await onDatabase(appUrl(owner), async (c) => {
          const { rows } = await c.query<{ insert: boolean; update: boolean }>(
            `SELECT has_table_privilege('audit_events', 'INSERT') AS insert,
                    has_table_privilege('audit_events', 'UPDATE') AS update`,
          );
          return rows[0];
        });
        expect(rights).toEqual({ insert: true, update: false });
      }
    } finally {
      for (const owner of owners) await dropDatabase(owner);
      await onDatabase(adminUrl(), (c) => c.query(`DROP ROLE IF EXISTS ${role}`));
    }
  }, 90_000);
});
