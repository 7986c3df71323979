import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on through each region's OpenID provider (decision 024):
 * - `identity_providers`: one per region, with a reference to its secret (`env:NAME` or
 *   `file:/path`), never the secret itself;
 * - `users.external_id`: the identity at the provider a user signs in as (unique in the region);
 * - `sessions.method`, and for provider sessions the provider's `sid` and `sub`, which its
 *   back-channel logout names, and the ID token for its logout (`id_token_hint`);
 * - `access_requests`: identities that signed in without a user, for an administrator to decide.
 */
export class SingleSignOn1763864000000 implements MigrationInterface {
  name = 'SingleSignOn1763864000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity_providers (
        region_id uuid PRIMARY KEY REFERENCES regions (id) ON DELETE CASCADE,
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
        issuer text NOT NULL CHECK (issuer ~ '^https?://'),
        client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 400),
        client_auth text NOT NULL CHECK (client_auth IN ('client_secret_basic', 'client_secret_post', 'private_key_jwt')),
        secret_ref text NOT NULL CHECK (secret_ref ~ '^(env:[A-Z_][A-Z0-9_]*|file:/.+)$'),
        scopes text NOT NULL DEFAULT 'openid profile email' CHECK (scopes ~ '(^| )openid( |$)'),
        user_claim text NOT NULL DEFAULT 'sub' CHECK (user_claim ~ '^[A-Za-z0-9_:./-]{1,100}$'),
        groups_claim text CHECK (groups_claim ~ '^[A-Za-z0-9_:./-]{1,100}$'),
        group_roles jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(group_roles) = 'object'),
        email_link text NOT NULL DEFAULT 'verified' CHECK (email_link IN ('verified', 'trusted', 'off')),
        CHECK (NOT (user_claim = 'email' AND email_link = 'off')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `ALTER TABLE users ADD COLUMN external_id text CHECK (length(external_id) BETWEEN 1 AND 200)`,
    );
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_region_external_id_key UNIQUE (region_id, external_id)`,
    );
    await q.query(`
      ALTER TABLE sessions
        ADD COLUMN method text NOT NULL DEFAULT 'password' CHECK (method IN ('password', 'oidc')),
        ADD COLUMN idp_sid text,
        ADD COLUMN idp_sub text,
        ADD COLUMN idp_id_token text CHECK (length(idp_id_token) <= 16000)`);
    await q.query(`CREATE INDEX sessions_idp_sid_idx ON sessions (idp_sid) WHERE idp_sid IS NOT NULL`);
    await q.query(`CREATE INDEX sessions_idp_sub_idx ON sessions (idp_sub) WHERE idp_sub IS NOT NULL`);
    await q.query(`
      CREATE TABLE access_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email text CHECK (length(email) <= 254),
        proposed_roles jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(proposed_roles) = 'array'),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DISMISSED', 'RESOLVED')),
        attempts integer NOT NULL DEFAULT 1,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
        decided_at timestamptz,
        CONSTRAINT access_requests_region_subject_key UNIQUE (region_id, subject)
      )`);
    await q.query(
      `CREATE INDEX access_requests_pending_idx ON access_requests (region_id) WHERE status = 'PENDING'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE access_requests');
    await q.query('DROP INDEX sessions_idp_sub_idx');
    await q.query('DROP INDEX sessions_idp_sid_idx');
    await q.query(
      'ALTER TABLE sessions DROP COLUMN idp_id_token, DROP COLUMN idp_sub, DROP COLUMN idp_sid, DROP COLUMN method',
    );
    await q.query('ALTER TABLE users DROP CONSTRAINT users_region_external_id_key');
    await q.query('ALTER TABLE users DROP COLUMN external_id');
    await q.query('DROP TABLE identity_providers');
  }
}
