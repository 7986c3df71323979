import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users with roles and scopes, server-side sessions, and the append-only, hash-chained
 * audit trail. The database itself refuses UPDATE, DELETE and TRUNCATE on audit_events.
 */
export class UsersSessionsAudit1763856100000 implements MigrationInterface {
  name = 'UsersSessionsAudit1763856100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE units ADD CONSTRAINT units_id_region_id_key UNIQUE (id, region_id)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        email text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\\s]+@[^@\\s]+$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        password_hash text NOT NULL,
        locale text NOT NULL DEFAULT 'sv' CHECK (locale IN ('sv', 'en')),
        active boolean NOT NULL DEFAULT true,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_id_region_id_key UNIQUE (id, region_id)
      )`);
    await q.query(`CREATE INDEX users_region_id_idx ON users (region_id)`);
    await q.query(`
      CREATE TABLE role_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        region_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN
          ('UNIT_MANAGER', 'AREA_CHIEF', 'HEALTHCARE_DIRECTOR', 'PURCHASER', 'STEERING_GROUP', 'ADMINISTRATOR')),
        unit_id uuid,
        area_id uuid,
        CONSTRAINT role_assignments_user_fkey FOREIGN KEY (user_id, region_id)
          REFERENCES users (id, region_id) ON DELETE CASCADE,
        CONSTRAINT role_assignments_unit_fkey FOREIGN KEY (unit_id, region_id)
          REFERENCES units (id, region_id) ON DELETE RESTRICT,
        CONSTRAINT role_assignments_area_fkey FOREIGN KEY (area_id, region_id)
          REFERENCES areas (id, region_id) ON DELETE RESTRICT,
        CONSTRAINT role_assignments_scope_check CHECK (
          (role = 'UNIT_MANAGER' AND unit_id IS NOT NULL AND area_id IS NULL)
          OR (role = 'AREA_CHIEF' AND area_id IS NOT NULL AND unit_id IS NULL)
          OR (role NOT IN ('UNIT_MANAGER', 'AREA_CHIEF') AND unit_id IS NULL AND area_id IS NULL)),
        CONSTRAINT role_assignments_unique UNIQUE NULLS NOT DISTINCT (user_id, role, unit_id, area_id)
      )`);
    await q.query(`CREATE INDEX role_assignments_user_id_idx ON role_assignments (user_id)`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL CONSTRAINT sessions_token_hash_key UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        user_agent text
      )`);
    await q.query(`CREATE INDEX sessions_user_id_idx ON sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)`);
    await q.query(`
      CREATE TABLE audit_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT audit_events_id_key UNIQUE,
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_name text NOT NULL,
        request_id text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        prev_hash text,
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, seq)`);
    await q.query(`CREATE INDEX audit_events_region_seq_idx ON audit_events (region_id, seq)`);
    await q.query(`
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_refuse_change()`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE role_assignments`);
    await q.query(`DROP TABLE users`);
    await q.query(`ALTER TABLE units DROP CONSTRAINT units_id_region_id_key`);
  }
}
