import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grants of decision power that wait for a second administrator (decision 020): a role of
 * ROLES_NEEDING_APPROVAL is written here, not into role_assignments, until another administrator
 * than the requester and the user approves it, within seven days.
 */
export class RoleGrantRequests1763860100000 implements MigrationInterface {
  name = 'RoleGrantRequests1763860100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE role_grant_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions (id) ON DELETE RESTRICT,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('AREA_CHIEF', 'HEALTHCARE_DIRECTOR', 'ADMINISTRATOR')),
        unit_id uuid REFERENCES units (id) ON DELETE CASCADE,
        area_id uuid REFERENCES areas (id) ON DELETE CASCADE,
        requested_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        requested_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        decided_by uuid REFERENCES users (id) ON DELETE RESTRICT,
        decided_at timestamptz,
        CHECK (requested_by <> user_id),
        CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by <> user_id)),
        CHECK ((status = 'PENDING') = (decided_by IS NULL))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX role_grant_requests_pending_key ON role_grant_requests
        (user_id, role, COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'), COALESCE(area_id, '00000000-0000-0000-0000-000000000000'))
        WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX role_grant_requests_region_idx ON role_grant_requests (region_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE role_grant_requests`);
  }
}
