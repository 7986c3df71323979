import { MigrationInterface, QueryRunner } from 'typeorm';

const ORDER_STATUSES = `'DRAFT', 'SUBMITTED', 'AWAITING_DISPENSATION', 'APPROVED', 'PUBLISHED', 'UNFILLED',
  'BIDS_RECEIVED', 'AWARDED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED', 'CANCELLED', 'REJECTED'`;
const DISPENSATION_STATUSES = `'SUBMITTED', 'UNDER_REVIEW', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED', 'REVOKED'`;

/**
 * The ordering workflow: each region's dispensation policy, orders (call-offs), their
 * dispensations with every decision, supplier bids, and supplier deviations. State changes
 * are conditional updates on `status` and `version`; the constraints keep one open
 * dispensation per order and one awarded bid per order.
 */
export class OrdersDispensationsBids1763856300000 implements MigrationInterface {
  name = 'OrdersDispensationsBids1763856300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dispensation_policies (
        region_id uuid PRIMARY KEY REFERENCES regions (id) ON DELETE RESTRICT,
        policy jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE SEQUENCE order_reference_seq`);
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        reference text NOT NULL CONSTRAINT orders_reference_key UNIQUE,
        unit_id uuid NOT NULL,
        area_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN (${ORDER_STATUSES})),
        profession text NOT NULL,
        competence_level text NOT NULL,
        specialty text CHECK (length(specialty) <= 100),
        period_start date NOT NULL,
        period_end date NOT NULL,
        hours numeric(10, 2) NOT NULL CHECK (hours > 0),
        schedule text CHECK (length(schedule) <= 1000),
        reason text NOT NULL CHECK (reason IN ('VACANCY', 'LEAVE_COVER', 'PEAK_LOAD', 'RECRUITMENT_PENDING', 'OTHER')),
        reason_text text CHECK (length(reason_text) <= 2000),
        requirements text CHECK (length(requirements) <= 4000),
        off_agreement boolean NOT NULL DEFAULT false,
        requested_hourly_rate numeric(10, 2) CHECK (requested_hourly_rate > 0),
        extras_sek numeric(12, 2) CHECK (extras_sek >= 0),
        price_zone smallint NOT NULL CHECK (price_zone BETWEEN 1 AND 3),
        estimate jsonb NOT NULL,
        estimated_total numeric(14, 2),
        rules jsonb NOT NULL DEFAULT '[]',
        awarded_bid_id uuid,
        confirmation_deadline timestamptz,
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        submitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT orders_period_check CHECK (period_end >= period_start),
        CONSTRAINT orders_unit_fkey FOREIGN KEY (unit_id, region_id) REFERENCES units (id, region_id) ON DELETE RESTRICT,
        CONSTRAINT orders_area_fkey FOREIGN KEY (area_id, region_id) REFERENCES areas (id, region_id) ON DELETE RESTRICT,
        CONSTRAINT orders_id_region_id_key UNIQUE (id, region_id)
      )`);
    await q.query(`CREATE INDEX orders_region_status_idx ON orders (region_id, status, created_at DESC)`);
    await q.query(`CREATE INDEX orders_unit_idx ON orders (unit_id, created_at DESC)`);
    await q.query(`CREATE INDEX orders_area_idx ON orders (area_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX orders_confirmation_deadline_idx ON orders (confirmation_deadline) WHERE status = 'AWARDED'`,
    );
    await q.query(
      `CREATE INDEX orders_period_idx ON orders (status, period_start, period_end) WHERE status IN ('CONFIRMED', 'IN_PROGRESS')`,
    );

    await q.query(`
      CREATE TABLE dispensations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        order_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        area_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN (${DISPENSATION_STATUSES})),
        step smallint NOT NULL DEFAULT 1 CHECK (step BETWEEN 1 AND 2),
        steps_required smallint NOT NULL CHECK (steps_required BETWEEN 1 AND 2),
        rules jsonb NOT NULL,
        patient_safety_need text NOT NULL CHECK (length(patient_safety_need) BETWEEN 1 AND 4000),
        alternatives_tried text NOT NULL CHECK (length(alternatives_tried) BETWEEN 1 AND 4000),
        requested_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        waiting_since timestamptz NOT NULL DEFAULT now(),
        reminded_at timestamptz,
        estimated_cost numeric(14, 2),
        conditions text CHECK (length(conditions) <= 4000),
        valid_from date,
        valid_to date,
        hours_cap numeric(10, 2) CHECK (hours_cap > 0),
        cost_cap numeric(14, 2) CHECK (cost_cap > 0),
        delegation_reference text CHECK (length(delegation_reference) <= 200),
        hours_used numeric(10, 2) NOT NULL DEFAULT 0,
        cost_used numeric(14, 2) NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT dispensations_order_fkey FOREIGN KEY (order_id, region_id) REFERENCES orders (id, region_id) ON DELETE RESTRICT,
        CONSTRAINT dispensations_validity_check CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX dispensations_one_open_per_order ON dispensations (order_id)
        WHERE status IN ('SUBMITTED', 'UNDER_REVIEW', 'RETURNED', 'APPROVED')`);
    await q.query(
      `CREATE INDEX dispensations_inbox_idx ON dispensations (region_id, status, area_id, waiting_since)`,
    );
    await q.query(`
      CREATE TABLE dispensation_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dispensation_id uuid NOT NULL REFERENCES dispensations (id) ON DELETE RESTRICT,
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        step smallint NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('APPROVED', 'REJECTED', 'RETURNED', 'REVOKED')),
        decided_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        decided_at timestamptz NOT NULL DEFAULT now(),
        comment text CHECK (length(comment) <= 4000)
      )`);
    await q.query(
      `CREATE INDEX dispensation_decisions_dispensation_idx ON dispensation_decisions (dispensation_id, decided_at)`,
    );

    await q.query(`
      CREATE TABLE bids (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        order_id uuid NOT NULL,
        supplier_id uuid NOT NULL,
        consultant_name text NOT NULL CHECK (length(consultant_name) BETWEEN 1 AND 200),
        consultant_identity_hash bytea NOT NULL,
        consultant_identity_masked text NOT NULL,
        hours_offered numeric(10, 2) NOT NULL CHECK (hours_offered > 0),
        earlier_hours_at_unit numeric(10, 2) NOT NULL DEFAULT 0 CHECK (earlier_hours_at_unit >= 0),
        hourly_rate numeric(10, 2) CHECK (hourly_rate > 0),
        licensed_on date NOT NULL,
        specialist_certified_on date,
        recent_nordic_experience boolean NOT NULL,
        ivo_extract_on date NOT NULL,
        hosp_extract_on date NOT NULL,
        cpr_training_on date NOT NULL,
        cv_attached boolean NOT NULL,
        references_count smallint NOT NULL CHECK (references_count BETWEEN 0 AND 20),
        status text NOT NULL DEFAULT 'REGISTERED' CHECK (status IN ('REGISTERED', 'AWARDED', 'CONFIRMED', 'LAPSED', 'NOT_AWARDED')),
        registered_at timestamptz NOT NULL DEFAULT now(),
        registered_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        awarded_at timestamptz,
        confirmation_deadline timestamptz,
        confirmed_at timestamptz,
        CONSTRAINT bids_order_fkey FOREIGN KEY (order_id, region_id) REFERENCES orders (id, region_id) ON DELETE RESTRICT,
        CONSTRAINT bids_supplier_fkey FOREIGN KEY (supplier_id, region_id) REFERENCES suppliers (id, region_id) ON DELETE RESTRICT,
        CONSTRAINT bids_order_consultant_key UNIQUE (order_id, consultant_identity_hash)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX bids_one_awarded_per_order ON bids (order_id) WHERE status IN ('AWARDED', 'CONFIRMED')`,
    );
    await q.query(`CREATE INDEX bids_order_idx ON bids (order_id, registered_at)`);
    await q.query(`
      CREATE TABLE supplier_deviations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        supplier_id uuid NOT NULL,
        order_id uuid NOT NULL,
        bid_id uuid NOT NULL REFERENCES bids (id) ON DELETE RESTRICT,
        kind text NOT NULL CHECK (kind IN ('MISSED_CONFIRMATION')),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        details jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT supplier_deviations_supplier_fkey FOREIGN KEY (supplier_id, region_id) REFERENCES suppliers (id, region_id),
        CONSTRAINT supplier_deviations_order_fkey FOREIGN KEY (order_id, region_id) REFERENCES orders (id, region_id),
        CONSTRAINT supplier_deviations_bid_kind_key UNIQUE (bid_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE supplier_deviations`);
    await q.query(`DROP TABLE bids`);
    await q.query(`DROP TABLE dispensation_decisions`);
    await q.query(`DROP TABLE dispensations`);
    await q.query(`DROP TABLE orders`);
    await q.query(`DROP SEQUENCE order_reference_seq`);
    await q.query(`DROP TABLE dispensation_policies`);
  }
}
