import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES_BEFORE = `'RECEIVING', 'QUEUED', 'VALIDATING', 'WRITING', 'DONE', 'REFUSED', 'FAILED'`;
const STATUSES = `${STATUSES_BEFORE}, 'AWAITING_CONFIRMATION', 'DISCARDED', 'UNDONE'`;

/**
 * Imports replace by source, in two steps, and can be undone (decision 017, superseding 010);
 * the national comparison belongs to the region that imported it.
 *
 * - Every import names its `source` (a supplier's organisation number, `heroma`, the finance
 *   system); the fact rows carry it. Rows written before this migration are of the source
 *   `legacy`, as are the imports that wrote them: a purchaser who goes on importing the same files
 *   names their source, and the first import of a source leaves the legacy rows in place (they are
 *   then reported as possible double counting, and the purchaser undoes nothing of them but can
 *   upload the month again under `legacy` to replace them).
 * - A validated file waits in `<fact>_pending` (one row per fact row, unlogged like the staged
 *   lines) with the status AWAITING_CONFIRMATION and a `preview` of what it will do; confirming
 *   moves the rows into the fact table, discarding drops them.
 * - The rows an import replaced are kept in `<fact>_replaced`, with the import that replaced them,
 *   so that undoing the import puts them back.
 * - `national_comparison` gains `region_id`: each region keeps the comparison it imported. The
 *   rows already there go to the region of the import that wrote them.
 */
export class ImportSources1763858000000 implements MigrationInterface {
  name = 'ImportSources1763858000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE imports
        ADD COLUMN source text NOT NULL DEFAULT 'legacy'
          CHECK (length(source) BETWEEN 1 AND 40 AND source !~ '[[:cntrl:]]'),
        ADD COLUMN preview jsonb,
        ADD COLUMN confirmed_by uuid REFERENCES users (id) ON DELETE RESTRICT,
        ADD COLUMN confirmed_at timestamptz,
        ADD COLUMN undone_by uuid REFERENCES users (id) ON DELETE RESTRICT,
        ADD COLUMN undone_at timestamptz,
        DROP CONSTRAINT imports_status_check,
        ADD CONSTRAINT imports_status_check CHECK (status IN (${STATUSES}))`);
    await q.query(
      `CREATE INDEX imports_region_kind_source_idx ON imports (region_id, kind, source, created_at DESC)`,
    );
    for (const fact of ['purchased_hours', 'own_staff_costs']) {
      // a constant default: no table rewrite; rows written outside an import (seeds) are `legacy`
      await q.query(`ALTER TABLE ${fact} ADD COLUMN source text NOT NULL DEFAULT 'legacy'`);
    }

    await q.query(`ALTER TABLE national_comparison ADD COLUMN region_id uuid`);
    await q.query(`
      UPDATE national_comparison n SET region_id = i.region_id FROM imports i WHERE i.id = n.import_id`);
    await q.query(`
      ALTER TABLE national_comparison
        ALTER COLUMN region_id SET NOT NULL,
        ADD CONSTRAINT national_comparison_region_fkey FOREIGN KEY (region_id) REFERENCES regions (id) ON DELETE RESTRICT,
        DROP CONSTRAINT national_comparison_pkey,
        ADD PRIMARY KEY (region_id, month, region_code)`);

    for (const fact of ['purchased_hours', 'own_staff_costs', 'national_comparison']) {
      await q.query(`CREATE UNLOGGED TABLE ${fact}_pending (LIKE ${fact})`);
      if (fact !== 'national_comparison') await q.query(`ALTER TABLE ${fact}_pending DROP COLUMN id`);
      await q.query(`CREATE INDEX ${fact}_pending_import_idx ON ${fact}_pending (import_id)`);
      await q.query(`
        ALTER TABLE ${fact}_pending ADD CONSTRAINT ${fact}_pending_import_fkey
          FOREIGN KEY (import_id) REFERENCES imports (id) ON DELETE CASCADE`);

      await q.query(`CREATE TABLE ${fact}_replaced (LIKE ${fact})`);
      await q.query(`
        ALTER TABLE ${fact}_replaced
          ADD COLUMN replaced_by uuid NOT NULL REFERENCES imports (id) ON DELETE RESTRICT,
          ADD CONSTRAINT ${fact}_replaced_import_fkey FOREIGN KEY (import_id) REFERENCES imports (id) ON DELETE RESTRICT`);
      await q.query(`CREATE INDEX ${fact}_replaced_by_idx ON ${fact}_replaced (replaced_by)`);
      await q.query(`CREATE INDEX ${fact}_replaced_import_idx ON ${fact}_replaced (import_id)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fact of ['purchased_hours', 'own_staff_costs', 'national_comparison']) {
      await q.query(`DROP TABLE ${fact}_replaced`);
      await q.query(`DROP TABLE ${fact}_pending`);
    }
    // one region's comparison stays; the others' rows of the same key go
    await q.query(`
      DELETE FROM national_comparison n USING national_comparison o
       WHERE n.month = o.month AND n.region_code = o.region_code AND n.region_id > o.region_id`);
    await q.query(`
      ALTER TABLE national_comparison
        DROP CONSTRAINT national_comparison_pkey,
        ADD PRIMARY KEY (month, region_code),
        DROP COLUMN region_id`);
    for (const fact of ['purchased_hours', 'own_staff_costs']) {
      await q.query(`ALTER TABLE ${fact} DROP COLUMN source`);
    }
    await q.query(`DROP INDEX imports_region_kind_source_idx`);
    await q.query(`DELETE FROM imports WHERE status IN ('AWAITING_CONFIRMATION', 'DISCARDED')`);
    await q.query(`UPDATE imports SET status = 'FAILED', message = 'undone' WHERE status = 'UNDONE'`);
    await q.query(`
      ALTER TABLE imports
        DROP CONSTRAINT imports_status_check,
        ADD CONSTRAINT imports_status_check CHECK (status IN (${STATUSES_BEFORE})),
        DROP COLUMN undone_at,
        DROP COLUMN undone_by,
        DROP COLUMN confirmed_at,
        DROP COLUMN confirmed_by,
        DROP COLUMN preview,
        DROP COLUMN source`);
  }
}
