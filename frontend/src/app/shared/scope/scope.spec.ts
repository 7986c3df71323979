import { scopeOf } from './scope';

describe('the scope of a user', () => {
  it('knows whose figures the API answers: the region, the areas or the units', () => {
    const area = { id: 'id-ske', code: 'NSO-SKE', name: 'NSO Skellefteå' };
    const unit = { id: 'u-1', name: 'Hälsocentral Norrböle', costCentre: '120101' };
    expect(scopeOf([{ role: 'AREA_CHIEF', area }, { role: 'STEERING_GROUP' }])).toEqual({ kind: 'region' });
    expect(scopeOf([{ role: 'AREA_CHIEF', area }])).toEqual({ kind: 'areas', areas: [area] });
    expect(scopeOf([{ role: 'UNIT_MANAGER', unit }])).toEqual({
      kind: 'units',
      units: [{ id: 'u-1', name: 'Hälsocentral Norrböle' }],
    });
    // the administrator reads no metrics: no scope beyond nothing
    expect(scopeOf([{ role: 'ADMINISTRATOR' }])).toEqual({ kind: 'units', units: [] });
  });
});
