import { DispensationInUseDto, DispensationRegisterRowDto, MetricGroupDto } from '@hyrkoll/contracts';
import { addMonths, MonthKey } from '@hyrkoll/domain';

import type { Scope } from '../../shared/scope/scope';
import {
  barsWithLine,
  CHART_COLOURS,
  chartNumber,
  ChartOption,
  horizontalBars,
  lineChart,
} from './chart-options';
import {
  AreaRow,
  byYear,
  decimalSum,
  ends,
  KeyFigures,
  NationalRow,
  R12Point,
  RatioPoint,
  registerTotals,
  within,
} from './dashboard-data';
import {
  formatMonth,
  formatMonthSpan,
  formatMsek,
  formatNumber,
  formatPercent,
  monthName,
} from './dashboard-format';
import { AreaRef, DashboardQuery, Selection, SupplierRef, UnitRef } from './dashboard-query';

/** The translate function of the `*transloco` template (keys of the `dashboard` scope and global ones). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * Whose figures are shown, in words: the filtered area or unit, else the user's scope (the
 * region, their areas or their units, by name), then the other filters: "NSO Skellefteå ·
 * Primärvård · Läkare", "Hela regionen", "Hälsocentral Norrböle, Hälsocentral Kåge". `inSentence`
 * gives the form used inside a sentence ("the whole region", "hela regionen").
 */
export function selectionLabel(
  selection: Selection,
  names: {
    areas: readonly AreaRef[];
    units: readonly UnitRef[];
    suppliers: readonly SupplierRef[];
    scope: Scope;
  },
  t: Translate,
  inSentence = false,
): string {
  const parts: string[] = [];
  const area = names.areas.find((a) => a.code === selection.area);
  const unit = names.units.find((u) => u.id === selection.unit);
  if (unit) parts.push(unit.name);
  else if (area) parts.push(area.name);
  else if (names.scope.kind === 'region')
    parts.push(t(inSentence ? 'dashboard.filters.regionInSentence' : 'dashboard.filters.region'));
  else if (names.scope.kind === 'areas') parts.push(names.scope.areas.map((a) => a.name).join(', '));
  else parts.push(names.scope.units.map((u) => u.name).join(', '));
  if (selection.careSetting) parts.push(t(`careSetting.${selection.careSetting}`));
  if (selection.professionGroup) parts.push(t(`dashboard.professionGroup.${selection.professionGroup}`));
  const supplier = names.suppliers.find((s) => s.key === selection.supplier);
  if (supplier) parts.push(supplier.label);
  return parts.join(' · ');
}

/** Why a panel has no figures: not asked for (the scope cannot answer it), refused, or failed. */
export type PanelProblem = 'unavailable' | 'forbidden' | 'failed';

/**
 * How a table cell is shown (and exported): text, a month, kronor, hours, a share in percent,
 * a change in percent (signed), the SKR ratio (two decimals), a count.
 */
export type CellKind = 'text' | 'month' | 'date' | 'sek' | 'hours' | 'percent' | 'change' | 'ratio' | 'count';
export type Cell = string | number | null;

export interface DataTable {
  caption: string;
  columns: { header: string; kind: CellKind }[];
  rows: { cells: Cell[]; highlight?: boolean }[];
  /** A closing "Summa" row, when the columns add up. */
  footer?: Cell[];
  empty: string;
}

export interface ChartView {
  id: string;
  heading: string;
  lead: string;
  /** The chart's text summary (the aria-label of the chart's image role). */
  summary: string;
  options: ChartOption;
  table: DataTable;
  /** Base name of the exported files. */
  filename: string;
  note?: string;
  /** Shown instead of the chart and its table when there are no figures to show, and why. */
  problem?: string;
}

