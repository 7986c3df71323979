import { Permission, Role, ROLE_PERMISSIONS, SCOPE_OF_ROLE } from '@hyrkoll/contracts';

/**
 * The part of the organisation the user's figures cover (what the API answers for them): the
 * region, their areas, or their units, with the names to say so.
 */
export type Scope =
  | { kind: 'region' }
  | { kind: 'areas'; areas: { id: string; code: string; name: string }[] }
  | { kind: 'units'; units: { id: string; name: string }[] };

/**
 * The scope the API answers a user with (docs/measures.md): the region when a role covers it; by
 * the roles that give `permission` (the figures by default, the dispensations for their list).
 */
export function scopeOf(
  roles: readonly {
    role: Role;
    unit?: { id: string; name: string };
    area?: { id: string; code: string; name: string };
  }[],
  permission: Permission = 'metrics:read',
): Scope {
  const reading = roles.filter((r) => ROLE_PERMISSIONS[r.role].includes(permission));
  if (reading.some((r) => SCOPE_OF_ROLE[r.role] === 'REGION')) return { kind: 'region' };
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'sv');
  const areas = reading.flatMap((r) => (r.area ? [r.area] : [])).sort(byName);
  if (areas.length > 0) return { kind: 'areas', areas };
  return {
    kind: 'units',
    units: reading.flatMap((r) => (r.unit ? [{ id: r.unit.id, name: r.unit.name }] : [])).sort(byName),
  };
}
