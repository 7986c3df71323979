import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every column that holds a sum of fact rows, with the type it had. */
const SUM_COLUMNS: readonly { table: string; column: string; was: string }[] = [
  { table: 'hired_monthly', column: 'hours', was: 'numeric(16, 2)' },
  { table: 'hired_monthly', column: 'cost_sek', was: 'numeric(18, 2)' },
  { table: 'hired_monthly', column: 'unmatched_hours', was: 'numeric(16, 2)' },
  { table: 'hired_monthly', column: 'unmatched_cost_sek', was: 'numeric(18, 2)' },
  { table: 'hired_area_monthly', column: 'hours', was: 'numeric(16, 2)' },
  { table: 'hired_area_monthly', column: 'cost_sek', was: 'numeric(18, 2)' },
  { table: 'hired_area_monthly', column: 'unmatched_hours', was: 'numeric(16, 2)' },
  { table: 'hired_area_monthly', column: 'unmatched_cost_sek', was: 'numeric(18, 2)' },
  { table: 'own_monthly', column: 'cost_sek', was: 'numeric(18, 2)' },
  { table: 'own_monthly', column: 'budget_sek', was: 'numeric(18, 2)' },
  { table: 'dispensation_monthly', column: 'hours', was: 'numeric(16, 2)' },
  { table: 'dispensation_monthly', column: 'cost_sek', was: 'numeric(18, 2)' },
  { table: 'dispensations', column: 'hours_used', was: 'numeric(10, 2)' },
  { table: 'dispensations', column: 'cost_used', was: 'numeric(14, 2)' },
];

/**
 * Sums that cannot overflow. The rollups and a dispensation's hours and cost used are sums of
 * fact rows (hours numeric(12, 2), cost numeric(14, 2)) over a month, a group or an order, with
 * no bound on how many rows: 10 001 rows of 999 999 999 999.99 SEK overflowed numeric(18, 2),
 * and the recompute then failed for the whole region. numeric(38, 2) holds 10^36: more than a
 * fact row's maximum (10^12) times as many rows as a fact table can number (its bigint ids,
 * < 2^63 ≈ 9.2 × 10^18). Raising a numeric's precision at the same scale rewrites nothing.
 */
export class SumsCannotOverflow1763858100000 implements MigrationInterface {
  name = 'SumsCannotOverflow1763858100000';

  async up(q: QueryRunner): Promise<void> {
    for (const { table, column } of SUM_COLUMNS) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE numeric(38, 2)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table, column, was } of SUM_COLUMNS) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${was}`);
    }
  }
}
