import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imported facts and their monthly rollups. An import's raw lines are staged in
 * `import_lines` (streamed in with COPY), validated by the worker, and written in one
 * transaction that replaces the rows of the same months (replace-by-key: see decision 010).
 */
export class ImportsAndFacts1763856400000 implements MigrationInterface {
  name = 'ImportsAndFacts1763856400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        kind text NOT NULL CHECK (kind IN ('purchased-hours', 'own-staff-cost', 'national-comparison')),
        status text NOT NULL CHECK (status IN ('RECEIVING', 'QUEUED', 'VALIDATING', 'WRITING', 'DONE', 'REFUSED', 'FAILED')),
        file_name text NOT NULL CHECK (length(file_name) <= 255),
        size_bytes bigint NOT NULL DEFAULT 0,
        lines_total integer NOT NULL DEFAULT 0,
        rows_read integer NOT NULL DEFAULT 0,
        rows_valid integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        months text[] NOT NULL DEFAULT '{}',
        rows_written integer NOT NULL DEFAULT 0,
        rows_replaced integer NOT NULL DEFAULT 0,
        message text,
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX imports_region_created_idx ON imports (region_id, created_at DESC)`);
    await q.query(`
      CREATE UNLOGGED TABLE import_lines (
        import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        line_no integer NOT NULL,
        raw text NOT NULL,
        PRIMARY KEY (import_id, line_no)
      )`);
    await q.query(`
      CREATE TABLE purchased_hours (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        unit_id uuid NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
        area_id uuid NOT NULL,
        care_setting text NOT NULL,
        profession_group text NOT NULL CHECK (profession_group IN ('LAKARE', 'SSK_BM', 'OVRIGA')),
        supplier_id uuid REFERENCES suppliers (id) ON DELETE RESTRICT,
        supplier_text text NOT NULL,
        hours numeric(12, 2) NOT NULL,
        cost_sek numeric(14, 2) NOT NULL,
        order_ref text,
        order_id uuid REFERENCES orders (id) ON DELETE RESTRICT,
        import_id uuid NOT NULL REFERENCES imports (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX purchased_hours_region_month_idx ON purchased_hours (region_id, month)`);
    await q.query(
      `CREATE INDEX purchased_hours_order_idx ON purchased_hours (order_id) WHERE order_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE own_staff_costs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        area_id uuid NOT NULL REFERENCES areas (id) ON DELETE RESTRICT,
        care_setting text NOT NULL CHECK (care_setting IN ('PRIMARVARD', 'SJUKHUSVARD', 'PSYKIATRI', 'OVRIGT')),
        profession_group text NOT NULL CHECK (profession_group IN ('LAKARE', 'SSK_BM', 'OVRIGA')),
        cost_sek numeric(14, 2) NOT NULL,
        budget_sek numeric(14, 2),
        import_id uuid NOT NULL REFERENCES imports (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX own_staff_costs_region_month_idx ON own_staff_costs (region_id, month)`);
    await q.query(`
      CREATE TABLE national_comparison (
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        region_code char(2) NOT NULL,
        hired_share_percent numeric(6, 3) NOT NULL CHECK (hired_share_percent BETWEEN 0 AND 100),
        import_id uuid NOT NULL REFERENCES imports (id) ON DELETE RESTRICT,
        PRIMARY KEY (month, region_code)
      )`);
    await q.query(`
      CREATE TABLE hired_monthly (
        region_id uuid NOT NULL,
        month date NOT NULL,
        area_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        care_setting text NOT NULL,
        profession_group text NOT NULL,
        supplier_key text NOT NULL,
        hours numeric(16, 2) NOT NULL,
        cost_sek numeric(18, 2) NOT NULL,
        unmatched_hours numeric(16, 2) NOT NULL,
        unmatched_cost_sek numeric(18, 2) NOT NULL,
        row_count integer NOT NULL,
        PRIMARY KEY (region_id, month, unit_id, profession_group, supplier_key)
      )`);
    await q.query(`
      CREATE TABLE own_monthly (
        region_id uuid NOT NULL,
        month date NOT NULL,
        area_id uuid NOT NULL,
        care_setting text NOT NULL,
        profession_group text NOT NULL,
        cost_sek numeric(18, 2) NOT NULL,
        budget_sek numeric(18, 2),
        row_count integer NOT NULL,
        PRIMARY KEY (region_id, month, area_id, care_setting, profession_group)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'own_monthly',
      'hired_monthly',
      'national_comparison',
      'own_staff_costs',
      'purchased_hours',
      'import_lines',
      'imports',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
