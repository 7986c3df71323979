import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An upload is staged in blocks of lines, a row for up to a thousand consecutive lines of the
 * file, instead of a row for each line (docs/performance.md, change 8). The columns keep their
 * names, so that a row staged one line at a time reads as a block of one line; their comments
 * say what they now hold.
 */
export class StagedLineBlocks1763857800000 implements MigrationInterface {
  name = 'StagedLineBlocks1763857800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `COMMENT ON TABLE import_lines IS 'An uploaded file, in blocks of consecutive lines, until its import ends'`,
    );
    await q.query(
      `COMMENT ON COLUMN import_lines.line_no IS 'The number in the file of the block''s first line'`,
    );
    await q.query(
      `COMMENT ON COLUMN import_lines.raw IS 'The block''s lines, as uploaded, separated by line feeds (blank lines kept)'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`COMMENT ON COLUMN import_lines.raw IS NULL`);
    await q.query(`COMMENT ON COLUMN import_lines.line_no IS NULL`);
    await q.query(`COMMENT ON TABLE import_lines IS NULL`);
  }
}
