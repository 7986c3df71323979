import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/**
 * ECharts options of the dashboard's charts, built from already shaped data. Calm and
 * accessible: no animation, colours with at least 3:1 contrast against white, and each line
 * series with its own marker and dash so that colour is never the only difference.
 */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkLineComponentOption
>;

export const CHART_COLOURS = {
  accent: '#1f4e5f',
  series: ['#1f4e5f', '#b35900', '#5b3b8c', '#2e7d32', '#0072b2', '#7a5c00'],
  previous: '#6b7780',
  target: '#a4161a',
  own: '#b35900',
  others: '#5f7f8c',
  text: '#1b1f23',
  muted: '#4a5560',
  grid: '#d5dade',
} as const;

const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin'] as const;
const DASHES = ['solid', 'dashed', 'dotted'] as const;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** A decimal string scaled for a chart ("292800000.00" / 1e6 → 292.8); null stays a gap. */
export function chartNumber(value: string | null | undefined, divisor = 1): number | null {
  if (value === null || value === undefined || value === '') return null;
  return Number(value) / divisor;
}

type Format = (value: number) => string;

/**
 * Where the axis labels must end, inside the chart's edge: ECharts measures a label without the
 * descenders of its glyphs, so that flush to the edge the tail of a comma ("20,0") and of a "j"
 * ("jan.") would be cut off. The grid shrinks until its labels fit within this rect.
 */
const LABEL_ROOM = { left: 8, right: 8, top: 0, bottom: 12 };

function tooltip(format: Format): TooltipComponentOption {
  return {
    trigger: 'axis',
    confine: true,
    valueFormatter: (value) => {
      const v = Array.isArray(value) ? value[0] : value;
      return v === null || v === undefined || v === '' ? '–' : format(Number(v));
    },
  };
}

function base(format: Format): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: CHART_COLOURS.text },
    grid: { left: 8, right: 24, top: 56, bottom: 8, outerBounds: LABEL_ROOM },
    legend: { top: 0, left: 0, textStyle: { color: CHART_COLOURS.text, fontSize: 13 }, itemGap: 16 },
    tooltip: tooltip(format),
  };
}

function valueAxis(name: string, format: Format) {
  return {
    type: 'value' as const,
    name,
    nameLocation: 'end' as const,
    nameTextStyle: { color: CHART_COLOURS.muted, align: 'left' as const },
    min: 0,
    axisLabel: { color: CHART_COLOURS.muted, formatter: (v: number) => format(v) },
    splitLine: { lineStyle: { color: CHART_COLOURS.grid } },
  };
}

function categoryAxis(categories: readonly string[]) {
  return {
    type: 'category' as const,
    data: [...categories],
    axisLabel: { color: CHART_COLOURS.muted },
    axisLine: { lineStyle: { color: CHART_COLOURS.muted } },
    axisTick: { alignWithLabel: true },
  };
}

export interface LineSpec {
  name: string;
  values: readonly (number | null)[];
  colour?: string;
  /** Drawn thicker: the series the chart is about (the latest year, the selection). */
  emphasis?: boolean;
}

function line(spec: LineSpec, index: number): LineSeriesOption {
  const colour = spec.colour ?? CHART_COLOURS.series[index % CHART_COLOURS.series.length];
  return {
    type: 'line',
    name: spec.name,
    data: [...spec.values],
    connectNulls: false,
    symbol: SYMBOLS[index % SYMBOLS.length],
    symbolSize: spec.emphasis ? 7 : 6,
    itemStyle: { color: colour },
    lineStyle: {
      color: colour,
      width: spec.emphasis ? 3 : 2,
      type: DASHES[index % DASHES.length],
    },
  };
}

/** A dashed red target line across the whole chart, named in the legend ("Mål 2 %"). */
function targetLine(name: string, value: number, count: number): LineSeriesOption {
  return {
    type: 'line',
    name,
    data: Array.from({ length: count }, () => value),
    symbol: 'none',
    itemStyle: { color: CHART_COLOURS.target },
    lineStyle: { color: CHART_COLOURS.target, width: 2, type: 'dashed' },
    tooltip: { show: true },
  };
}

