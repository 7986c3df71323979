import Decimal from 'decimal.js';

import {
  compare,
  fixed,
  r12RatioSeries,
  ratio,
  rolling12,
  samePeriodLastYear,
  seriesOf,
  sumOver,
  yearToDate,
} from './measure';

const d = (v: string | number) => new Decimal(v);

describe('R12 and comparison maths (hand-computed cases)', () => {
  // 2023-03 … 2024-02, one value a month: 100, 110, … 210 (sum 1860); nothing before.
  const months = [
    '2023-03',
    '2023-04',
    '2023-05',
    '2023-06',
    '2023-07',
    '2023-08',
    '2023-09',
    '2023-10',
    '2023-11',
    '2023-12',
    '2024-01',
    '2024-02',
  ];
  const hired = seriesOf(months.map((m, i) => [m, String(100 + 10 * i)]));

  it('sums the twelve months ending with the month, across the year boundary', () => {
    expect(rolling12(hired, '2024-02').toString()).toBe('1860');
    expect(rolling12(hired, '2024-03').toString()).toBe('1760'); // 2023-03 drops out, 2024-03 has no data
  });

  it('counts months without data as zero', () => {
    expect(rolling12(hired, '2023-05').toString()).toBe('330'); // only 2023-03..05 exist
    expect(sumOver(hired, '2022-01', '2022-12').toString()).toBe('0');
  });

  it('sums the year to date from January', () => {
    expect(yearToDate(hired, '2024-02').toString()).toBe('410'); // 200 + 210
    expect(yearToDate(hired, '2023-12').toString()).toBe('1450'); // 2023-03..12
  });

  it('keeps 29 February of a leap year as an ordinary month', () => {
    const leap = seriesOf([
      ['2024-02', '29.29'],
      ['2023-02', '28.28'],
    ]);
    expect(samePeriodLastYear(leap, '2024-02', 'month')).toEqual({
      current: d('29.29'),
      previous: d('28.28'),
      difference: d('1.01'),
      percent: d('1.01').dividedBy('28.28').times(100),
    });
  });

  it('takes negative corrections (credit notes) into the sums', () => {
    const corrected = seriesOf([
      ['2024-01', '1000'],
      ['2024-01', '-250.50'],
      ['2024-02', '-100'],
    ]);
    expect(corrected.get('2024-01')?.toString()).toBe('749.5');
    expect(yearToDate(corrected, '2024-02').toString()).toBe('649.5');
  });

  it('compares the same period last year in SEK and percent; no percent from zero', () => {
    const series = seriesOf([
      ['2023-01', '50'],
      ['2023-02', '50'],
      ['2024-01', '60'],
      ['2024-02', '72'],
    ]);
    const ytd = samePeriodLastYear(series, '2024-02', 'ytd');
    expect([
      ytd.current.toString(),
      ytd.previous.toString(),
      ytd.difference.toString(),
      fixed(ytd.percent, 1),
    ]).toEqual(['132', '100', '32', '32.0']);
    expect(compare(d(5), d(0)).percent).toBeNull();
    expect(fixed(compare(d(-50), d(-100)).percent, 1)).toBe('50.0');
  });

  it('gives the R12 ratio series and no ratio without own-staff cost', () => {
    const own = seriesOf(months.map((m) => [m, '1000']));
    const [first, last] = [
      r12RatioSeries(hired, own, '2023-03', '2024-02')[0],
      r12RatioSeries(hired, own, '2023-03', '2024-02')[11],
    ];
    expect(fixed(first?.ratio ?? null, 4)).toBe('0.1000');
    expect(fixed(last?.ratio ?? null, 4)).toBe('0.1550'); // 1860 / 12000
    expect(r12RatioSeries(hired, seriesOf([]), '2024-02', '2024-02')[0]?.ratio).toBeNull();
  });

  it('gives no ratio when corrections leave the own-staff cost negative', () => {
    const negative = seriesOf([['2024-02', '-100']]);
    expect(r12RatioSeries(hired, negative, '2024-02', '2024-02')[0]?.ratio).toBeNull();
    expect(ratio(d(5), d(-1))).toBeNull();
    expect(fixed(ratio(d(5), d(100)), 2)).toBe('0.05');
  });

  it('rounds only at the edge, half up', () => {
    expect(fixed(d('0.04049999'), 4)).toBe('0.0405');
    expect(fixed(d('2.345'), 2)).toBe('2.35');
    expect(fixed(null, 2)).toBeNull();
  });
});