/** Everything the dashboard and the board report show, as loaded for one query. */
export interface DashboardData {
  query: DashboardQuery;
  /** The part of the organisation the user's figures cover. */
  scope: Scope;
  /** The selection as an ASCII tag for file names ("region", "nso-ske"). */
  selectionSlug: string;
  region: { code: string; name: string };
  target: string;
  /** The selected ratio series, from a year before `from` to `to`. */
  ratio: RatioPoint[];
  /** The hired cost R12 at each month: the ratio's, or summed from the costs where there is no ratio. */
  r12: R12Point[];
  cost: MetricGroupDto;
  hours: MetricGroupDto;
  keyFigures: KeyFigures;
  areas: AreaRow[];
  national: { month: MonthKey | null; rows: NationalRow[] };
  register: DispensationRegisterRowDto[];
  /** The register's own period, when the query's period had no grants and a later one is shown. */
  registerPeriod: { from: MonthKey; to: MonthKey } | null;
  /** The granted dispensations in use in the user's units or areas (null for the whole region). */
  inUse: DispensationInUseDto[] | null;
  /** The region's own SKR measure at the period's end (the comparison figure). */
  regionRatio: string | null;
  /** The panels without figures, and why. */
  problems: Partial<
    Record<'ratio' | 'r12' | 'areas' | 'national' | 'register' | 'inUse', PanelProblem | null>
  >;
}

export interface DashboardViews {
  charts: ChartView[];
  register: {
    table: DataTable;
    filename: string;
    period: string;
    note: string | null;
    /** Shown instead of the register when there is none to show, and why. */
    problem: string | null;
  };
  inUse: { table: DataTable; filename: string; period: string; problem: string | null } | null;
}

/** The words of a panel's problem: never a retry for what can never succeed. */
function problemText(
  t: Translate,
  problem: PanelProblem | null | undefined,
  unavailable: string,
): string | undefined {
  if (!problem) return undefined;
  if (problem === 'unavailable') return unavailable;
  if (problem === 'forbidden') return t('dashboard.problem.forbidden');
  return t('dashboard.problem.failed');
}

const MILLION = 1_000_000;

/** What every view of one dashboard shares: its data, its words and its number formats. */
interface ViewContext {
  data: DashboardData;
  t: Translate;
  locale: string;
  /** Whose figures are shown, as the page says it. */
  selection: string;
  /** The months shown, as words (`jan.–okt. 2024`) and as part of a file name. */
  span: string;
  period: string;
  slug: string;
  msek: (v: number) => string;
  pct1: (v: number) => string;
  hoursFormat: (v: number) => string;
  monthLabel: (month: string) => string;
  /** The SKR measure's months within the period, shared by the ratio and the R12 charts. */
  ratioPoints: DashboardData['ratio'][number][];
  /** The hired cost R12 within the period (without the SKR measure too). */
  r12Points: R12Point[];
  targetNumber: number;
  targetText: string;
  /** The user's scope in words (their areas or units), for notes on what is left out. */
  scopeText: string;
}

/** The SKR measure R12 with the 2 % target. */
function ratioView(c: ViewContext): ChartView {
  const { data, t, locale, selection: selectionLabel, span, period, slug, pct1, monthLabel } = c;
  const { ratioPoints, targetNumber, targetText } = c;
  const ratioEnds = ends(ratioPoints);
  return {
    id: 'ratio',
    heading: t('dashboard.ratio.heading'),
    lead: t('dashboard.ratio.lead', { selection: selectionLabel, target: targetText }),
    summary: ratioEnds
      ? t('dashboard.ratio.summary', {
          selection: selectionLabel,
          from: formatMonth(ratioEnds.first.month, locale),
          to: formatMonth(ratioEnds.last.month, locale),
          first: formatPercent(ratioEnds.first.ratioPercent, locale, 1),
          last: formatPercent(ratioEnds.last.ratioPercent, locale, 1),
          target: targetText,
        })
      : t('dashboard.noValues'),
    options: lineChart({
      categories: ratioPoints.map((p) => monthLabel(p.month)),
      lines: [
        {
          name: t('dashboard.ratio.series'),
          values: ratioPoints.map((p) => chartNumber(p.ratioPercent)),
          emphasis: true,
        },
      ],
      format: pct1,
      axisName: '%',
      target: { name: t('dashboard.ratio.target', { target: targetText }), value: targetNumber },
    }),
    table: {
      caption: t('dashboard.ratio.caption', { selection: selectionLabel, period: span }),
      columns: [
        { header: t('dashboard.col.month'), kind: 'month' },
        { header: t('dashboard.col.hiredR12'), kind: 'sek' },
        { header: t('dashboard.col.ownR12'), kind: 'sek' },
        { header: t('dashboard.col.ratioR12'), kind: 'ratio' },
        { header: t('dashboard.col.target'), kind: 'ratio' },
      ],
      rows: ratioPoints.map((p) => ({ cells: [p.month, p.hiredR12, p.ownR12, p.ratioPercent, data.target] })),
      empty: t('dashboard.noValues'),
    },
    filename: `${t('dashboard.ratio.file')}_${slug}_${period}`,
    problem: problemText(t, data.problems.ratio, t('dashboard.problem.ratioUnavailable')),
  };
}