/** Lines over shared categories (months), optionally with a target line. */
export function lineChart(input: {
  categories: readonly string[];
  lines: readonly LineSpec[];
  format: Format;
  axisName: string;
  target?: { name: string; value: number };
}): ChartOption {
  const series: LineSeriesOption[] = input.lines.map((l, i) => line(l, i));
  if (input.target) series.push(targetLine(input.target.name, input.target.value, input.categories.length));
  return {
    ...base(input.format),
    xAxis: categoryAxis(input.categories),
    yAxis: valueAxis(input.axisName, input.format),
    series,
  };
}

/** Monthly bars for the current values with a line for the same months a year earlier. */
export function barsWithLine(input: {
  categories: readonly string[];
  bars: { name: string; values: readonly (number | null)[] };
  line: { name: string; values: readonly (number | null)[] };
  format: Format;
  axisName: string;
}): ChartOption {
  return {
    ...base(input.format),
    xAxis: categoryAxis(input.categories),
    yAxis: valueAxis(input.axisName, input.format),
    series: [
      {
        type: 'bar',
        name: input.bars.name,
        data: [...input.bars.values],
        itemStyle: { color: CHART_COLOURS.accent },
        barMaxWidth: 18,
      },
      {
        type: 'line',
        name: input.line.name,
        data: [...input.line.values],
        symbol: 'diamond',
        symbolSize: 6,
        itemStyle: { color: CHART_COLOURS.previous },
        lineStyle: { color: CHART_COLOURS.previous, width: 2, type: 'dashed' },
      },
    ],
  };
}

export interface BarRow {
  label: string;
  values: readonly (number | null)[];
  /** Marked row: its bars in the highlight colour and its label in bold (the user's region). */
  highlight?: boolean;
}

/**
 * Horizontal bars, one category per row (first row at the top), one bar series per value
 * column; an optional target line across.
 */
export function horizontalBars(input: {
  rows: readonly BarRow[];
  seriesNames: readonly string[];
  format: Format;
  axisName: string;
  target?: { name: string; value: number };
  /** Colours of the bar series when no row is highlighted (e.g. last year grey, this year accent). */
  colours?: readonly string[];
}): ChartOption {
  const rows = [...input.rows].reverse(); // category axes grow upwards
  const highlighted = rows.some((r) => r.highlight);
  const series: BarSeriesOption[] = input.seriesNames.map((name, s) => {
    const colour = input.colours?.[s] ?? (highlighted ? CHART_COLOURS.others : CHART_COLOURS.series[s]);
    return {
      type: 'bar',
      name,
      barMaxWidth: 16,
      itemStyle: { color: colour },
      data: rows.map((r) => ({
        value: r.values[s] ?? null,
        itemStyle: r.highlight ? { color: CHART_COLOURS.own } : undefined,
      })),
    };
  });
  const first = series[0];
  if (input.target && first) {
    first.markLine = {
      symbol: 'none',
      silent: true,
      label: {
        formatter: input.target.name,
        color: CHART_COLOURS.target,
        position: 'end',
        fontWeight: 'bold',
      },
      lineStyle: { color: CHART_COLOURS.target, type: 'dashed', width: 2 },
      data: [{ xAxis: input.target.value }],
    };
  }
  return {
    ...base(input.format),
    legend: { ...(base(input.format).legend as LegendComponentOption), show: input.seriesNames.length > 1 },
    grid: {
      left: 8,
      right: 32,
      top: input.seriesNames.length > 1 || input.target ? 40 : 24,
      bottom: 8,
      outerBounds: LABEL_ROOM,
    },
    tooltip: { ...tooltip(input.format), axisPointer: { type: 'shadow' } },
    xAxis: valueAxis(input.axisName, input.format),
    yAxis: {
      ...categoryAxis(rows.map((r) => r.label)),
      axisLabel: {
        color: CHART_COLOURS.text,
        formatter: (label: string, index: number) => (rows[index]?.highlight ? `{own|${label}}` : label),
        rich: { own: { fontWeight: 'bold', color: CHART_COLOURS.text } },
      },
    },
    series,
  };
}
