import {
  AreaRef,
  DataBounds,
  dataBounds,
  defaultFrom,
  monthOf,
  parseQuery,
  periodChoices,
  requestOf,
  selectionFromValue,
  selectionSlug,
  selectionValue,
  toParams,
} from './dashboard-query';

const AREAS: AreaRef[] = [
  { id: 'id-ske', code: 'NSO-SKE', name: 'NSO Skellefteå' },
  { id: 'id-ume', code: 'NSO-UME', name: 'NSO Umeå' },
];
const BOUNDS: DataBounds = { first: '2021-01', latest: '2024-10', current: '2026-11' };

describe('the dashboard query', () => {
  it('takes the month in Swedish time, also on New Year’s Eve in UTC', () => {
    expect(monthOf(new Date('2026-11-23T10:00:00Z'))).toBe('2026-11');
    expect(monthOf(new Date('2024-12-31T23:30:00Z'))).toBe('2025-01');
  });

  it('finds the first and the latest month with data, not today', () => {
    const months = [
      { month: '2020-12', current: '0.00' },
      { month: '2021-01', current: '100.00' },
      { month: '2024-10', current: '16650000.00' },
      { month: '2024-11', current: '0.00' },
    ];
    expect(dataBounds(months, '2026-11')).toEqual({
      first: '2021-01',
      latest: '2024-10',
      current: '2026-11',
    });
    expect(dataBounds([{ month: '2026-11', current: '0' }], '2026-11')).toBeNull();
  });

  it('defaults to the latest month with data and January two years before', () => {
    expect(parseQuery({}, BOUNDS, AREAS)).toEqual({
      selection: { kind: 'region' },
      from: '2022-01',
      to: '2024-10',
    });
    expect(defaultFrom('2024-02')).toBe('2022-01');
  });

  it('reads a shared URL and falls back on anything malformed or out of range', () => {
    expect(parseQuery({ area: 'NSO-SKE', from: '2023-01', to: '2024-06' }, BOUNDS, AREAS)).toEqual({
      selection: { kind: 'area', code: 'NSO-SKE' },
      from: '2023-01',
      to: '2024-06',
    });
    expect(parseQuery({ area: 'NOPE', careSetting: 'PRIMARVARD' }, BOUNDS, AREAS).selection).toEqual({
      kind: 'care-setting',
      code: 'PRIMARVARD',
    });
    expect(parseQuery({ professionGroup: 'SSK_BM' }, BOUNDS, AREAS).selection).toEqual({
      kind: 'profession-group',
      code: 'SSK_BM',
    });
    expect(parseQuery({ careSetting: 'x', professionGroup: 'y' }, BOUNDS, AREAS).selection).toEqual({
      kind: 'region',
    });
    // the future, a month 13 and a start after the end
    expect(parseQuery({ to: '2027-01' }, BOUNDS, AREAS).to).toBe('2024-10');
    expect(parseQuery({ to: '2024-13' }, BOUNDS, AREAS).to).toBe('2024-10');
    expect(parseQuery({ from: '2024-11', to: '2024-10' }, BOUNDS, AREAS).from).toBe('2022-01');
  });

  it('keeps the period within the 120 months the API answers', () => {
    expect(parseQuery({ from: '2010-01', to: '2024-10' }, BOUNDS, AREAS).from).toBe('2014-11');
  });

  it('writes the query back as URL parameters, one selection at a time', () => {
    const params = toParams({
      selection: { kind: 'care-setting', code: 'PSYKIATRI' },
      from: '2022-01',
      to: '2024-10',
    });
    expect(params).toEqual({
      area: null,
      careSetting: 'PSYKIATRI',
      professionGroup: null,
      from: '2022-01',
      to: '2024-10',
    });
    expect(parseQuery(params, BOUNDS, AREAS).selection).toEqual({ kind: 'care-setting', code: 'PSYKIATRI' });
  });

  it('turns the selection into a form value and back', () => {
    for (const s of [
      { kind: 'region' as const },
      { kind: 'area' as const, code: 'NSO-UME' },
      { kind: 'care-setting' as const, code: 'SJUKHUSVARD' as const },
      { kind: 'profession-group' as const, code: 'LAKARE' as const },
    ]) {
      expect(selectionFromValue(selectionValue(s), AREAS)).toEqual(s);
    }
    expect(selectionFromValue('area:GONE', AREAS)).toEqual({ kind: 'region' });
  });

  it('asks the API for the grouping of the selection and picks its key', () => {
    expect(requestOf({ kind: 'region' }, AREAS)).toEqual({ groupBy: 'none', level: 'region', key: 'all' });
    expect(requestOf({ kind: 'area', code: 'NSO-SKE' }, AREAS)).toEqual({
      groupBy: 'area',
      level: 'area',
      key: 'id-ske',
    });
    expect(requestOf({ kind: 'profession-group', code: 'OVRIGA' }, AREAS).key).toBe('OVRIGA');
    expect(selectionSlug({ kind: 'area', code: 'NSO-SKE' })).toBe('nso-ske');
  });

  it('offers the months from the first with data to this month', () => {
    const months = periodChoices(BOUNDS);
    expect(months[0]).toBe('2021-01');
    expect(months[months.length - 1]).toBe('2026-11');
    expect(months).toHaveLength(71);
    expect(periodChoices({ first: '2000-01', latest: '2024-10', current: '2026-11' })).toHaveLength(120);
  });
});