/** Hired cost per month, one line per year. */
function perMonthView(c: ViewContext): ChartView {
  const { data, t, locale, selection: selectionLabel, span, period, slug, msek } = c;
  const years = byYear(data.cost.months);
  const latestYear = years.years[years.years.length - 1];
  const monthShort = Array.from({ length: 12 }, (_, i) => monthName(i + 1, locale, 'short'));
  const yearTotals = years.years.map((year) =>
    decimalSum(data.cost.months.filter((m) => m.month.startsWith(`${year}-`)).map((m) => m.current)),
  );
  return {
    id: 'per-month',
    heading: t('dashboard.perMonth.heading'),
    lead: t('dashboard.perMonth.lead', { selection: selectionLabel, period: span }),
    summary: t('dashboard.perMonth.summary', {
      selection: selectionLabel,
      years: years.years.join(', '),
      totals: years.years
        .map((year, i) => `${year}: ${formatMsek(yearTotals[i] ?? 0, locale, 1)} ${t('dashboard.unit.msek')}`)
        .join('; '),
    }),
    options: lineChart({
      categories: monthShort,
      lines: [...years.years].reverse().map((year) => ({
        name: String(year),
        values: years.rows.map((r) => chartNumber(r.values[years.years.indexOf(year)], MILLION)),
        emphasis: year === latestYear,
      })),
      format: msek,
      axisName: t('dashboard.unit.msek'),
    }),
    table: {
      caption: t('dashboard.perMonth.caption', { selection: selectionLabel, period: span }),
      columns: [
        { header: t('dashboard.col.month'), kind: 'text' },
        ...years.years.map((year) => ({
          header: t('dashboard.col.costYear', { year }),
          kind: 'sek' as const,
        })),
      ],
      rows: years.rows.map((r) => ({ cells: [monthName(r.month, locale, 'long'), ...r.values] })),
      footer: [t('dashboard.col.sum'), ...yearTotals],
      empty: t('dashboard.noValues'),
    },
    filename: `${t('dashboard.perMonth.file')}_${slug}_${period}`,
  };
}

/** Hired cost R12 over time (the numerator of the ratio). */
function r12View(c: ViewContext): ChartView {
  const { data, t, locale, selection: selectionLabel, span, period, slug, msek, monthLabel } = c;
  const ratioPoints = c.r12Points;
  const ratioEnds = ends(ratioPoints);
  return {
    id: 'r12',
    heading: t('dashboard.r12.heading'),
    lead: t('dashboard.r12.lead', { selection: selectionLabel }),
    summary: ratioEnds
      ? t('dashboard.r12.summary', {
          selection: selectionLabel,
          from: formatMonth(ratioEnds.first.month, locale),
          to: formatMonth(ratioEnds.last.month, locale),
          first: formatMsek(ratioEnds.first.hiredR12, locale, 1),
          last: formatMsek(ratioEnds.last.hiredR12, locale, 1),
        })
      : t('dashboard.noValues'),
    options: lineChart({
      categories: ratioPoints.map((p) => monthLabel(p.month)),
      lines: [
        {
          name: t('dashboard.r12.series'),
          values: ratioPoints.map((p) => chartNumber(p.hiredR12, MILLION)),
          emphasis: true,
        },
      ],
      format: msek,
      axisName: t('dashboard.unit.msek'),
    }),
    table: {
      caption: t('dashboard.r12.caption', { selection: selectionLabel, period: span }),
      columns: [
        { header: t('dashboard.col.month'), kind: 'month' },
        { header: t('dashboard.col.hiredR12'), kind: 'sek' },
      ],
      rows: ratioPoints.map((p) => ({ cells: [p.month, p.hiredR12] })),
      empty: t('dashboard.noValues'),
    },
    filename: `${t('dashboard.r12.file')}_${slug}_${period}`,
    problem: problemText(t, data.problems.r12, t('dashboard.problem.ratioUnavailable')),
  };
}

