import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regions, municipalities (with price zone), areas and units.
 * Every row carries its region; composite foreign keys make a unit's area and
 * municipality belong to the same region as the unit itself.
 */
export class OrgStructure1763856000000 implements MigrationInterface {
  name = 'OrgStructure1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE regions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code char(2) NOT NULL CONSTRAINT regions_code_key UNIQUE CONSTRAINT regions_code_check CHECK (code ~ '^[0-9]{2}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE municipalities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        code char(4) NOT NULL CONSTRAINT municipalities_code_key UNIQUE CHECK (code ~ '^[0-9]{4}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        price_zone smallint NOT NULL CHECK (price_zone BETWEEN 1 AND 3),
        price_zone_illustrative boolean NOT NULL DEFAULT false,
        CONSTRAINT municipalities_id_region_id_key UNIQUE (id, region_id)
      )`);
    await q.query(`CREATE INDEX municipalities_region_id_idx ON municipalities (region_id)`);
    await q.query(`
      CREATE TABLE areas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        code varchar(32) NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]+$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT areas_region_id_code_key UNIQUE (region_id, code),
        CONSTRAINT areas_id_region_id_key UNIQUE (id, region_id)
      )`);
    await q.query(`
      CREATE TABLE units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        area_id uuid NOT NULL,
        municipality_id uuid NOT NULL,
        cost_centre varchar(32) NOT NULL CHECK (cost_centre ~ '^[A-Za-z0-9_-]+$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        care_setting text NOT NULL CHECK (care_setting IN ('PRIMARVARD', 'SJUKHUSVARD', 'PSYKIATRI', 'OVRIGT')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT units_region_id_cost_centre_key UNIQUE (region_id, cost_centre),
        CONSTRAINT units_area_fkey FOREIGN KEY (area_id, region_id) REFERENCES areas (id, region_id) ON DELETE RESTRICT,
        CONSTRAINT units_municipality_fkey FOREIGN KEY (municipality_id, region_id)
          REFERENCES municipalities (id, region_id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX units_area_id_idx ON units (area_id)`);
    await q.query(`CREATE INDEX units_municipality_id_idx ON units (municipality_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE units`);
    await q.query(`DROP TABLE areas`);
    await q.query(`DROP TABLE municipalities`);
    await q.query(`DROP TABLE regions`);
  }
}
