import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time password-setup links (decision 020): an administrator never sets a password; a user
 * without one (password_hash NULL) cannot log in until they choose one through a link. Only the
 * SHA-256 of a link's token is stored, and only once it has been minted (printed by the CLI, or
 * mailed by the worker); a link is used once and expires; a newer link closes the older ones.
 */
export class PasswordSetups1763860000000 implements MigrationInterface {
  name = 'PasswordSetups1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(`
      CREATE TABLE password_setups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash bytea UNIQUE CHECK (octet_length(token_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX password_setups_open_idx ON password_setups (user_id) WHERE closed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_setups`);
    await q.query(`UPDATE users SET password_hash = '!' WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL`);
  }
}