/** Hired cost R12 per area, against a year earlier. */
function areasView(c: ViewContext): ChartView {
  const { data, t, locale, msek } = c;
  const { to } = data.query;
  const yearAgo = addMonths(to, -12);
  const nowLabel = t('dashboard.areas.r12At', { month: formatMonth(to, locale, 'short') });
  const thenLabel = t('dashboard.areas.r12At', { month: formatMonth(yearAgo, locale, 'short') });
  const top = data.areas[0];
  return {
    id: 'areas',
    heading: t('dashboard.areas.heading'),
    lead: t('dashboard.areas.lead', { month: formatMonth(to, locale) }),
    summary: top
      ? t('dashboard.areas.summary', {
          count: data.areas.length,
          month: formatMonth(to, locale),
          top: top.name,
          value: formatMsek(top.r12.current, locale, 1),
          list: data.areas.map((a) => `${a.name} ${formatMsek(a.r12.current, locale, 1)}`).join(', '),
        })
      : t('dashboard.noValues'),
    options: horizontalBars({
      rows: data.areas.map((a) => ({
        label: a.name,
        values: [chartNumber(a.r12.previous, MILLION), chartNumber(a.r12.current, MILLION)],
        highlight: a.selected,
      })),
      seriesNames: [thenLabel, nowLabel],
      colours: [CHART_COLOURS.previous, CHART_COLOURS.accent],
      format: msek,
      axisName: t('dashboard.unit.msek'),
    }),
    table: {
      caption: t('dashboard.areas.caption', { month: formatMonth(to, locale) }),
      columns: [
        { header: t('dashboard.col.area'), kind: 'text' },
        { header: nowLabel, kind: 'sek' },
        { header: thenLabel, kind: 'sek' },
        { header: t('dashboard.col.difference'), kind: 'sek' },
        { header: t('dashboard.col.change'), kind: 'change' },
        { header: t('dashboard.col.ratioR12'), kind: 'ratio' },
      ],
      rows: data.areas.map((a) => ({
        cells: [a.name, a.r12.current, a.r12.previous, a.r12.difference, a.r12.percent, a.ratioPercent],
        highlight: a.selected,
      })),
      empty: t('dashboard.noValues'),
    },
    filename: `${t('dashboard.areas.file')}_${to}`,
    note:
      data.scope.kind === 'region'
        ? t('dashboard.areas.note')
        : t('dashboard.areas.scopeNote', { selection: c.scopeText }),
    problem: problemText(t, data.problems.areas, ''),
  };
}

/** Purchased hours per month, against the same month a year earlier. */
function hoursView(c: ViewContext): ChartView {
  const { data, t, locale, selection: selectionLabel, span, period, slug, hoursFormat, monthLabel } = c;
  const { to } = data.query;
  const hourMonths = data.hours.months;
  return {
    id: 'hours',
    heading: t('dashboard.hours.heading'),
    lead: t('dashboard.hours.lead', { selection: selectionLabel, period: span }),
    summary: t('dashboard.hours.summary', {
      selection: selectionLabel,
      period: span,
      ytdSpan: formatMonthSpan(data.keyFigures.ytdFrom, to, locale),
      ytd: hoursFormat(Number(data.keyFigures.hoursYtd.current)),
      previous: hoursFormat(Number(data.keyFigures.hoursYtd.previous)),
      percent: formatPercent(data.keyFigures.hoursYtd.percent, locale, 1, true),
    }),
    options: barsWithLine({
      categories: hourMonths.map((m) => monthLabel(m.month)),
      bars: { name: t('dashboard.hours.series'), values: hourMonths.map((m) => chartNumber(m.current)) },
      line: {
        name: t('dashboard.hours.previousSeries'),
        values: hourMonths.map((m) => chartNumber(m.previous)),
      },
      format: hoursFormat,
      axisName: t('dashboard.unit.hours'),
    }),
    table: {
      caption: t('dashboard.hours.caption', { selection: selectionLabel, period: span }),
      columns: [
        { header: t('dashboard.col.month'), kind: 'month' },
        { header: t('dashboard.col.hours'), kind: 'hours' },
        { header: t('dashboard.col.hoursPrevious'), kind: 'hours' },
        { header: t('dashboard.col.hoursDifference'), kind: 'hours' },
        { header: t('dashboard.col.change'), kind: 'change' },
      ],
      rows: hourMonths.map((m) => ({ cells: [m.month, m.current, m.previous, m.difference, m.percent] })),
      empty: t('dashboard.noValues'),
    },
    filename: `${t('dashboard.hours.file')}_${slug}_${period}`,
  };
}

