import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application's role (decision 022): `hyrkoll_app`, a group role without login that the API
 * and the worker log in as members of (`cli.js migrate` creates the login role named in
 * DATABASE_URL). It may read and write the tables, but on `audit_events` only INSERT and
 * SELECT; it owns nothing, so it can neither switch the audit triggers off nor alter the table.
 * Tables of later migrations by the same owner are granted by default privileges.
 *
 * Roles belong to the whole PostgreSQL cluster: the role is created only when missing, and a
 * migration of another database creating it at the same moment is not an error.
 */
export class ApplicationRole1763862000000 implements MigrationInterface {
  name = 'ApplicationRole1763862000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hyrkoll_app') THEN
          BEGIN
            CREATE ROLE hyrkoll_app NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- created by a migration of another database at the same moment
          END;
        END IF;
      END
      $$`);
    await q.query('GRANT USAGE ON SCHEMA public TO hyrkoll_app');
    await q.query('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hyrkoll_app');
    await q.query('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hyrkoll_app');
    await q.query('REVOKE ALL ON audit_events FROM hyrkoll_app');
    await q.query('GRANT SELECT, INSERT ON audit_events TO hyrkoll_app');
    // the application checks for pending migrations; only `cli.js migrate` records them
    await q.query('REVOKE ALL ON schema_migrations FROM hyrkoll_app');
    await q.query('GRANT SELECT ON schema_migrations TO hyrkoll_app');
    await q.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hyrkoll_app',
    );
    await q.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO hyrkoll_app',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // the role itself stays: other databases of the cluster may use it
    await q.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM hyrkoll_app',
    );
    await q.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM hyrkoll_app',
    );
    await q.query('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM hyrkoll_app');
    await q.query('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM hyrkoll_app');
    await q.query('REVOKE USAGE ON SCHEMA public FROM hyrkoll_app');
  }
}
