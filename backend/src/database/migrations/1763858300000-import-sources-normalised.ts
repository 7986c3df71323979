import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table that holds an import's source. */
const TABLES = [
  'imports',
  'purchased_hours',
  'purchased_hours_pending',
  'purchased_hours_replaced',
  'own_staff_costs',
  'own_staff_costs_pending',
  'own_staff_costs_replaced',
];

/** As normaliseImportSource in the contracts, frozen here as of this migration. */
const normalised = (source: string) => source.trim().replace(/ {2,}/g, ' ').toLowerCase();

/**
 * Sources are compared without regard to case and repeated spaces (decision 017): the API now
 * stores them trimmed, with single spaces, in lower case, and the sources already stored are
 * written so too, so that `HEROMA` imported before and `heroma` imported after are one source.
 * The new form is computed as the API computes it (not by PostgreSQL's lower(), which
 * depends on the database's locale for å, ä, ö). `legacy` stays `legacy`. Not reversible: the
 * spelling of each source is not kept.
 */
export class ImportSourcesNormalised1763858300000 implements MigrationInterface {
  name = 'ImportSourcesNormalised1763858300000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      const sources = (await q.query(`SELECT DISTINCT source FROM ${table}`)) as { source: string }[];
      for (const { source } of sources) {
        if (normalised(source) !== source) {
          await q.query(`UPDATE ${table} SET source = $2 WHERE source = $1`, [source, normalised(source)]);
        }
      }
    }
  }

  async down(): Promise<void> {
    // the sources' former spelling is not kept; lower-case sources work as before
  }
}
