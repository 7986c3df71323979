import {
  AreaDto,
  Role,
  RoleAssignmentDto,
  RoleGrantInput,
  ROLES,
  SCOPE_OF_ROLE,
  ScopeKind,
  UnitDto,
} from '@hyrkoll/contracts';

/** Roles in the order the pages list them: from the unit up to the region. */
export const ROLE_ORDER: readonly Role[] = ROLES;

export function scopeOf(role: Role): ScopeKind {
  return SCOPE_OF_ROLE[role];
}

/** The grants of a user as the API returns them, as input for a change. */
export function grantsOf(roles: readonly RoleAssignmentDto[]): RoleGrantInput[] {
  return roles.map((r) => ({
    role: r.role,
    ...(r.unit && { unitId: r.unit.id }),
    ...(r.area && { areaId: r.area.id }),
  }));
}

export function grantKey(grant: RoleGrantInput): string {
  return `${grant.role}/${grant.unitId ?? ''}/${grant.areaId ?? ''}`;
}

/** A grant for a role and the chosen scope, keeping only the scope the role takes. */
export function makeGrant(role: Role, scopeId: string): RoleGrantInput {
  const scope = scopeOf(role);
  if (scope === 'UNIT') return { role, unitId: scopeId };
  if (scope === 'AREA') return { role, areaId: scopeId };
  return { role };
}

export type GrantProblem = 'scopeMissing' | 'duplicate';

/** Why a grant cannot be added to the others, or null when it can. */
export function grantProblem(grant: RoleGrantInput, others: readonly RoleGrantInput[]): GrantProblem | null {
  const scope = scopeOf(grant.role);
  if ((scope === 'UNIT' && !grant.unitId) || (scope === 'AREA' && !grant.areaId)) return 'scopeMissing';
  if (others.some((g) => grantKey(g) === grantKey(grant))) return 'duplicate';
  return null;
}

/** The grants with one added, in role order and then by scope. */
export function addGrant(grants: readonly RoleGrantInput[], grant: RoleGrantInput): RoleGrantInput[] {
  return [...grants, grant].sort(
    (a, b) =>
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || grantKey(a).localeCompare(grantKey(b)),
  );
}

export function removeGrant(grants: readonly RoleGrantInput[], grant: RoleGrantInput): RoleGrantInput[] {
  return grants.filter((g) => grantKey(g) !== grantKey(grant));
}

/** The same grants, in any order. */
export function sameGrants(a: readonly RoleGrantInput[], b: readonly RoleGrantInput[]): boolean {
  const keys = (list: readonly RoleGrantInput[]) => list.map(grantKey).sort().join('|');
  return keys(a) === keys(b);
}

/** The name of a grant's scope ("Hälsocentral Norrböle (120101)", "NSO Skellefteå"), or null for the region. */
export function scopeName(
  grant: RoleGrantInput,
  units: readonly UnitDto[],
  areas: readonly AreaDto[],
): string | null {
  if (grant.unitId) {
    const unit = units.find((u) => u.id === grant.unitId);
    return unit ? `${unit.name} (${unit.costCentre})` : grant.unitId;
  }
  if (grant.areaId) return areas.find((a) => a.id === grant.areaId)?.name ?? grant.areaId;
  return null;
}

/** The scope of an assignment as the API returns it, for lists and exports. */
export function assignmentScopeName(assignment: RoleAssignmentDto): string | null {
  if (assignment.unit) return `${assignment.unit.name} (${assignment.unit.costCentre})`;
  if (assignment.area) return assignment.area.name;
  return null;
}

/** True when the grants include the region's administrator role. */
export function isAdministrator(grants: readonly RoleGrantInput[]): boolean {
  return grants.some((g) => g.role === 'ADMINISTRATOR');
}

/** Units grouped by area, areas by name, for a select with option groups. */
export function unitsByArea(units: readonly UnitDto[]): { area: string; units: UnitDto[] }[] {
  const groups = new Map<string, UnitDto[]>();
  for (const unit of [...units].sort((a, b) => a.name.localeCompare(b.name, 'sv'))) {
    groups.set(unit.area.name, [...(groups.get(unit.area.name) ?? []), unit]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'sv'))
    .map(([area, list]) => ({ area, units: list }));
}
