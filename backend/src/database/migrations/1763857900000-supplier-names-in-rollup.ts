import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A supplier outside the agreement is rolled up under its name folded to lower case, so that
 * "Okänd Bemanning AB" and "OKÄND BEMANNING AB" count as one; `supplier_name` keeps one of the
 * names as the files gave them, for the metrics to show. It is filled here for the rows already
 * rolled up (one pass over the facts of such suppliers), and by every recompute after.
 */
export class SupplierNamesInRollup1763857900000 implements MigrationInterface {
  name = 'SupplierNamesInRollup1763857900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hired_monthly ADD COLUMN supplier_name text`);
    await q.query(
      `COMMENT ON COLUMN hired_monthly.supplier_name IS 'A supplier outside the agreement: the least of its names as imported, trimmed; NULL for a supplier on the agreement'`,
    );
    await q.query(`
      UPDATE hired_monthly h SET supplier_name = n.name
        FROM (SELECT region_id, month, unit_id, profession_group,
                     'unknown:' || lower(trim(supplier_text)) AS supplier_key, min(trim(supplier_text)) AS name
                FROM purchased_hours WHERE supplier_id IS NULL
               GROUP BY 1, 2, 3, 4, 5) n
       WHERE (h.region_id, h.month, h.unit_id, h.profession_group, h.supplier_key) =
             (n.region_id, n.month, n.unit_id, n.profession_group, n.supplier_key)`);
    // answers cached before the migration showed the folded names
    await q.query(`UPDATE metrics_versions SET version = version + 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hired_monthly DROP COLUMN supplier_name`);
  }
}
