import { MigrationInterface, QueryRunner } from 'typeorm';

/** The monthly dispensation register: granted dispensations and the hours and cost booked under them. */
export class DispensationRegister1763856500000 implements MigrationInterface {
  name = 'DispensationRegister1763856500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dispensation_monthly (
        region_id uuid NOT NULL,
        month date NOT NULL,
        rule text NOT NULL,
        area_id uuid NOT NULL,
        profession_group text NOT NULL,
        granted integer NOT NULL,
        hours numeric(16, 2) NOT NULL,
        cost_sek numeric(18, 2) NOT NULL,
        PRIMARY KEY (region_id, month, rule, area_id, profession_group)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dispensation_monthly`);
  }
}
