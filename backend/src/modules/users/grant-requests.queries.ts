import type { GrantRequestDto, GrantRequestStatus, Role, RoleGrantInput } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { execute } from '../../database/sql';

/** The grant requests' SQL (decision 018); GrantRequestsService keeps the rules. */

type Runner = Pick<EntityManager, 'query'>;

/**
 * Closes the user's requests whose time ran out undecided (EXPIRED, at their expiry, decided by
 * nobody), so that the grant can be asked again.
 */
export async function expireStale(m: Runner, userId: string): Promise<void> {
  await m.query(
    `UPDATE role_grant_requests SET status = 'EXPIRED', decided_at = expires_at
      WHERE user_id = $1 AND status = 'PENDING' AND expires_at <= now()`,
    [userId],
  );
}

/** The user's open requests (pending and not expired), locked until the commit. */
export async function lockOpenRequestsOf(
  m: Runner,
  userId: string,
): Promise<{ id: string; role: Role; unitId: string | null; areaId: string | null; requestedBy: string }[]> {
  return m.query(
    `SELECT id, role, unit_id AS "unitId", area_id AS "areaId", requested_by AS "requestedBy"
       FROM role_grant_requests
      WHERE user_id = $1 AND status = 'PENDING' AND expires_at > now()
      ORDER BY requested_at, role
      FOR UPDATE`,
    [userId],
  );
}

/** Asks for grants; one already pending is not asked twice. Returns the new requests' ids. */
export async function insertRequests(
  m: EntityManager,
  key: { regionId: string; userId: string; requestedBy: string; days: number },
  grants: RoleGrantInput[],
): Promise<{ id: string; role: Role; unitId: string | null; areaId: string | null }[]> {
  const { rows } = await execute<{ id: string; role: Role; unitId: string | null; areaId: string | null }>(
    m,
    `INSERT INTO role_grant_requests (region_id, user_id, requested_by, expires_at, role, unit_id, area_id)
     SELECT $1, $2, $3, now() + make_interval(days => $4), g.role, g.unit_id, g.area_id
       FROM unnest($5::text[], $6::uuid[], $7::uuid[]) AS g (role, unit_id, area_id)
     ON CONFLICT DO NOTHING
     RETURNING id, role, unit_id AS "unitId", area_id AS "areaId"`,
    [
      key.regionId,
      key.userId,
      key.requestedBy,
      key.days,
      grants.map((g) => g.role),
      grants.map((g) => g.unitId ?? null),
      grants.map((g) => g.areaId ?? null),
    ],
  );
  return rows;
}

/** The region's undecided requests (EXPIRED once their time ran out), oldest first. */
export async function undecided(m: Runner, regionId: string): Promise<GrantRequestDto[]> {
  return m.query<GrantRequestDto[]>(
    `SELECT g.id, g.role,
            json_build_object('id', u.id, 'name', u.name, 'email', u.email) AS "user",
            json_build_object('id', r.id, 'name', r.name) AS "requestedBy",
            to_json(g.requested_at) #>> '{}' AS "requestedAt",
            to_json(g.expires_at) #>> '{}' AS "expiresAt",
            CASE WHEN g.expires_at > now() THEN 'PENDING' ELSE 'EXPIRED' END AS status,
            CASE WHEN un.id IS NULL THEN NULL ELSE json_build_object('id', un.id, 'name', un.name, 'costCentre', un.cost_centre) END AS unit,
            CASE WHEN ar.id IS NULL THEN NULL ELSE json_build_object('id', ar.id, 'code', ar.code, 'name', ar.name) END AS area
       FROM role_grant_requests g
       JOIN users u ON u.id = g.user_id
       JOIN users r ON r.id = g.requested_by
       LEFT JOIN units un ON un.id = g.unit_id
       LEFT JOIN areas ar ON ar.id = g.area_id
      WHERE g.region_id = $1 AND g.status = 'PENDING'
      ORDER BY g.requested_at, u.name, g.role`,
    [regionId],
  );
}

export interface LockedRequest {
  id: string;
  userId: string;
  userActive: boolean;
  role: Role;
  unitId: string | null;
  areaId: string | null;
  requestedBy: string;
  /** The status as it stands now: a pending request past its expiry is EXPIRED. */
  status: GrantRequestStatus;
  /** Still undecided in the table (PENDING), even if its time ran out: it is in the waiting list. */
  open: boolean;
}

/** A request of the region, locked until the commit. */
export async function lockRequest(
  m: Runner,
  regionId: string,
  id: string,
): Promise<LockedRequest | undefined> {
  const [row] = await m.query<LockedRequest[]>(
    `SELECT g.id, g.user_id AS "userId", u.active AS "userActive", g.role, g.unit_id AS "unitId",
            g.area_id AS "areaId", g.requested_by AS "requestedBy",
            CASE WHEN g.status = 'PENDING' AND g.expires_at <= now() THEN 'EXPIRED' ELSE g.status END AS status,
            g.status = 'PENDING' AS open
       FROM role_grant_requests g JOIN users u ON u.id = g.user_id
      WHERE g.id = $1 AND g.region_id = $2
      FOR UPDATE OF g`,
    [id, regionId],
  );
  return row;
}

/**
 * Closes a pending request: APPROVED or REJECTED by `decidedBy`, or EXPIRED (an expired request
 * dismissed from the waiting list by `decidedBy`).
 */
export async function decide(
  m: Runner,
  id: string,
  status: 'APPROVED' | 'REJECTED' | 'EXPIRED',
  decidedBy: string,
): Promise<void> {
  await m.query(
    `UPDATE role_grant_requests SET status = $2, decided_by = $3, decided_at = now()
      WHERE id = $1 AND status = 'PENDING'`,
    [id, status, decidedBy],
  );
}

/** Gives the user the role, unless they hold it already with the same scope. */
export async function grantRole(
  m: Runner,
  regionId: string,
  userId: string,
  grant: { role: Role; unitId: string | null; areaId: string | null },
): Promise<void> {
  await m.query(
    `INSERT INTO role_assignments (user_id, region_id, role, unit_id, area_id)
     SELECT $1, $2, $3, $4, $5
      WHERE NOT EXISTS (SELECT 1 FROM role_assignments
                         WHERE user_id = $1 AND role = $3
                           AND unit_id IS NOT DISTINCT FROM $4 AND area_id IS NOT DISTINCT FROM $5)`,
    [userId, regionId, grant.role, grant.unitId, grant.areaId],
  );
}
