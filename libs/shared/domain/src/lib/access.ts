import { Permission, Role, ROLE_PERMISSIONS } from '@hyrkoll/contracts';

/** One role held by a user, with what it covers. */
export interface Grant {
  role: Role;
  regionId: string;
  /** For unit-scoped roles: the unit covered. */
  unitId?: string | null;
  /** For area-scoped roles: the area covered. */
  areaId?: string | null;
}

/** Where a thing lives in the organisation; the more is known, the narrower the check. */
export interface Placement {
  regionId: string;
  areaId?: string;
  unitId?: string;
}

/** Whether a grant's scope (unit, area or region) covers a placement. */
export function grantCovers(grant: Grant, target: Placement): boolean {
  if (grant.regionId !== target.regionId) return false;
  if (grant.unitId) return grant.unitId === target.unitId;
  if (grant.areaId) return grant.areaId === target.areaId;
  return true;
}

/** True when some grant gives `permission` and its scope covers `target`. */
export function canAccess(grants: readonly Grant[], permission: Permission, target: Placement): boolean {
  return grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission) && grantCovers(g, target));
}

/** Every permission the grants give anywhere (for coarse route checks and the UI's menus). */
export function permissionsOf(grants: readonly Grant[]): Set<Permission> {
  return new Set(grants.flatMap((g) => ROLE_PERMISSIONS[g.role]));
}

/**
 * The part of the organisation a permission reaches: the whole region, some areas, some
 * units — for filtering lists in SQL. `null` means nothing.
 */
export function reachOf(
  grants: readonly Grant[],
  permission: Permission,
): { region: true } | { region: false; areaIds: string[]; unitIds: string[] } | null {
  const relevant = grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
  if (relevant.length === 0) return null;
  if (relevant.some((g) => !g.unitId && !g.areaId)) return { region: true };
  return {
    region: false,
    areaIds: relevant.flatMap((g) => (g.areaId ? [g.areaId] : [])),
    unitIds: relevant.flatMap((g) => (g.unitId ? [g.unitId] : [])),
  };
}