/** National comparison of the hired share per region. */
function nationalView(c: ViewContext): ChartView {
  const { data, t, locale, pct1, targetNumber, targetText } = c;
  const { to } = data.query;
  const national = data.national;
  const own = national.rows.find((r) => r.own);
  return {
    id: 'national',
    heading: t('dashboard.national.heading'),
    lead: national.month
      ? t('dashboard.national.lead', { month: formatMonth(national.month, locale) })
      : t('dashboard.national.none'),
    summary: national.month
      ? t('dashboard.national.summary', {
          month: formatMonth(national.month, locale),
          count: national.rows.length,
          highest: national.rows[0]?.name ?? '',
          highestShare: formatPercent(national.rows[0]?.share, locale, 1),
          own: own?.name ?? data.region.name,
          ownShare: formatPercent(own?.share, locale, 1),
          rank: own ? national.rows.indexOf(own) + 1 : '–',
          target: targetText,
        })
      : t('dashboard.national.none'),
    options: horizontalBars({
      rows: national.rows.map((r) => ({ label: r.name, values: [chartNumber(r.share)], highlight: r.own })),
      seriesNames: [t('dashboard.national.series')],
      format: pct1,
      axisName: '%',
      target: { name: t('dashboard.ratio.target', { target: targetText }), value: targetNumber },
    }),
    table: {
      caption: t('dashboard.national.caption', { month: formatMonth(national.month, locale) }),
      columns: [
        { header: t('dashboard.col.region'), kind: 'text' },
        {
          header: t('dashboard.col.share', { month: formatMonth(national.month, locale, 'short') }),
          kind: 'percent',
        },
        {
          header: t('dashboard.col.share', {
            month: formatMonth(national.month ? addMonths(national.month, -12) : null, locale, 'short'),
          }),
          kind: 'percent',
        },
      ],
      rows: national.rows.map((r) => ({
        cells: [r.own ? `${r.name} (${t('dashboard.national.ownMark')})` : r.name, r.share, r.shareYearAgo],
        highlight: r.own,
      })),
      empty: t('dashboard.national.none'),
    },
    filename: `${t('dashboard.national.file')}_${national.month ?? to}`,
    note:
      own && c.data.regionRatio !== null
        ? t('dashboard.national.differs', {
            region: own.name,
            share: formatPercent(own.share, locale, 1),
            ratio: formatPercent(c.data.regionRatio, locale, 1),
            month: formatMonth(national.month, locale),
            to: formatMonth(to, locale),
          })
        : undefined,
    problem: problemText(t, data.problems.national, ''),
  };
}

/** The dispensation register. */
function registerView(c: ViewContext): DashboardViews['register'] {
  const { data, t, locale, selection: selectionLabel, slug } = c;
  const totals = registerTotals(data.register);
  const own = data.registerPeriod;
  const span = own ? formatMonthSpan(own.from, own.to, locale) : c.span;
  const period = own ? `${own.from}_${own.to}` : c.period;
  const notes = [own ? t('dashboard.register.laterPeriod', { period: span, chosen: c.span }) : null].filter(
    (n): n is string => n !== null,
  );
  return {
    table: {
      caption: t('dashboard.register.caption', { selection: selectionLabel, period: span }),
      columns: [
        { header: t('dashboard.col.month'), kind: 'month' as const },
        { header: t('dashboard.col.rule'), kind: 'text' as const },
        { header: t('dashboard.col.area'), kind: 'text' as const },
        { header: t('dashboard.col.professionGroup'), kind: 'text' as const },
        { header: t('dashboard.col.granted'), kind: 'count' as const },
        { header: t('dashboard.col.hours'), kind: 'hours' as const },
        { header: t('dashboard.col.cost'), kind: 'sek' as const },
      ],
      rows: data.register.map((r) => ({
        cells: [
          r.month,
          t(`rule.${r.rule}`),
          r.area.name,
          t(`dashboard.professionGroup.${r.professionGroup}`),
          r.granted,
          r.hours,
          r.costSek,
        ],
      })),
      footer: data.register.length
        ? [t('dashboard.col.sum'), null, null, null, totals.granted, totals.hours, totals.costSek]
        : undefined,
      empty: t('dashboard.register.none'),
    },
    filename: `${t('dashboard.register.file')}_${slug}_${period}`,
    period: span,
    note: notes.length ? notes.join(' ') : null,
    problem: problemText(t, data.problems.register, t('dashboard.register.unitsUnavailable')) ?? null,
  };
}

