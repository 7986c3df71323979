import { MetricGroupDto } from '@hyrkoll/contracts';
import { monthRange } from '@hyrkoll/domain';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';

import { CHART_COLOURS } from './chart-options';
import { ratioFigure } from './dashboard-data';
import { NO_FILTERS } from './dashboard-query';
import {
  ChartView,
  DashboardData,
  dashboardViews,
  printPageStarts,
  selectionLabel,
  Translate,
} from './dashboard-views';
import { exportColumns } from './data-table.component';

/** Keys come back with their parameters, so that the tests see what was asked for. */
const t: Translate = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

const zero = { current: '0.00', previous: '0.00', difference: '0.00', percent: null };

function monthly(from: string, to: string, value: (month: string) => string): MetricGroupDto {
  return {
    key: 'all',
    label: 'all',
    months: monthRange(from, to).map((month) => ({
      month,
      current: value(month),
      previous: '1000.00',
      difference: '0.00',
      percent: null,
    })),
    totals: {
      month: zero,
      ytd: { current: '208630.78', previous: '216934.54', difference: '-8303.76', percent: '-3.8' },
      r12: zero,
    },
  };
}

const ratio = monthRange('2021-10', '2024-10').map((month, i) => ({
  month,
  hiredR12: String(250_000_000 + i * 1_000_000) + '.00',
  ownR12: '7310000000.00',
  ratioPercent: month === '2024-10' ? '4.01' : '4.20',
}));

const data: DashboardData = {
  query: { selection: NO_FILTERS, from: '2022-01', to: '2024-10' },
  scope: { kind: 'region' },
  selectionSlug: 'region',
  region: { code: '24', name: 'Region Västerbotten' },
  target: '2.00',
  ratio,
  r12: ratio,
  cost: monthly('2022-01', '2024-10', (m) => (m.startsWith('2024') ? '16650000.00' : '20000000.00')),
  hours: monthly('2022-01', '2024-10', () => '18434.46'),
  keyFigures: {
    month: '2024-10',
    ytdFrom: '2024-01',
    ratio: ratioFigure(ratio, '2024-10', '2.00'),
    costYtd: zero,
    costR12: zero,
    hoursYtd: { current: '208630.78', previous: '216934.54', difference: '-8303.76', percent: '-3.8' },
    cost: { month: zero, ytd: zero, r12: zero },
    hours: { month: zero, ytd: zero, r12: zero },
    regionRatio: null,
    ratioMissing: null,
    byProfession: [],
  },
  areas: [
    {
      id: 'a',
      name: 'NSO Skellefteå',
      r12: { current: '97419074.53', previous: '90000000.00', difference: '7419074.53', percent: '8.2' },
      ratioPercent: '8.33',
      selected: false,
    },
    {
      id: 'b',
      name: 'NSO Umeå',
      r12: { current: '13868750.00', previous: '15000000.00', difference: '-1131250.00', percent: '-7.5' },
      ratioPercent: '0.86',
      selected: false,
    },
  ],
  national: {
    month: '2024-10',
    rows: [
      { code: '25', name: 'Region Norrbotten', share: '12.4', shareYearAgo: '13.0', own: false },
      { code: '24', name: 'Region Västerbotten', share: '4.0', shareYearAgo: '4.3', own: true },
    ],
  },
  register: [
    {
      month: '2024-10',
      rule: 'HIRING_STOP',
      area: { id: 'a', name: 'NSO Skellefteå' },
      professionGroup: 'SSK_BM',
      granted: 2,
      hours: '150.00',
      costSek: '120000.00',
    },
  ],
  registerPeriod: null,
  inUse: null,
  regionRatio: '4.01',
  problems: {},
};

function chart(id: string): ChartView {
  const view = dashboardViews(data, t, 'sv-SE', 'Hela regionen').charts.find((c) => c.id === id);
  if (!view) throw new Error(`no chart ${id}`);
  return view;
}

