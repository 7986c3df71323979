import type { AccessRequestDto, AccessRequestStatus, RoleGrantInput } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { execute } from '../../database/sql';

/** The access requests' SQL (decision 018); AccessRequestsService keeps the rules. */

type Runner = Pick<EntityManager, 'query'>;

const SELECT = `
  SELECT id, subject, name, email, proposed_roles AS "proposedRoles", attempts, status,
         to_json(first_seen_at) #>> '{}' AS "firstSeenAt", to_json(last_seen_at) #>> '{}' AS "lastSeenAt"
    FROM access_requests`;

/**
 * Records that an identity without a user signed in: a new pending request, or one more attempt
 * of the one there is (a dismissed one asks again). Name, e-mail and proposal follow the provider.
 */
export async function upsertRequest(
  m: Runner,
  request: {
    regionId: string;
    subject: string;
    name: string;
    email: string | null;
    proposedRoles: RoleGrantInput[];
  },
): Promise<{ id: string; created: boolean }> {
  const [row] = await m.query<{ id: string; created: boolean }[]>(
    `INSERT INTO access_requests (region_id, subject, name, email, proposed_roles)
     VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (region_id, subject) DO UPDATE SET
       name = EXCLUDED.name, email = EXCLUDED.email, proposed_roles = EXCLUDED.proposed_roles,
       attempts = access_requests.attempts + 1, last_seen_at = now(),
       status = CASE WHEN access_requests.status = 'RESOLVED' THEN 'RESOLVED' ELSE 'PENDING' END
     RETURNING id, (xmax = 0) AS created`,
    [request.regionId, request.subject, request.name, request.email, JSON.stringify(request.proposedRoles)],
  );
  return row;
}

export async function pendingRequests(m: Runner, regionId: string): Promise<AccessRequestDto[]> {
  return m.query<AccessRequestDto[]>(
    `${SELECT} WHERE region_id = $1 AND status = 'PENDING' ORDER BY last_seen_at DESC, id`,
    [regionId],
  );
}

/** A request of the region, locked until the commit. */
export async function lockedRequest(
  m: Runner,
  regionId: string,
  id: string,
): Promise<AccessRequestDto | undefined> {
  const [row] = await m.query<AccessRequestDto[]>(`${SELECT} WHERE region_id = $1 AND id = $2 FOR UPDATE`, [
    regionId,
    id,
  ]);
  return row;
}

export async function decide(
  m: EntityManager,
  id: string,
  status: Exclude<AccessRequestStatus, 'PENDING'>,
  decidedBy: string | null,
): Promise<void> {
  await execute(
    m,
    `UPDATE access_requests SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 RETURNING id`,
    [id, status, decidedBy],
  );
}
