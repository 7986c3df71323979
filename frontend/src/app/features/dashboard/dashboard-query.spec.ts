import {
  AreaRef,
  DataBounds,
  dataBounds,
  defaultFrom,
  FilterChoices,
  monthOf,
  NO_FILTERS,
  parseQuery,
  periodChoices,
  ratioSeriesOf,
  requestOf,
  selectionSlug,
  toParams,
} from './dashboard-query';

const AREA_REFS: AreaRef[] = [
  { id: 'id-ske', code: 'NSO-SKE', name: 'NSO Skellefteå' },
  { id: 'id-ume', code: 'NSO-UME', name: 'NSO Umeå' },
];
const AREAS: FilterChoices = {
  areas: AREA_REFS,
  units: [
    { id: 'u-norrbole', name: 'Hälsocentral Norrböle', areaId: 'id-ske' },
    { id: 'u-ume', name: 'Hälsocentral Ålidhem', areaId: 'id-ume' },
  ],
  suppliers: [{ key: 's-1', label: 'Vårdkraft Bemanning AB' }],
};
const NONE = NO_FILTERS;
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
      selection: NONE,
      from: '2022-01',
      to: '2024-10',
    });
    expect(defaultFrom('2024-02')).toBe('2022-01');
  });

  it('reads a shared URL with filters that combine, and drops anything unknown or malformed', () => {
    expect(
      parseQuery(
        {
          area: 'NSO-SKE',
          careSetting: 'PRIMARVARD',
          professionGroup: 'LAKARE',
          from: '2023-01',
          to: '2024-06',
        },
        BOUNDS,
        AREAS,
      ),
    ).toEqual({
      selection: { ...NONE, area: 'NSO-SKE', careSetting: 'PRIMARVARD', professionGroup: 'LAKARE' },
      from: '2023-01',
      to: '2024-06',
    });
    expect(parseQuery({ area: 'NOPE', careSetting: 'PRIMARVARD' }, BOUNDS, AREAS).selection).toEqual({
      ...NONE,
      careSetting: 'PRIMARVARD',
    });
    // a unit outside the chosen area, an unknown supplier and unknown codes are dropped
    expect(
      parseQuery(
        { area: 'NSO-SKE', unit: 'u-ume', supplier: 'gone', careSetting: 'x', professionGroup: 'y' },
        BOUNDS,
        AREAS,
      ).selection,
    ).toEqual({ ...NONE, area: 'NSO-SKE' });
    expect(parseQuery({ unit: 'u-ume', supplier: 's-1' }, BOUNDS, AREAS).selection).toEqual({
      ...NONE,
      unit: 'u-ume',
      supplier: 's-1',
    });
    // the future, a month 13 and a start after the end
    expect(parseQuery({ to: '2027-01' }, BOUNDS, AREAS).to).toBe('2024-10');
    expect(parseQuery({ to: '2024-13' }, BOUNDS, AREAS).to).toBe('2024-10');
    expect(parseQuery({ from: '2024-11', to: '2024-10' }, BOUNDS, AREAS).from).toBe('2022-01');
  });

  it('keeps the period within the 120 months the API answers', () => {
    expect(parseQuery({ from: '2010-01', to: '2024-10' }, BOUNDS, AREAS).from).toBe('2014-11');
  });

  it('writes the query back as URL parameters and reads them again', () => {
    const query = {
      selection: {
        ...NONE,
        area: 'NSO-SKE',
        professionGroup: 'LAKARE' as const,
        careSetting: 'PRIMARVARD' as const,
      },
      from: '2022-01' as const,
      to: '2024-10' as const,
    };
    const params = toParams(query);
    expect(params).toEqual({
      area: 'NSO-SKE',
      unit: null,
      careSetting: 'PRIMARVARD',
      professionGroup: 'LAKARE',
      supplier: null,
      from: '2022-01',
      to: '2024-10',
    });
    expect(parseQuery(params, BOUNDS, AREAS)).toEqual(query);
  });

  it('asks the API with every filter, and for the SKR measure only where it exists', () => {
    const region = { kind: 'region' as const };
    expect(requestOf({ ...NONE, area: 'NSO-SKE', professionGroup: 'LAKARE' }, AREAS, region)).toEqual({
      filters: { area: 'id-ske', professionGroup: 'LAKARE' },
      ratioFilters: { area: 'id-ske', professionGroup: 'LAKARE' },
    });
    expect(requestOf({ ...NONE, unit: 'u-norrbole' }, AREAS, region).ratioFilters).toBeNull();
    expect(requestOf({ ...NONE, supplier: 's-1' }, AREAS, region).ratioFilters).toBeNull();
    expect(requestOf(NONE, AREAS, { kind: 'units', units: [] }).ratioFilters).toBeNull();
    expect(selectionSlug({ ...NONE, area: 'NSO-SKE', professionGroup: 'LAKARE' }, region)).toBe(
      'nso-ske_lakare',
    );
    expect(selectionSlug(NONE, region)).toBe('region');
  });

  it('asks a narrower scope for its area’s SKR measure, never the region’s', () => {
    const [ske, ume] = AREA_REFS as [AreaRef, AreaRef];
    expect(ratioSeriesOf({ kind: 'region' }, {})).toEqual({ level: 'region', key: 'all' });
    expect(ratioSeriesOf({ kind: 'areas', areas: [ske] }, {})).toEqual({ level: 'area', key: 'id-ske' });
    expect(ratioSeriesOf({ kind: 'areas', areas: [ske, ume] }, { area: 'id-ume' })).toEqual({
      level: 'area',
      key: 'id-ume',
    });
    // two areas and no filter: no single figure
    expect(ratioSeriesOf({ kind: 'areas', areas: [ske, ume] }, {})).toBeNull();
  });

  it('offers the months from the first to the latest with data, none after it', () => {
    const months = periodChoices(BOUNDS);
    expect(months[0]).toBe('2021-01');
    expect(months[months.length - 1]).toBe('2024-10');
    expect(months).toHaveLength(46);
    const long = periodChoices({ first: '2000-01', latest: '2024-10', current: '2026-11' });
    expect(long).toHaveLength(120);
    expect(long[long.length - 1]).toBe('2024-10');
  });
});
