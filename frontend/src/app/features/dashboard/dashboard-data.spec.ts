import {
  DispensationRegisterDto,
  MetricGroupDto,
  MetricSeriesDto,
  NationalComparisonDto,
} from '@hyrkoll/contracts';
import { monthRange } from '@hyrkoll/domain';

import {
  areaRows,
  byYear,
  decimalDifference,
  decimalSum,
  keyFigures,
  nationalRows,
  pickGroup,
  pickRatio,
  ratioFigure,
  registerRows,
  registerTotals,
  rollingR12,
  within,
} from './dashboard-data';

function comparison(current: string, previous: string, difference: string, percent: string | null) {
  return { current, previous, difference, percent };
}

function group(key: string, ytd = comparison('0.00', '0.00', '0.00', null)): MetricGroupDto {
  return {
    key,
    label: key,
    months: [{ month: '2024-10', ...comparison('1.00', '2.00', '-1.00', '-50.0') }],
    totals: { month: ytd, ytd, r12: ytd },
  };
}

function series(groups: MetricGroupDto[], total = group('all')): MetricSeriesDto {
  return {
    measure: 'cost',
    unit: 'SEK',
    from: '2024-01',
    to: '2024-10',
    groupBy: 'profession-group',
    groups,
    total,
  };
}

describe('exact decimals', () => {
  it('subtracts and adds decimal strings without floating point', () => {
    expect(decimalDifference('4.01', '4.11')).toBe('-0.10');
    expect(decimalDifference('4.01', '2.00')).toBe('2.01');
    expect(decimalDifference('0.1', '0.3')).toBe('-0.2');
    expect(decimalDifference('292800000.00', '-0.5')).toBe('292800000.50');
    expect(decimalSum(['0.10', '0.20', null, '-0.05'])).toBe('0.25');
    expect(decimalSum([])).toBe('0');
  });
});

describe('the R12 cost summed from the months', () => {
  it('adds each month’s twelve months exactly, and leaves a month without all twelve empty', () => {
    const months = monthRange('2023-01', '2024-02').map((month, i) => ({ month, current: `${i + 1}.10` }));
    expect(rollingR12(months, '2023-12', '2024-03')).toEqual([
      { month: '2023-12', hiredR12: '79.20' },
      { month: '2024-01', hiredR12: '91.20' },
      { month: '2024-02', hiredR12: '103.20' },
      { month: '2024-03', hiredR12: null },
    ]);
  });
});

describe('picking the selection out of an answer', () => {
  it('takes the total for the region and the group by key otherwise', () => {
    const s = series([group('LAKARE'), group('SSK_BM')], group('all'));
    expect(pickGroup(s, 'all').key).toBe('all');
    expect(pickGroup(s, 'SSK_BM').key).toBe('SSK_BM');
  });

  it('shows zeros for a group without any rows, month by month', () => {
    const empty = pickGroup(series([]), 'PSYKIATRI');
    expect(empty.months).toHaveLength(10);
    expect(empty.totals.ytd).toEqual({
      current: '0.00',
      previous: '0.00',
      difference: '0.00',
      percent: null,
    });
  });

  it('picks a ratio series and keeps only the period’s points', () => {
    const points = [
      { month: '2023-10', hiredR12: '1', ownR12: '10', ratioPercent: '10.00' },
      { month: '2024-10', hiredR12: '1', ownR12: '20', ratioPercent: '5.00' },
    ];
    const dto = {
      level: 'region' as const,
      targetPercent: '2.00',
      from: '2023-10',
      to: '2024-10',
      series: [{ key: 'all', label: 'all', points }],
    };
    expect(pickRatio(dto, 'all')).toBe(points);
    expect(pickRatio(dto, 'other')).toEqual([]);
    expect(within(points, '2024-01', '2024-10').map((p) => p.month)).toEqual(['2024-10']);
  });
});

describe('the key figures', () => {
  const points = [
    { month: '2023-10', hiredR12: '0', ownR12: '0', ratioPercent: '4.11' },
    { month: '2024-10', hiredR12: '0', ownR12: '0', ratioPercent: '4.01' },
  ];

  it('compares the R12 ratio with a year ago and with the target, in percentage points', () => {
    expect(ratioFigure(points, '2024-10', '2.00')).toEqual({
      month: '2024-10',
      current: '4.01',
      yearAgo: '4.11',
      changePoints: '-0.10',
      aboveTarget: '2.01',
      target: '2.00',
      incomplete: false,
    });
    const noOwnCost = ratioFigure([{ ...points[1], ratioPercent: null }], '2024-10', '2.00');
    expect(noOwnCost.changePoints).toBeNull();
    expect(noOwnCost.aboveTarget).toBeNull();
    expect(noOwnCost.incomplete).toBe(false);
  });

  it('says when the R12 ratio is not given because a month of the twelve has no data', () => {
    const missing = {
      month: '2024-11',
      hiredR12: null,
      ownR12: null,
      ratioPercent: null,
      incomplete: true as const,
    };
    const figure = ratioFigure([...points, missing], '2024-11', '2.00');
    expect(figure).toMatchObject({ current: null, aboveTarget: null, incomplete: true });
  });

  it('lists nurses and midwives, doctors, others — in the order of the board’s slides', () => {
    const nurses = comparison('48200000.00', '54100000.00', '-5900000.00', '-10.9');
    const doctors = comparison('184400000.00', '185700000.00', '-1300000.00', '-0.7');
    const figures = keyFigures({
      month: '2024-10',
      ratio: ratioFigure(points, '2024-10', '2.00'),
      cost: group('all'),
      hours: group('all'),
      costsByProfession: series([group('LAKARE', doctors), group('SSK_BM', nurses)]),
    });
    expect(figures.ytdFrom).toBe('2024-01');
    expect(figures.byProfession.map((g) => [g.group, g.ytd.difference, g.ytd.percent])).toEqual([
      ['SSK_BM', '-5900000.00', '-10.9'],
      ['LAKARE', '-1300000.00', '-0.7'],
      ['OVRIGA', '0.00', null],
    ]);
    expect(
      keyFigures({
        month: '2024-10',
        ratio: ratioFigure([], '2024-10', '2.00'),
        cost: group('x'),
        hours: group('x'),
        costsByProfession: null,
      }).byProfession,
    ).toEqual([]);
  });
});

