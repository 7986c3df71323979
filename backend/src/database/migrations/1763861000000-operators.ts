import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deployment's operator (decision 021): an identity of its own, outside every region, with
 * sessions of its own, so that no business route can ever resolve it; the append-only record of
 * what operators did; and the time each region-month was last rolled up, for a region's
 * administrator to see.
 */
export class Operators1763861000000 implements MigrationInterface {
  name = 'Operators1763861000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE operators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\\s]+@[^@\\s]+$')
          CONSTRAINT operators_email_key UNIQUE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE operator_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL CONSTRAINT operator_sessions_token_hash_key UNIQUE,
        operator_id uuid NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        writes_until timestamptz
      )`);
    await q.query(`CREATE INDEX operator_sessions_operator_id_idx ON operator_sessions (operator_id)`);
    await q.query(`
      CREATE TABLE operator_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        operator_id uuid REFERENCES operators (id) ON DELETE RESTRICT,
        actor_name text NOT NULL,
        request_id text,
        action text NOT NULL,
        queue text,
        job_id text,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'refused')),
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX operator_events_operator_idx ON operator_events (operator_id, seq)`);
    await q.query(`
      CREATE FUNCTION operator_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'operator_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER operator_events_append_only BEFORE UPDATE OR DELETE ON operator_events
        FOR EACH ROW EXECUTE FUNCTION operator_events_refuse_change()`);
    await q.query(`
      CREATE TRIGGER operator_events_no_truncate BEFORE TRUNCATE ON operator_events
        FOR EACH STATEMENT EXECUTE FUNCTION operator_events_refuse_change()`);
    await q.query(`
      CREATE TABLE rollup_months (
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
        month date NOT NULL,
        rolled_up_at timestamptz NOT NULL,
        PRIMARY KEY (region_id, month)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rollup_months`);
    await q.query(`DROP TABLE operator_events`);
    await q.query(`DROP FUNCTION operator_events_refuse_change()`);
    await q.query(`DROP TABLE operator_sessions`);
    await q.query(`DROP TABLE operators`);
  }
}
