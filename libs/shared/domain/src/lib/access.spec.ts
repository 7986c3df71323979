import { Permission } from '@hyrkoll/contracts';

import { canAccess, Grant, permissionsOf, reachOf } from './access';

const REGION = 'r-24';
const unitManager: Grant = { role: 'UNIT_MANAGER', regionId: REGION, unitId: 'u-norrbole' };
const areaChief: Grant = { role: 'AREA_CHIEF', regionId: REGION, areaId: 'a-ske' };
const purchaser: Grant = { role: 'PURCHASER', regionId: REGION };

const inNorrbole = { regionId: REGION, areaId: 'a-ske', unitId: 'u-norrbole' };
const inKage = { regionId: REGION, areaId: 'a-ske', unitId: 'u-kage' };
const inStoruman = { regionId: REGION, areaId: 'a-sla', unitId: 'u-storuman' };
const otherRegion = { regionId: 'r-25', areaId: 'a-ske', unitId: 'u-norrbole' };

describe('canAccess', () => {
  it('lets a unit manager order for their own unit only', () => {
    expect(canAccess([unitManager], Permission.ORDER_WRITE, inNorrbole)).toBe(true);
    expect(canAccess([unitManager], Permission.ORDER_WRITE, inKage)).toBe(false);
  });

  it('lets an area chief decide within the area, not outside it', () => {
    expect(canAccess([areaChief], Permission.DISPENSATION_DECIDE, inKage)).toBe(true);
    expect(canAccess([areaChief], Permission.DISPENSATION_DECIDE, inStoruman)).toBe(false);
  });

  it('never crosses regions, even for region-wide roles', () => {
    expect(canAccess([purchaser], Permission.ORDER_PROCURE, inStoruman)).toBe(true);
    expect(canAccess([purchaser], Permission.ORDER_PROCURE, otherRegion)).toBe(false);
  });

  it('does not give a permission the role lacks, whatever the scope', () => {
    expect(canAccess([purchaser], Permission.DISPENSATION_DECIDE, inNorrbole)).toBe(false);
    expect(canAccess([areaChief], Permission.ORDER_WRITE, inNorrbole)).toBe(false);
  });

  it('combines several roles', () => {
    const both = [unitManager, areaChief];
    expect(canAccess(both, Permission.ORDER_WRITE, inNorrbole)).toBe(true);
    expect(canAccess(both, Permission.DISPENSATION_DECIDE, inKage)).toBe(true);
    expect(permissionsOf(both).has(Permission.AGREEMENT_MANAGE)).toBe(false);
  });
});

describe('reachOf', () => {
  it('is the whole region for a region-wide role', () => {
    expect(reachOf([unitManager, purchaser], Permission.ORDER_READ)).toEqual({ region: true });
  });

  it('lists the units and areas otherwise', () => {
    expect(reachOf([unitManager, areaChief], Permission.ORDER_READ)).toEqual({
      region: false,
      areaIds: ['a-ske'],
      unitIds: ['u-norrbole'],
    });
  });

  it('is nothing without the permission', () => {
    expect(reachOf([unitManager], Permission.AUDIT_READ)).toBeNull();
  });
});
