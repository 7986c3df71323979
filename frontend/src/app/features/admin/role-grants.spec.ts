import type { AreaDto, RoleAssignmentDto, UnitDto } from '@hyrkoll/contracts';

import {
  addGrant,
  assignmentScopeName,
  grantProblem,
  grantsOf,
  isAdministrator,
  makeGrant,
  removeGrant,
  sameGrants,
  scopeName,
  unitsByArea,
} from './role-grants';

const unit = (id: string, name: string, area: string): UnitDto => ({
  id,
  costCentre: `cc-${id}`,
  name,
  careSetting: 'PRIMARVARD',
  area: { id: area, code: area, name: `Område ${area}` },
  municipality: { code: '2480', name: 'Umeå', priceZone: 1, priceZoneIllustrative: false },
});

describe('role grants', () => {
  it('keeps only the scope a role takes', () => {
    expect(makeGrant('UNIT_MANAGER', 'u1')).toEqual({ role: 'UNIT_MANAGER', unitId: 'u1' });
    expect(makeGrant('AREA_CHIEF', 'a1')).toEqual({ role: 'AREA_CHIEF', areaId: 'a1' });
    expect(makeGrant('PURCHASER', 'u1')).toEqual({ role: 'PURCHASER' });
  });

  it('needs a unit for a unit manager and an area for an area chief, and refuses a repeat', () => {
    expect(grantProblem(makeGrant('UNIT_MANAGER', ''), [])).toBe('scopeMissing');
    expect(grantProblem(makeGrant('AREA_CHIEF', ''), [])).toBe('scopeMissing');
    expect(grantProblem(makeGrant('STEERING_GROUP', ''), [])).toBeNull();
    const existing = [{ role: 'UNIT_MANAGER' as const, unitId: 'u1' }];
    expect(grantProblem(makeGrant('UNIT_MANAGER', 'u1'), existing)).toBe('duplicate');
    expect(grantProblem(makeGrant('UNIT_MANAGER', 'u2'), existing)).toBeNull();
    expect(grantProblem(makeGrant('ADMINISTRATOR', ''), [{ role: 'ADMINISTRATOR' }])).toBe('duplicate');
  });

  it('adds in role order, removes exactly one grant, and compares regardless of order', () => {
    let grants = addGrant([], { role: 'ADMINISTRATOR' });
    grants = addGrant(grants, { role: 'UNIT_MANAGER', unitId: 'u2' });
    grants = addGrant(grants, { role: 'UNIT_MANAGER', unitId: 'u1' });
    expect(grants.map((g) => g.unitId ?? g.role)).toEqual(['u1', 'u2', 'ADMINISTRATOR']);
    const fewer = removeGrant(grants, { role: 'UNIT_MANAGER', unitId: 'u2' });
    expect(fewer).toEqual([{ role: 'UNIT_MANAGER', unitId: 'u1' }, { role: 'ADMINISTRATOR' }]);
    expect(sameGrants(fewer, [...fewer].reverse())).toBe(true);
    expect(sameGrants(fewer, grants)).toBe(false);
    expect(isAdministrator(fewer)).toBe(true);
    expect(isAdministrator(removeGrant(fewer, { role: 'ADMINISTRATOR' }))).toBe(false);
  });

  it("reads a user's assignments as grants and names their scopes", () => {
    const roles: RoleAssignmentDto[] = [
      { role: 'UNIT_MANAGER', unit: { id: 'u1', name: 'HC Norrböle', costCentre: '120101' } },
      { role: 'AREA_CHIEF', area: { id: 'a1', code: 'NSO-SKE', name: 'NSO Skellefteå' } },
      { role: 'PURCHASER' },
    ];
    expect(grantsOf(roles)).toEqual([
      { role: 'UNIT_MANAGER', unitId: 'u1' },
      { role: 'AREA_CHIEF', areaId: 'a1' },
      { role: 'PURCHASER' },
    ]);
    expect(roles.map(assignmentScopeName)).toEqual(['HC Norrböle (120101)', 'NSO Skellefteå', null]);
    const units = [unit('u1', 'HC Norrböle', 'a1')];
    const areas: AreaDto[] = [{ id: 'a1', code: 'NSO-SKE', name: 'NSO Skellefteå', unitCount: 1 }];
    expect(grantsOf(roles).map((g) => scopeName(g, units, areas))).toEqual([
      'HC Norrböle (cc-u1)',
      'NSO Skellefteå',
      null,
    ]);
  });

  it('groups units by area for the unit picker, both sorted by name', () => {
    const groups = unitsByArea([unit('3', 'Öbacka', 'b'), unit('1', 'Ersboda', 'b'), unit('2', 'Kåge', 'a')]);
    expect(groups.map((g) => [g.area, g.units.map((u) => u.name)])).toEqual([
      ['Område a', ['Kåge']],
      ['Område b', ['Ersboda', 'Öbacka']],
    ]);
  });
});
