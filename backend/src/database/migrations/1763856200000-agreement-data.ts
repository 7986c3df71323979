import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreement data kept by the purchaser: suppliers, the price list (profession × competence
 * level × zone, versioned by validity with no overlaps), the travel allowance, and the
 * former-employee register for karens (identity numbers only as a keyed hash).
 */
export class AgreementData1763856200000 implements MigrationInterface {
  name = 'AgreementData1763856200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE suppliers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        organisation_number char(11) NOT NULL CHECK (organisation_number ~ '^[0-9]{6}-[0-9]{4}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        lots text[] NOT NULL CHECK (cardinality(lots) > 0 AND lots <@ ARRAY['LAKARE', 'SJUKSKOTERSKA']),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'QUARANTINED')),
        quarantine_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT suppliers_quarantine_reason_check CHECK ((status = 'QUARANTINED') = (quarantine_reason IS NOT NULL)),
        CONSTRAINT suppliers_region_id_organisation_number_key UNIQUE (region_id, organisation_number),
        CONSTRAINT suppliers_id_region_id_key UNIQUE (id, region_id)
      )`);
    await q.query(`
      CREATE TABLE price_list (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        profession text NOT NULL,
        competence_level text NOT NULL,
        price_zone smallint NOT NULL CHECK (price_zone BETWEEN 1 AND 3),
        hourly_rate numeric(10, 2) NOT NULL CHECK (hourly_rate > 0),
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to IS NULL OR valid_to >= valid_from),
        illustrative boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT price_list_no_overlap EXCLUDE USING gist (
          region_id WITH =, profession WITH =, competence_level WITH =, price_zone WITH =,
          daterange(valid_from, valid_to, '[]') WITH &&)
      )`);
    await q.query(`
      CREATE TABLE travel_allowances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        amount_per_week numeric(10, 2) NOT NULL CHECK (amount_per_week >= 0),
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to IS NULL OR valid_to >= valid_from),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT travel_allowances_no_overlap EXCLUDE USING gist (region_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
      )`);
    await q.query(`
      CREATE TABLE former_employees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        identity_hash bytea NOT NULL,
        identity_masked text NOT NULL,
        employment_ended_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT former_employees_region_id_identity_hash_key UNIQUE (region_id, identity_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE former_employees`);
    await q.query(`DROP TABLE travel_allowances`);
    await q.query(`DROP TABLE price_list`);
    await q.query(`DROP TABLE suppliers`);
  }
}
