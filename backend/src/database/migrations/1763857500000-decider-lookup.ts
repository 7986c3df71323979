import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deciders of a dispensation (area chiefs of an area, the health-care director) are found
 * by region and role; without this index every notification read all role assignments.
 */
export class DeciderLookup1763857500000 implements MigrationInterface {
  name = 'DeciderLookup1763857500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX role_assignments_region_role_idx ON role_assignments (region_id, role, area_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX role_assignments_region_role_idx`);
  }
}
