import type { FormerEmployeeDto, PriceDto, UnitDto } from '@hyrkoll/contracts';

import {
  byValidFromDescending,
  closedByNewVersion,
  filterPrices,
  inKarensOn,
  isValidOn,
  sameKey,
  sortPrices,
  unitsPerMunicipality,
} from './agreement-data';

function price(overrides: Partial<PriceDto>): PriceDto {
  return {
    id: overrides.id ?? 'p',
    profession: 'LAKARE',
    competenceLevel: 'SPECIALIST',
    priceZone: 1,
    hourlyRate: '1125.00',
    validFrom: '2020-01-01',
    validTo: null,
    illustrative: true,
    ...overrides,
  };
}

describe('isValidOn', () => {
  it('includes the first and the last day, and runs on without an end', () => {
    const period = { validFrom: '2025-01-01', validTo: '2025-12-31' };
    expect(isValidOn(period, '2024-12-31')).toBe(false);
    expect(isValidOn(period, '2025-01-01')).toBe(true);
    expect(isValidOn(period, '2025-12-31')).toBe(true);
    expect(isValidOn(period, '2026-01-01')).toBe(false);
    expect(isValidOn({ validFrom: '2025-01-01', validTo: null }, '2099-01-01')).toBe(true);
  });
});

describe('sortPrices', () => {
  it('orders by profession and level as the agreement lists them, then zone and start', () => {
    const prices = [
      price({ id: 'midwife', profession: 'BARNMORSKA', competenceLevel: 'LEGITIMERAD' }),
      price({ id: 'consultant', competenceLevel: 'OVERLAKARE' }),
      price({ id: 'specialist-2025', validFrom: '2025-01-01' }),
      price({ id: 'specialist-zone-2', priceZone: 2 }),
      price({ id: 'specialist-2020' }),
      price({ id: 'licensed', competenceLevel: 'LEGITIMERAD' }),
      price({ id: 'nurse', profession: 'SJUKSKOTERSKA', competenceLevel: 'LEGITIMERAD' }),
    ];
    expect(sortPrices(prices).map((p) => p.id)).toEqual([
      'licensed',
      'specialist-2020',
      'specialist-2025',
      'specialist-zone-2',
      'consultant',
      'nurse',
      'midwife',
    ]);
  });
});

describe('filterPrices', () => {
  const prices = [
    price({ id: 'a', validTo: '2024-12-31' }),
    price({ id: 'b', validFrom: '2025-01-01' }),
    price({ id: 'c', priceZone: 3 }),
    price({ id: 'd', profession: 'BARNMORSKA', competenceLevel: 'LEGITIMERAD' }),
  ];

  it('filters by profession, zone and the day the price is valid on', () => {
    const all = { profession: '' as const, zone: null, validOn: null };
    expect(filterPrices(prices, all).map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(filterPrices(prices, { ...all, profession: 'BARNMORSKA' }).map((p) => p.id)).toEqual(['d']);
    expect(filterPrices(prices, { ...all, zone: 3 }).map((p) => p.id)).toEqual(['c']);
    expect(filterPrices(prices, { ...all, validOn: '2025-06-01' }).map((p) => p.id)).toEqual(['b', 'c', 'd']);
    expect(filterPrices(prices, { ...all, validOn: '2024-06-01', zone: 1 }).map((p) => p.id)).toEqual([
      'a',
      'd',
    ]);
  });
});

describe('closedByNewVersion', () => {
  it('closes the open-ended version that starts earlier the day before the new one', () => {
    const versions = [
      price({ id: 'old', validTo: '2019-12-31', validFrom: '2019-01-01' }),
      price({ id: 'open' }),
    ];
    expect(closedByNewVersion(versions, '2025-03-01')).toEqual({
      version: versions[1],
      closesOn: '2025-02-28',
    });
    expect(closedByNewVersion(versions, '2024-03-01')?.closesOn).toBe('2024-02-29');
  });

  it('closes nothing when the new version starts on or before the open one, or none is open', () => {
    expect(closedByNewVersion([price({ id: 'open' })], '2020-01-01')).toBeNull();
    expect(closedByNewVersion([price({ validTo: '2030-01-01' })], '2025-01-01')).toBeNull();
    expect(closedByNewVersion([], '2025-01-01')).toBeNull();
  });
});

describe('sameKey', () => {
  it('keeps the versions of one profession, level and zone', () => {
    const prices = [
      price({ id: 'a' }),
      price({ id: 'b', priceZone: 2 }),
      price({ id: 'c', competenceLevel: 'OVERLAKARE' }),
      price({ id: 'd', profession: 'SJUKSKOTERSKA', competenceLevel: 'LEGITIMERAD' }),
    ];
    expect(
      sameKey(prices, { profession: 'LAKARE', competenceLevel: 'SPECIALIST', priceZone: 1 }).map((p) => p.id),
    ).toEqual(['a']);
    expect(sameKey(prices, { profession: 'LAKARE', competenceLevel: 'SPECIALIST', priceZone: null })).toEqual(
      [],
    );
  });
});

describe('inKarensOn', () => {
  it('counts the last day of karens as within karens', () => {
    const person: FormerEmployeeDto = {
      id: '1',
      identityMasked: '********-**30',
      employmentEndedOn: '2024-08-31',
      karensUntil: '2025-08-31',
    };
    expect(inKarensOn(person, '2025-08-31')).toBe(true);
    expect(inKarensOn(person, '2025-09-01')).toBe(false);
  });
});

describe('unitsPerMunicipality', () => {
  it('counts the units of each municipality', () => {
    const unit = (code: string) =>
      ({ municipality: { code, name: code, priceZone: 1, priceZoneIllustrative: true } }) as UnitDto;
    const counts = unitsPerMunicipality([unit('2480'), unit('2482'), unit('2480')]);
    expect(counts.get('2480')).toBe(2);
    expect(counts.get('2482')).toBe(1);
    expect(counts.get('2418')).toBeUndefined();
  });
});

describe('byValidFromDescending', () => {
  it('puts the newest version first without changing the input', () => {
    const versions = [
      { validFrom: '2020-01-01', validTo: null },
      { validFrom: '2026-01-01', validTo: null },
      { validFrom: '2024-01-01', validTo: null },
    ];
    expect(byValidFromDescending(versions).map((v) => v.validFrom)).toEqual([
      '2026-01-01',
      '2024-01-01',
      '2020-01-01',
    ]);
    expect(versions[0]?.validFrom).toBe('2020-01-01');
  });
});