describe('chart series', () => {
  it('lays monthly values out by calendar year, with gaps where a year has no month yet', () => {
    const table = byYear([
      { month: '2023-11', current: '5.00' },
      { month: '2023-12', current: '6.00' },
      { month: '2024-01', current: '7.00' },
    ]);
    expect(table.years).toEqual([2023, 2024]);
    expect(table.rows).toHaveLength(12);
    expect(table.rows[0]).toEqual({ month: 1, values: [null, '7.00'] });
    expect(table.rows[11]).toEqual({ month: 12, values: ['6.00', null] });
  });

  it('gives each area its R12 cost, the year before and its SKR ratio, the selected one marked', () => {
    const r12 = comparison('97419074.53', '99000000.00', '-1580925.47', '-1.6');
    const costs: MetricSeriesDto = {
      ...series([
        { ...group('id-ske', r12), label: 'NSO Skellefteå' },
        { ...group('id-ume'), label: 'NSO Umeå' },
      ]),
      groupBy: 'area',
    };
    const ratio = {
      level: 'area' as const,
      targetPercent: '2.00',
      from: '2024-10',
      to: '2024-10',
      series: [
        {
          key: 'id-ske',
          label: 'NSO Skellefteå',
          points: [{ month: '2024-10', hiredR12: '', ownR12: '', ratioPercent: '8.33' }],
        },
      ],
    };
    const rows = areaRows(costs, ratio, '2024-10', 'id-ske');
    expect(rows[0]).toEqual({
      id: 'id-ske',
      name: 'NSO Skellefteå',
      r12,
      ratioPercent: '8.33',
      selected: true,
    });
    expect(rows[1]?.ratioPercent).toBeNull();
    expect(rows[1]?.selected).toBe(false);
  });

  it('ranks the regions at the latest reported month and marks the own region', () => {
    const dto: NationalComparisonDto = {
      from: '2023-10',
      to: '2024-10',
      regions: [
        { code: '01', name: 'Region Stockholm', points: [{ month: '2024-10', hiredSharePercent: '1.7' }] },
        {
          code: '24',
          name: 'Region Västerbotten',
          points: [
            { month: '2023-10', hiredSharePercent: '4.3' },
            { month: '2024-10', hiredSharePercent: '4.0' },
          ],
        },
        { code: '25', name: 'Region Norrbotten', points: [{ month: '2024-09', hiredSharePercent: '12.0' }] },
        {
          code: '23',
          name: 'Region Jämtland Härjedalen',
          points: [{ month: '2024-10', hiredSharePercent: '11.2' }],
        },
      ],
    };
    const { month, rows } = nationalRows(dto, '24');
    expect(month).toBe('2024-10');
    expect(rows.map((r) => [r.code, r.share])).toEqual([
      ['23', '11.2'],
      ['24', '4.0'],
      ['01', '1.7'],
      ['25', null],
    ]);
    expect(rows[1]).toMatchObject({ own: true, shareYearAgo: '4.3' });
    expect(nationalRows({ from: '2024-10', to: '2024-10', regions: [] }, '24')).toEqual({
      month: null,
      rows: [],
    });
  });
});

describe('the dispensation register', () => {
  const row = (month: string, area: string, professionGroup: string, hours: string, costSek: string) => ({
    month,
    rule: 'HIRING_STOP',
    area: { id: area, name: area },
    professionGroup,
    granted: 1,
    hours,
    costSek,
  });
  const dto: DispensationRegisterDto = {
    from: '2024-01',
    to: '2024-10',
    rows: [
      row('2024-09', 'a1', 'LAKARE', '10.5', '14700.00'),
      row('2024-10', 'a2', 'SSK_BM', '20.25', '16200.50'),
    ],
  };

  it('lists the rows the API answered, latest month first', () => {
    expect(registerRows(dto).map((r) => r.month)).toEqual(['2024-10', '2024-09']);
  });

  it('adds up the register exactly', () => {
    expect(registerTotals(dto.rows)).toEqual({ granted: 2, hours: '30.75', costSek: '30900.50' });
  });
});
