import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The steering group's commentary on a month's board report: one text per region and month,
 * changed with a version check; every change is in the audit trail.
 */
export class BoardComments1763858800000 implements MigrationInterface {
  name = 'BoardComments1763858800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE board_comments (
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        updated_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (region_id, month)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE board_comments`);
  }
}
