import { SqlParams } from '../../database/sql';
import { reachCondition } from './access';

describe('reachCondition, the list-scope rule', () => {
  const numbered = () => {
    const params = new SqlParams(2);
    return { params, add: (value: unknown) => params.add(value) };
  };

  it('needs no condition for a region-wide reach, and adds no parameter', () => {
    const { params, add } = numbered();
    expect(reachCondition({ region: true }, 'o', add)).toBeNull();
    expect(params.values).toEqual([]);
  });

  it('covers the rows of the areas or the units', () => {
    const { params, add } = numbered();
    expect(reachCondition({ region: false, areaIds: ['a1'], unitIds: ['u1', 'u2'] }, 'd', add)).toBe(
      '(d.area_id = ANY($2) OR d.unit_id = ANY($3))',
    );
    expect(params.values).toEqual([['a1'], ['u1', 'u2']]);
  });

  it('covers the rows of the areas alone when no unit is granted', () => {
    const { params, add } = numbered();
    expect(reachCondition({ region: false, areaIds: ['a1'], unitIds: [] }, 'h', add)).toBe(
      'h.area_id = ANY($2)',
    );
    expect(params.values).toEqual([['a1']]);
  });

  it('covers nothing when neither an area nor a unit is granted', () => {
    const { add } = numbered();
    expect(reachCondition({ region: false, areaIds: [], unitIds: [] }, 'p', add)).toBe('p.area_id = ANY($2)');
  });
});

describe('SqlParams', () => {
  it('numbers each value as it is added, from the first number given', () => {
    const params = new SqlParams();
    expect([params.add('x'), params.add(3)]).toEqual(['$1', '$2']);
    expect(params.values).toEqual(['x', 3]);
    expect(new SqlParams(4).add(null)).toBe('$4');
  });
});