describe('the dashboard’s charts and tables', () => {
  it('come in the order of the board’s slides', () => {
    expect(dashboardViews(data, t, 'sv-SE', 'Hela regionen').charts.map((c) => c.id)).toEqual([
      'ratio',
      'per-month',
      'r12',
      'areas',
      'hours',
      'national',
    ]);
  });

  it('draw the SKR ratio for the period with a constant 2 % target line', () => {
    const view = chart('ratio');
    const [line, target] = view.options.series as LineSeriesOption[];
    expect(line?.data).toHaveLength(34); // 2022-01 … 2024-10, not the year before
    expect(line?.data?.[33]).toBe(4.01);
    expect(target?.data).toEqual(Array(34).fill(2));
    expect(target?.lineStyle).toMatchObject({ type: 'dashed', color: CHART_COLOURS.target });
    expect(view.table.rows[33]?.cells).toEqual(['2024-10', '286000000.00', '7310000000.00', '4.01', '2.00']);
    expect(view.summary.replace(/\u00a0/g, ' ')).toContain('"last":"4,0 %"');
    expect(view.filename).toBe('dashboard.ratio.file_region_2022-01_2024-10');
  });

  it('draw one line per year of monthly cost in Mkr, the latest year first and thickest', () => {
    const view = chart('per-month');
    const lines = view.options.series as LineSeriesOption[];
    expect(lines.map((l) => l.name)).toEqual(['2024', '2023', '2022']);
    expect(lines[0]?.data).toEqual([...Array(10).fill(16.65), null, null]);
    expect(lines[0]?.lineStyle?.width).toBe(3);
    expect(lines[1]?.symbol).not.toBe(lines[0]?.symbol);
    expect(view.table.columns.map((c) => c.kind)).toEqual(['text', 'sek', 'sek', 'sek']);
    expect(view.table.rows[0]?.cells).toEqual(['januari', '20000000.00', '20000000.00', '16650000.00']);
    expect(view.table.footer).toEqual(['dashboard.col.sum', '240000000.00', '240000000.00', '166500000.00']);
  });

  it('draw the R12 cost per area against a year earlier, in Mkr, the first area at the top', () => {
    const bars = chart('areas').options.series as BarSeriesOption[];
    expect(bars).toHaveLength(2);
    expect((bars[1]?.data as { value: number }[]).map((d) => d.value)).toEqual([13.86875, 97.41907453]);
    expect(chart('areas').table.rows[0]?.cells).toEqual([
      'NSO Skellefteå',
      '97419074.53',
      '90000000.00',
      '7419074.53',
      '8.2',
      '8.33',
    ]);
  });

  it('mark the own region in the national comparison in colour, in bold and in words', () => {
    const view = chart('national');
    const [bars] = view.options.series as BarSeriesOption[];
    const items = bars?.data as { value: number; itemStyle?: { color: string } }[];
    // reversed for the category axis: the highest share is drawn at the top
    expect(items.map((d) => d.value)).toEqual([4, 12.4]);
    expect(items[0]?.itemStyle?.color).toBe(CHART_COLOURS.own);
    expect(items[1]?.itemStyle).toBeUndefined();
    expect(bars?.markLine?.data).toEqual([{ xAxis: 2 }]);
    expect(view.table.rows[1]).toEqual({
      cells: ['Region Västerbotten (dashboard.national.ownMark)', '4.0', '4.3'],
      highlight: true,
    });
  });

  it('show purchased hours as bars with the same month last year as a line', () => {
    const [bars, line] = chart('hours').options.series as [BarSeriesOption, LineSeriesOption];
    expect(bars.type).toBe('bar');
    expect(bars.data?.[0]).toBe(18434.46);
    expect(line.data?.[0]).toBe(1000);
  });

  it('list the dispensation register with a total row, and export exact values', () => {
    const { register } = dashboardViews(data, t, 'sv-SE', 'Hela regionen');
    expect(register.table.rows[0]?.cells).toEqual([
      '2024-10',
      'rule.HIRING_STOP',
      'NSO Skellefteå',
      'dashboard.professionGroup.SSK_BM',
      2,
      '150.00',
      '120000.00',
    ]);
    expect(register.table.footer).toEqual(['dashboard.col.sum', null, null, null, 2, '150.00', '120000.00']);
    const columns = exportColumns(register.table);
    expect(columns.map((c) => c.kind)).toEqual(['date', 'text', 'text', 'text', 'number', 'number', 'money']);
    const row = register.table.rows[0];
    expect(row && columns.map((c) => c.value(row))).toEqual(register.table.rows[0]?.cells);
  });

  it('draw a unit manager’s R12 cost from the costs, without the SKR measure or its message', () => {
    const units: DashboardData = {
      ...data,
      scope: { kind: 'units', units: [{ id: 'u', name: 'Hälsocentral Kåge' }] },
      ratio: [],
      r12: monthRange('2022-01', '2024-10').map((month) => ({ month, hiredR12: '40850000.00' })),
      problems: { ratio: 'unavailable' },
    };
    const charts = dashboardViews(units, t, 'sv-SE', 'Hälsocentral Kåge').charts;
    const r12 = charts.find((c) => c.id === 'r12');
    expect(r12?.problem ?? null).toBeNull();
    expect(r12?.table.rows.at(-1)?.cells).toEqual(['2024-10', '40850000.00']);
    expect(charts.find((c) => c.id === 'ratio')?.problem).toBe('dashboard.problem.ratioUnavailable');
  });

  it('give a unit manager no per-area chart, and name professions in dispensations in use', () => {
    const units: DashboardData = {
      ...data,
      scope: { kind: 'units', units: [{ id: 'u', name: 'Hälsocentral Kåge' }] },
      inUse: [
        {
          id: 'd',
          orderId: 'o',
          orderReference: 'B-1',
          unit: { id: 'u', name: 'Hälsocentral Kåge' },
          profession: 'SJUKSKOTERSKA',
          status: 'APPROVED',
          validFrom: '2024-10-01',
          validTo: '2024-12-31',
          hoursCap: null,
          costCap: null,
          hoursUsed: '10.00',
          costUsed: '9000.00',
        },
      ],
    };
    const views = dashboardViews(units, t, 'sv-SE', 'Hälsocentral Kåge');
    expect(views.charts.map((c) => c.id)).not.toContain('areas');
    expect(views.inUse?.table.rows[0]?.cells[2]).toBe('profession.SJUKSKOTERSKA');
    // the panel names the dashboard's period, and so does its file
    expect(views.inUse?.period).toBe('jan. 2022–okt. 2024');
    expect(views.inUse?.filename).toBe('dashboard.inUse.file_region_2022-01_2024-10');
  });

  it('start a printed page at every other chart after the ratio, whichever are left out', () => {
    const ids = (...names: string[]) => names.map((id) => ({ id }));
    // the region: the ratio with the key figures, then two charts a page
    expect(printPageStarts(ids('ratio', 'per-month', 'r12', 'areas', 'hours', 'national'))).toEqual([
      'per-month',
      'areas',
      'national',
    ]);
    // a unit manager: no ratio, no area chart; never three charts on one page
    expect(printPageStarts(ids('per-month', 'r12', 'hours', 'national'))).toEqual(['per-month', 'hours']);
  });

  it('name the register’s file after the period and the selection it shows', () => {
    const filtered: DashboardData = {
      ...data,
      query: { ...data.query, selection: { ...NO_FILTERS, careSetting: 'PRIMARVARD', unit: 'u' } },
      selectionSlug: 'primarvard_enhet',
    };
    const chosen = dashboardViews(filtered, t, 'sv-SE', 'Hälsocentral Kåge · Primärvård').register;
    expect(chosen.filename).toBe('dashboard.register.file_primarvard_enhet_2022-01_2024-10');
    // the register follows every filter: no note that some are left out
    expect(chosen.note).toBeNull();
    const later = dashboardViews(
      { ...filtered, registerPeriod: { from: '2025-12', to: '2026-11' } },
      t,
      'sv-SE',
      'Hälsocentral Kåge · Primärvård',
    ).register;
    expect(later.filename).toBe('dashboard.register.file_primarvard_enhet_2025-12_2026-11');
    expect(later.period).toBe('dec. 2025–nov. 2026');
    // a one-month period reads as that month alone
    const oneMonth = dashboardViews(
      { ...filtered, query: { ...filtered.query, from: '2021-01', to: '2021-01' } },
      t,
      'sv-SE',
      '',
    );
    expect(oneMonth.register.period).toBe('jan. 2021');
  });

  it('say in words what each chart shows', () => {
    for (const view of dashboardViews(data, t, 'sv-SE', 'Hela regionen').charts) {
      expect(view.summary).toMatch(/^dashboard\.[a-zA-Z0-9]+\.summary /);
      expect(view.table.caption).toMatch(/^dashboard\.[a-zA-Z0-9]+\.caption /);
    }
  });
});

