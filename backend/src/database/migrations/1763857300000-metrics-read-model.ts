import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the metrics read, made small and cacheable:
 * - `hired_area_monthly`: the hired rollup summed over units and suppliers (a few dozen rows per
 *   region and month instead of a thousand or more), for every grouping but unit and supplier;
 * - `metrics_versions`: one counter per region, raised in the transaction of every change the
 *   metrics can show (each rollup recompute; a renamed area, unit or supplier raises all), so
 *   that the API can keep computed answers until the counter moves;
 * - an index on `dispensations (order_id)` for the dispensation register's join with the hours.
 */
export class MetricsReadModel1763857300000 implements MigrationInterface {
  name = 'MetricsReadModel1763857300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hired_area_monthly (
        region_id uuid NOT NULL,
        month date NOT NULL,
        area_id uuid NOT NULL,
        care_setting text NOT NULL,
        profession_group text NOT NULL,
        hours numeric(16, 2) NOT NULL,
        cost_sek numeric(18, 2) NOT NULL,
        unmatched_hours numeric(16, 2) NOT NULL,
        unmatched_cost_sek numeric(18, 2) NOT NULL,
        row_count integer NOT NULL,
        PRIMARY KEY (region_id, month, area_id, care_setting, profession_group)
      )`);
    await q.query(`
      INSERT INTO hired_area_monthly
      SELECT region_id, month, area_id, care_setting, profession_group, sum(hours), sum(cost_sek),
             sum(unmatched_hours), sum(unmatched_cost_sek), sum(row_count)
        FROM hired_monthly GROUP BY region_id, month, area_id, care_setting, profession_group`);
    await q.query(`
      CREATE TABLE metrics_versions (
        region_id uuid PRIMARY KEY REFERENCES regions (id) ON DELETE CASCADE,
        version bigint NOT NULL DEFAULT 1
      )`);
    await q.query(`INSERT INTO metrics_versions (region_id) SELECT id FROM regions`);
    await q.query(`
      CREATE FUNCTION metrics_versions_raise_all() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE metrics_versions SET version = version + 1;
        RETURN NULL;
      END
      $$`);
    for (const table of ['areas', 'units', 'suppliers']) {
      await q.query(`
        CREATE TRIGGER ${table}_renamed_metrics_versions AFTER UPDATE OF name ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION metrics_versions_raise_all()`);
    }
    await q.query(`CREATE INDEX dispensations_order_idx ON dispensations (order_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX dispensations_order_idx`);
    for (const table of ['areas', 'units', 'suppliers']) {
      await q.query(`DROP TRIGGER ${table}_renamed_metrics_versions ON ${table}`);
    }
    await q.query(`DROP FUNCTION metrics_versions_raise_all()`);
    await q.query(`DROP TABLE metrics_versions`);
    await q.query(`DROP TABLE hired_area_monthly`);
  }
}