/** The granted dispensations in use in the user's units or areas. */
function inUseView(c: ViewContext): DashboardViews['inUse'] {
  const { data, t, period, slug, selection } = c;
  if (data.inUse === null && !data.problems.inUse) return null;
  const rows = data.inUse ?? [];
  return {
    table: {
      caption: t('dashboard.inUse.caption', { selection, period: c.span }),
      columns: [
        { header: t('dashboard.inUse.order'), kind: 'text' },
        { header: t('dashboard.inUse.unit'), kind: 'text' },
        { header: t('dashboard.inUse.profession'), kind: 'text' },
        { header: t('dashboard.inUse.validFrom'), kind: 'date' },
        { header: t('dashboard.inUse.validTo'), kind: 'date' },
        { header: t('dashboard.inUse.hoursUsed'), kind: 'hours' },
        { header: t('dashboard.inUse.hoursCap'), kind: 'hours' },
        { header: t('dashboard.inUse.costUsed'), kind: 'sek' },
        { header: t('dashboard.inUse.costCap'), kind: 'sek' },
      ],
      rows: rows.map((d) => ({
        cells: [
          d.orderReference,
          d.unit.name,
          t(`profession.${d.profession}`),
          d.validFrom,
          d.validTo,
          d.hoursUsed,
          d.hoursCap,
          d.costUsed,
          d.costCap,
        ],
      })),
      empty: t('dashboard.inUse.none'),
    },
    filename: `${t('dashboard.inUse.file')}_${slug}_${period}`,
    period: c.span,
    problem: problemText(t, data.problems.inUse, '') ?? null,
  };
}

/**
 * Where the printed charts begin a page: the SKR ratio, when printed first, stays with the key
 * figures on page 1; the others follow two to a page, whichever are left out (a unit manager
 * has neither the ratio nor the area chart), so that no page holds three charts (the third cut
 * by the page's end) and none is left blank.
 */
export function printPageStarts(printed: readonly { id: string }[]): string[] {
  const rest = printed[0]?.id === 'ratio' ? printed.slice(1) : printed;
  return rest.filter((_, index) => index % 2 === 0).map((chart) => chart.id);
}

/** The charts and tables of the dashboard, in the order of the board's slides. */
export function dashboardViews(
  data: DashboardData,
  t: Translate,
  locale: string,
  selectionLabel: string,
  scopeText = selectionLabel,
): DashboardViews {
  const { from, to } = data.query;
  const c: ViewContext = {
    data,
    t,
    locale,
    selection: selectionLabel,
    span: formatMonthSpan(from, to, locale),
    period: `${from}_${to}`,
    slug: data.selectionSlug,
    msek: (v) => formatNumber(v, locale, 1),
    pct1: (v) => formatPercent(v, locale, 1),
    hoursFormat: (v) => formatNumber(v, locale, 0),
    monthLabel: (m) => formatMonth(m, locale, 'short'),
    ratioPoints: within(data.ratio, from, to),
    r12Points: within(data.r12, from, to),
    targetNumber: Number(data.target),
    targetText: formatPercent(data.target, locale, 0),
    scopeText,
  };
  return {
    // a user who sees only units has no area to compare: their units are not the area (docs/dashboard.md)
    charts: [
      ratioView(c),
      perMonthView(c),
      r12View(c),
      ...(data.scope.kind === 'units' ? [] : [areasView(c)]),
      hoursView(c),
      nationalView(c),
    ],
    register: registerView(c),
    inUse: inUseView(c),
  };
}