describe('the selection in words', () => {
  const area = { id: 'x', code: 'NSO-SKE', name: 'NSO Skellefteå' };
  const names = {
    areas: [area],
    units: [{ id: 'u', name: 'Hälsocentral Norrböle', areaId: 'x' }],
    suppliers: [{ key: 's', label: 'Vårdkraft Bemanning AB' }],
  };

  it('names whose figures they are: the filtered area or unit, else the user’s scope', () => {
    const region = { ...names, scope: { kind: 'region' as const } };
    expect(selectionLabel(NO_FILTERS, region, t)).toBe('dashboard.filters.region');
    // inside a sentence ("the SKR measure R12 for the whole region is …") the lower-case form
    expect(selectionLabel(NO_FILTERS, region, t, true)).toBe('dashboard.filters.regionInSentence');
    expect(selectionLabel({ ...NO_FILTERS, area: 'NSO-SKE' }, region, t, true)).toBe('NSO Skellefteå');
    expect(selectionLabel({ ...NO_FILTERS, area: 'NSO-SKE' }, region, t)).toBe('NSO Skellefteå');
    // an area chief without filters sees the area's name, never "the whole region"
    expect(selectionLabel(NO_FILTERS, { ...names, scope: { kind: 'areas', areas: [area] } }, t)).toBe(
      'NSO Skellefteå',
    );
    const units = { kind: 'units' as const, units: [{ id: 'u', name: 'Hälsocentral Norrböle' }] };
    expect(selectionLabel(NO_FILTERS, { ...names, scope: units }, t)).toBe('Hälsocentral Norrböle');
  });

  it('adds every filter that applies', () => {
    expect(
      selectionLabel(
        { area: 'NSO-SKE', unit: 'u', careSetting: 'PSYKIATRI', professionGroup: 'SSK_BM', supplier: 's' },
        { ...names, scope: { kind: 'region' } },
        t,
      ),
    ).toBe(
      'Hälsocentral Norrböle · careSetting.PSYKIATRI · dashboard.professionGroup.SSK_BM · Vårdkraft Bemanning AB',
    );
  });
});
