import { likeLiteral, purchasedHoursWhere } from './purchased-hours.queries';

const REGION = '11111111-1111-4111-8111-111111111111';

describe('purchasedHoursWhere', () => {
  it('always limits to the region, and adds nothing else without filters', () => {
    expect(purchasedHoursWhere(REGION, { region: true }, {})).toEqual({
      sql: 'p.region_id = $1',
      params: [REGION],
    });
  });

  it('limits a user without the whole region to their areas and units', () => {
    const where = purchasedHoursWhere(REGION, { region: false, areaIds: ['a1'], unitIds: ['u1'] }, {});
    expect(where.sql).toBe('p.region_id = $1 AND (p.area_id = ANY($2) OR p.unit_id = ANY($3))');
    expect(where.params).toEqual([REGION, ['a1'], ['u1']]);
  });

  it('turns months into first days and numbers every parameter in order', () => {
    const where = purchasedHoursWhere(
      REGION,
      { region: true },
      { from: '2024-01', to: '2024-10', areaId: 'a', unitId: 'u', professionGroup: 'SSK_BM' },
    );
    expect(where.sql).toBe(
      'p.region_id = $1 AND p.month >= $2::date AND p.month <= $3::date AND p.area_id = $4 AND p.unit_id = $5 AND p.profession_group = $6',
    );
    expect(where.params).toEqual([REGION, '2024-01-01', '2024-10-01', 'a', 'u', 'SSK_BM']);
  });

  it('tells unmatched rows (no order) from matched ones, and leaves both when not asked', () => {
    expect(purchasedHoursWhere(REGION, { region: true }, { unmatched: true }).sql).toBe(
      'p.region_id = $1 AND p.order_id IS NULL',
    );
    expect(purchasedHoursWhere(REGION, { region: true }, { unmatched: false }).sql).toBe(
      'p.region_id = $1 AND p.order_id IS NOT NULL',
    );
    expect(purchasedHoursWhere(REGION, { region: true }, { unmatched: undefined }).sql).toBe(
      'p.region_id = $1',
    );
  });

  it('searches the supplier by name as imported or registered, with LIKE wildcards taken literally', () => {
    const where = purchasedHoursWhere(REGION, { region: true }, { supplier: ' 100%_Bemanning ' });
    expect(where.sql).toBe('p.region_id = $1 AND (p.supplier_text ILIKE $2 OR s.name ILIKE $2)');
    expect(where.params).toEqual([REGION, '%100\\%\\_Bemanning%']);
  });

  it('also matches a supplier by organisation number, in either spelling', () => {
    const where = purchasedHoursWhere(REGION, { region: true }, { supplier: '5560360793' });
    expect(where.sql).toBe(
      'p.region_id = $1 AND (p.supplier_text ILIKE $2 OR s.name ILIKE $2 OR s.organisation_number = $3)',
    );
    expect(where.params).toEqual([REGION, '%5560360793%', '556036-0793']);
  });

  it('ignores a supplier filter of only spaces', () => {
    expect(purchasedHoursWhere(REGION, { region: true }, { supplier: '   ' }).sql).toBe('p.region_id = $1');
  });
});

describe('likeLiteral', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(likeLiteral('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
    expect(likeLiteral('Vårdkraft')).toBe('Vårdkraft');
  });
});
