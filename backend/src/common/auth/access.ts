import { ErrorCode, Permission } from '@hyrkoll/contracts';
import { canAccess, Placement, reachOf } from '@hyrkoll/domain';

import { DomainError } from '../errors/domain-error';
import type { AuthUser } from './auth-user';

/**
 * The record-level check every service makes. A record the user may not even read (other
 * region, other unit) is reported as not found, so that its existence does not leak; a
 * record they may read but not act on is a 403 naming the permission.
 */
export function requireAccess(
  user: AuthUser,
  placement: Placement,
  permission: Permission,
  read: { permission: Permission; what: string; key: string },
): void {
  if (placement.regionId !== user.regionId || !canAccess(user.grants, read.permission, placement)) {
    throw DomainError.notFound(read.what, read.key);
  }
  if (!canAccess(user.grants, permission, placement)) {
    throw new DomainError(
      ErrorCode.PERMISSION_MISSING,
      `You lack the permission ${permission} for this ${read.what.toLowerCase()}`,
      { params: { permission } },
    );
  }
}

/** The part of the organisation a permission reaches, when it reaches anything (`reachOf`). */
export type Reach = NonNullable<ReturnType<typeof reachOf>>;

/**
 * The list-scope rule, the SQL twin of `requireAccess`: the rows of a table aliased `alias` (with
 * `area_id` and `unit_id`) that a reach covers. A region-wide reach needs no condition (null; the
 * statement's own `region_id` condition keeps the region); any other covers the rows of the
 * user's areas or units. `param` adds a value to the statement and returns its placeholder.
 */
export function reachCondition(
  reach: Reach,
  alias: string,
  param: (value: unknown) => string,
): string | null {
  if (reach.region) return null;
  const areas = `${alias}.area_id = ANY(${param(reach.areaIds)})`;
  if (reach.unitIds.length === 0) return areas;
  return `(${areas} OR ${alias}.unit_id = ANY(${param(reach.unitIds)}))`;
}
