import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review 20 (MEDIUM-1, LOW-2, LOW-7).
 *
 * A grant request whose time ran out could not be closed: `expireStale` set `EXPIRED`, which
 * neither the status check nor `(status = 'PENDING') = (decided_by IS NULL)` allowed, so asking
 * for the same grant again failed (500) and the entry stayed in the waiting list for good. Now:
 * `EXPIRED` is a status (closed by time, `decided_by` empty, or dismissed by an administrator,
 * who is then named); a rejection (also the requester withdrawing their own request, or the
 * grant being left out of the user's roles) names who decided, who is never the user; only an
 * approval must come from someone other than the requester.
 *
 * `operator_events` is append-only like `audit_events` (decision 022): the application's role
 * keeps only INSERT and SELECT on it.
 */
export class GrantRequestsCloseAndAppendOnlyOperatorEvents1763865000000 implements MigrationInterface {
  name = 'GrantRequestsCloseAndAppendOnlyOperatorEvents1763865000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE role_grant_requests
        DROP CONSTRAINT role_grant_requests_status_check,
        DROP CONSTRAINT role_grant_requests_check1,
        DROP CONSTRAINT role_grant_requests_check2,
        ADD CONSTRAINT role_grant_requests_status_check
          CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
        ADD CONSTRAINT role_grant_requests_decider_check
          CHECK (CASE status
                   WHEN 'PENDING' THEN decided_by IS NULL AND decided_at IS NULL
                   WHEN 'EXPIRED' THEN decided_at IS NOT NULL
                   ELSE decided_by IS NOT NULL AND decided_at IS NOT NULL
                 END),
        ADD CONSTRAINT role_grant_requests_not_by_user_check
          CHECK (decided_by IS NULL OR decided_by <> user_id),
        ADD CONSTRAINT role_grant_requests_four_eyes_check
          CHECK (status <> 'APPROVED' OR decided_by <> requested_by)`);
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hyrkoll_app') THEN
          REVOKE ALL ON operator_events FROM hyrkoll_app;
          GRANT SELECT, INSERT ON operator_events TO hyrkoll_app;
        END IF;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hyrkoll_app') THEN
          GRANT SELECT, INSERT, UPDATE, DELETE ON operator_events TO hyrkoll_app;
        END IF;
      END
      $$`);
    await q.query(`DELETE FROM role_grant_requests WHERE status = 'EXPIRED' OR decided_by = requested_by`);
    await q.query(`
      ALTER TABLE role_grant_requests
        DROP CONSTRAINT role_grant_requests_status_check,
        DROP CONSTRAINT role_grant_requests_decider_check,
        DROP CONSTRAINT role_grant_requests_not_by_user_check,
        DROP CONSTRAINT role_grant_requests_four_eyes_check,
        ADD CONSTRAINT role_grant_requests_status_check
          CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        ADD CONSTRAINT role_grant_requests_check1
          CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by <> user_id)),
        ADD CONSTRAINT role_grant_requests_check2
          CHECK ((status = 'PENDING') = (decided_by IS NULL))`);
  }
}
