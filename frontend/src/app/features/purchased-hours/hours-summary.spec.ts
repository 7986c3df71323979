import type { MetricGroupDto, MetricSeriesDto } from '@hyrkoll/contracts';

import { defaultPeriod, groupingOf, periodProblem, summaryRows, summaryTotal } from './hours-summary';

/** A group with the given months as [month, current, previous]. */
function group(key: string, label: string, months: [string, string, string][]): MetricGroupDto {
  const none = { current: '0', previous: '0', difference: '0', percent: null };
  return {
    key,
    label,
    months: months.map(([month, current, previous]) => ({
      month,
      current,
      previous,
      difference: '0',
      percent: null,
    })),
    totals: { month: none, ytd: none, r12: none },
  };
}

function series(measure: 'hours' | 'cost', groups: MetricGroupDto[], total: MetricGroupDto): MetricSeriesDto {
  return {
    measure,
    unit: measure === 'cost' ? 'SEK' : 'hours',
    from: '2024-01',
    to: '2024-02',
    groupBy: 'supplier',
    groups,
    total,
  };
}

describe('hours summary', () => {
  const hours = series(
    'hours',
    [
      group('s1', 'Norrlandsbemanning AB', [
        ['2024-01', '100.10', '80.00'],
        ['2024-02', '0.20', '20.00'],
      ]),
      group('unknown:okänd ab', 'okänd ab', [
        ['2024-01', '300.00', '0'],
        ['2024-02', '0', '0'],
      ]),
      group('s2', 'Vårdkraft Bemanning AB', [
        ['2024-01', '100.30', '100.30'],
        ['2024-02', '0', '0'],
      ]),
    ],
    group('all', 'all', [
      ['2024-01', '500.40', '180.30'],
      ['2024-02', '0.20', '20.00'],
    ]),
  );
  const costs = series(
    'cost',
    [
      group('s1', 'Norrlandsbemanning AB', [
        ['2024-01', '130130.10', '96000.00'],
        ['2024-02', '260.20', '24000.00'],
      ]),
      group('unknown:okänd ab', 'okänd ab', [
        ['2024-01', '450000.00', '0'],
        ['2024-02', '0', '0'],
      ]),
    ],
    group('all', 'all', [
      ['2024-01', '580130.10', '96000.00'],
      ['2024-02', '260.20', '24000.00'],
    ]),
  );

  it('sums each group over the period exactly, most hours first, with the change against last year', () => {
    expect(summaryRows('supplier', hours, costs)).toEqual([
      {
        key: 'unknown:okänd ab',
        label: 'okänd ab',
        hours: '300.00',
        hoursLastYear: '0.00',
        hoursChange: '300.00',
        hoursChangePercent: null,
        cost: '450000.00',
        costLastYear: '0.00',
        offAgreement: true,
      },
      {
        key: 's1',
        label: 'Norrlandsbemanning AB',
        hours: '100.30',
        hoursLastYear: '100.00',
        hoursChange: '0.30',
        hoursChangePercent: '0.3',
        cost: '130390.30',
        costLastYear: '120000.00',
        offAgreement: false,
      },
      {
        key: 's2',
        label: 'Vårdkraft Bemanning AB',
        hours: '100.30',
        hoursLastYear: '100.30',
        hoursChange: '0.00',
        hoursChangePercent: '0.0',
        cost: '0.00',
        costLastYear: '0.00',
        offAgreement: false,
      },
    ]);
  });

  it('keeps a group that has cost but no hours', () => {
    const onlyCost = series(
      'cost',
      [group('s9', 'Kreditnota AB', [['2024-01', '-500.00', '0']])],
      costs.total,
    );
    const rows = summaryRows('supplier', series('hours', [], hours.total), onlyCost);
    expect(rows.map((r) => [r.label, r.hours, r.cost])).toEqual([['Kreditnota AB', '0.00', '-500.00']]);
  });

  it('lists the months in order with their cost for the per-month view', () => {
    expect(
      summaryRows('month', hours, costs).map((r) => [r.label, r.hours, r.hoursChangePercent, r.cost]),
    ).toEqual([
      ['2024-01', '500.40', '177.5', '580130.10'],
      ['2024-02', '0.20', '-99.0', '260.20'],
    ]);
  });

  it('totals the whole period', () => {
    expect(summaryTotal(hours, costs)).toMatchObject({
      hours: '500.60',
      hoursLastYear: '200.30',
      hoursChange: '300.30',
      hoursChangePercent: '149.9',
      cost: '580390.30',
    });
  });

  it('asks the API for the region total when the view is per month', () => {
    expect(groupingOf('month')).toBe('none');
    expect(groupingOf('supplier')).toBe('supplier');
    expect(groupingOf('profession-group')).toBe('profession-group');
  });

  it('starts from January of the latest month with data', () => {
    expect(defaultPeriod('2024-10')).toEqual({ from: '2024-01', to: '2024-10' });
    expect(defaultPeriod('2025-01')).toEqual({ from: '2025-01', to: '2025-01' });
    expect(defaultPeriod(null)).toBeNull();
    expect(defaultPeriod('2024-13')).toBeNull();
  });

  it('names what is wrong with a period', () => {
    expect(periodProblem('2024-01', '2024-10')).toBeNull();
    expect(periodProblem('2024-1', '2024-10')).toBe('from');
    expect(periodProblem('2024-01', '')).toBe('to');
    expect(periodProblem('2024-05', '2024-04')).toBe('order');
    expect(periodProblem('2014-01', '2023-12')).toBeNull();
    expect(periodProblem('2014-01', '2024-01')).toBe('tooLong');
  });
});
