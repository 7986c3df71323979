import { ErrorCode, Permission } from '@hyrkoll/contracts';
import { canAccess, Placement } from '@hyrkoll/domain';

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
      ErrorCode.FORBIDDEN,
      `You lack the permission ${permission} for this ${read.what.toLowerCase()}`,
    );
  }
}
