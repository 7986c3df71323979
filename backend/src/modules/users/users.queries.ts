import type { RoleGrantInput, UserDto } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { execute, SqlParams } from '../../database/sql';

/** The users' SQL (decision 018); UsersService keeps the rules and the transaction. */

type Runner = Pick<EntityManager, 'query'>;

interface UserRow {
  id: string;
  email: string;
  name: string;
  locale: 'sv' | 'en';
  active: boolean;
  passwordSet: boolean;
  externalId: string | null;
  version: number;
  roles: UserDto['roles'] | null;
  pendingRoles: UserDto['roles'] | null;
}

/** The grants of `table` of the user `u` as RoleAssignmentDto JSON, where `condition` holds. */
function grantsJson(table: 'role_assignments' | 'role_grant_requests', condition = 'true'): string {
  return `(SELECT json_agg(json_strip_nulls(json_build_object(
                   'role', a.role,
                   'unit', CASE WHEN un.id IS NULL THEN NULL ELSE json_build_object('id', un.id, 'name', un.name, 'costCentre', un.cost_centre) END,
                   'area', CASE WHEN ar.id IS NULL THEN NULL ELSE json_build_object('id', ar.id, 'code', ar.code, 'name', ar.name) END))
                 ORDER BY a.role, un.name, ar.name)
            FROM ${table} a
            LEFT JOIN units un ON un.id = a.unit_id
            LEFT JOIN areas ar ON ar.id = a.area_id
           WHERE a.user_id = u.id AND ${condition})`;
}

const USER_SELECT = `
  SELECT u.id, u.email, u.name, u.locale, u.active, u.password_hash IS NOT NULL AS "passwordSet",
         u.external_id AS "externalId", u.version,
         ${grantsJson('role_assignments')} AS roles,
         ${grantsJson('role_grant_requests', "a.status = 'PENDING' AND a.expires_at > now()")} AS "pendingRoles"
    FROM users u`;

function toDto(row: UserRow): UserDto {
  return { ...row, roles: row.roles ?? [], pendingRoles: row.pendingRoles ?? [] };
}

/** Namespace of the advisory locks that serialise changes to a region's administrators. */
const ADMINISTRATORS_LOCK_NAMESPACE = 4243;

export async function usersOfRegion(m: Runner, regionId: string): Promise<UserDto[]> {
  const rows = await m.query<UserRow[]>(`${USER_SELECT} WHERE u.region_id = $1 ORDER BY u.name`, [regionId]);
  return rows.map(toDto);
}

export async function userOfRegion(m: Runner, regionId: string, id: string): Promise<UserDto | undefined> {
  const [row] = await m.query<UserRow[]>(`${USER_SELECT} WHERE u.id = $1 AND u.region_id = $2`, [
    id,
    regionId,
  ]);
  return row && toDto(row);
}

export async function insertUser(
  m: Runner,
  user: { regionId: string; email: string; name: string; locale: 'sv' | 'en'; externalId: string | null },
): Promise<string> {
  const [{ id }] = await m.query<{ id: string }[]>(
    `INSERT INTO users (region_id, email, name, locale, external_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [user.regionId, user.email, user.name, user.locale, user.externalId],
  );
  return id;
}

/** Changes the given fields (null keeps one) if the user is still at `version`; 0 rows when not. */
export async function updateUser(
  m: EntityManager,
  key: { regionId: string; id: string; version: number },
  change: {
    name: string | null;
    locale: 'sv' | 'en' | null;
    active: boolean | null;
    /** True removes the link to the provider's identity. */
    unlink: boolean;
  },
): Promise<number> {
  const { affected } = await execute(
    m,
    `UPDATE users SET
       name = COALESCE($4, name), locale = COALESCE($5, locale), active = COALESCE($6, active),
       external_id = CASE WHEN $7 THEN NULL ELSE external_id END,
       version = version + 1, updated_at = now()
     WHERE id = $1 AND region_id = $2 AND version = $3 RETURNING id`,
    [key.id, key.regionId, key.version, change.name, change.locale, change.active, change.unlink],
  );
  return affected;
}

/** Serialises, until the commit, the changes that could leave a region without an administrator. */
export async function lockAdministrators(m: Runner, regionId: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADMINISTRATORS_LOCK_NAMESPACE, regionId]);
}

export async function hasActiveAdministrator(m: Runner, regionId: string): Promise<boolean> {
  const rows = await m.query<unknown[]>(
    `SELECT 1 FROM users u JOIN role_assignments a ON a.user_id = u.id
      WHERE u.region_id = $1 AND u.active AND a.role = 'ADMINISTRATOR' LIMIT 1`,
    [regionId],
  );
  return rows.length > 0;
}

/** Ends every session of a user, or those opened one way. */
export async function deleteSessionsOf(
  m: Runner,
  userId: string,
  method: 'password' | 'oidc' | null = null,
): Promise<void> {
  await m.query('DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR method = $2)', [
    userId,
    method,
  ]);
}

export async function existsInRegion(
  m: Runner,
  table: 'units' | 'areas',
  id: string,
  regionId: string,
): Promise<boolean> {
  const rows = await m.query<unknown[]>(`SELECT 1 FROM ${table} WHERE id = $1 AND region_id = $2`, [
    id,
    regionId,
  ]);
  return rows.length > 0;
}

/** Replaces a user's roles with `roles`. */
export async function replaceRoles(
  m: Runner,
  regionId: string,
  userId: string,
  roles: RoleGrantInput[],
): Promise<void> {
  await m.query('DELETE FROM role_assignments WHERE user_id = $1', [userId]);
  if (roles.length === 0) return;
  const params = new SqlParams();
  const [user, region] = [params.add(userId), params.add(regionId)];
  const values = roles
    .map(
      (g) =>
        `(${user}, ${region}, ${params.add(g.role)}, ${params.add(g.unitId ?? null)}, ${params.add(g.areaId ?? null)})`,
    )
    .join(', ');
  await m.query(
    `INSERT INTO role_assignments (user_id, region_id, role, unit_id, area_id) VALUES ${values}`,
    params.values,
  );
}
