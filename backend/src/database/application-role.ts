import type { DataSource } from 'typeorm';

import { MIGRATIONS } from './migrations';

/**
 * The database roles (decision 022): the owner of the tables migrates; the API, the worker and
 * the other CLI commands connect as a login role that is a member of `hyrkoll_app`, which may
 * only INSERT and SELECT the audit trail. The group role and its grants come from the migration
 * `ApplicationRole`; the login role named in DATABASE_URL is made here, by `cli.js migrate`.
 */
export const APPLICATION_ROLE = 'hyrkoll_app';

type Db = Pick<DataSource, 'query'>;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Errors of two databases of one cluster creating or granting the same role at the same moment. */
const RACES = new Set(['42710', '23505', 'XX000', '40001', '40P01']);

interface RoleRow {
  superuser: boolean;
  can_login: boolean;
  member: boolean;
  owns_audit: boolean;
}

/**
 * Makes sure the user of `appUrl` exists, can log in and is a member of `hyrkoll_app` (run by
 * the owner after migrating). An existing role keeps its password; one that is made gets the
 * URL's. Refuses the owner itself, a superuser and a member of the owner's role.
 */
export async function ensureApplicationLogin(owner: Db, appUrl: string): Promise<string> {
  const url = new URL(appUrl);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (!user) throw new Error("DATABASE_URL must name the application's role (postgres://ROLE:…@host/db)");
  const [{ me } = { me: '' }] = await owner.query<{ me: string }[]>('SELECT current_user AS me');
  if (user === me) {
    throw new Error(
      `DATABASE_URL connects as ${user}, the owner of the tables (DATABASE_OWNER_URL): ` +
        `give the API and the worker a role of their own, such as hyrkoll_api`,
    );
  }
  const passwordClause = password ? ` PASSWORD ${quoteLiteral(password)}` : '';
  for (let attempt = 1; ; attempt++) {
    try {
      const [role] = await owner.query<RoleRow[]>(
        `SELECT r.rolsuper AS superuser, r.rolcanlogin AS can_login,
                pg_has_role(r.oid, $2, 'MEMBER') AS member,
                pg_has_role(r.oid, (SELECT relowner FROM pg_class WHERE oid = 'audit_events'::regclass), 'MEMBER')
                  AS owns_audit
           FROM pg_roles r WHERE r.rolname = $1`,
        [user, APPLICATION_ROLE],
      );
      if (!role) {
        await owner.query(
          `CREATE ROLE ${quoteIdent(user)} LOGIN${passwordClause} IN ROLE ${APPLICATION_ROLE}`,
        );
        return `created the login role ${user}, a member of ${APPLICATION_ROLE}`;
      }
      if (role.superuser || role.owns_audit) {
        throw new Error(
          `DATABASE_URL connects as ${user}, which ${role.superuser ? 'is a superuser' : 'owns the tables'}: ` +
            `the application's role may only be a member of ${APPLICATION_ROLE}`,
        );
      }
      const done: string[] = [];
      if (!role.can_login) {
        await owner.query(`ALTER ROLE ${quoteIdent(user)} LOGIN${passwordClause}`);
        done.push('may log in');
      }
      if (!role.member) {
        await owner.query(`GRANT ${APPLICATION_ROLE} TO ${quoteIdent(user)}`);
        done.push(`is a member of ${APPLICATION_ROLE}`);
      }
      return done.length === 0
        ? `the login role ${user} is a member of ${APPLICATION_ROLE}`
        : `the login role ${user} now ${done.join(' and ')}`;
    } catch (error) {
      const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code;
      if (attempt < 5 && code && RACES.has(code)) continue;
      if (code === '42501') {
        throw new Error(
          `the owner may not create or grant roles (${(error as Error).message}); as a superuser run: ` +
            `CREATE ROLE ${quoteIdent(user)} LOGIN PASSWORD '…' IN ROLE ${APPLICATION_ROLE}`,
        );
      }
      throw error;
    }
  }
}

/** The migrations of this build that the database has not applied (all of them on an empty one). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const [{ present } = { present: false }] = await db.query<{ present: boolean }[]>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS present`,
  );
  const applied = present
    ? new Set((await db.query<{ name: string }[]>('SELECT name FROM schema_migrations')).map((r) => r.name))
    : new Set<string>();
  return MIGRATIONS.map((m) => m.name).filter((name) => !applied.has(name));
}

/**
 * What the connected role may do to the audit trail that the application's role must not: be a
 * superuser, own the table (and so switch its triggers off), update, delete or truncate it.
 */
export async function auditPowers(db: Db): Promise<string[]> {
  const [row] = await db.query<{ superuser: boolean; owner: boolean; change: boolean }[]>(
    `SELECT r.rolsuper AS superuser, pg_has_role(c.relowner, 'MEMBER') AS owner,
            has_table_privilege(c.oid, 'UPDATE, DELETE, TRUNCATE') AS change
       FROM pg_roles r, pg_class c
      WHERE r.rolname = current_user AND c.oid = to_regclass('audit_events')`,
  );
  if (!row) return [];
  return [
    row.superuser ? 'is a superuser' : '',
    row.owner ? 'owns audit_events' : '',
    row.change ? 'may update, delete or truncate audit_events' : '',
  ].filter(Boolean);
}
