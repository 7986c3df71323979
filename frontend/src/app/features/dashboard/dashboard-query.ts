import {
  CARE_SETTINGS,
  CareSetting,
  MetricGrouping,
  PROFESSION_GROUPS,
  ProfessionGroup,
  RatioLevel,
} from '@hyrkoll/contracts';
import { addMonths, isMonthKey, MonthKey, monthRange, monthsBetween } from '@hyrkoll/domain';

/**
 * What the dashboard shows: the whole region, or one area, care setting or profession group.
 * The metrics API splits a measure along one dimension at a time, so one selection is active.
 */
export type Selection =
  | { kind: 'region' }
  | { kind: 'area'; code: string }
  | { kind: 'care-setting'; code: CareSetting }
  | { kind: 'profession-group'; code: ProfessionGroup };

export interface DashboardQuery {
  selection: Selection;
  from: MonthKey;
  to: MonthKey;
}

/** The query parameters of `/dashboard` (all optional; missing ones take the defaults). */
export interface DashboardParams {
  area?: string | null;
  careSetting?: string | null;
  professionGroup?: string | null;
  from?: string | null;
  to?: string | null;
}

/** The first and the latest month with purchased hours or costs, and the current month. */
export interface DataBounds {
  first: MonthKey;
  latest: MonthKey;
  current: MonthKey;
}

/** The API answers at most 120 months at a time. */
export const MAX_SPAN_MONTHS = 120;

/** The area reference used in the URL (its code) and by the metrics (its id). */
export interface AreaRef {
  id: string;
  code: string;
  name: string;
}

/** The month of a moment in Swedish time, `YYYY-MM`. */
export function monthOf(moment: Date): MonthKey {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(moment);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

/**
 * The first and latest month that has a non-zero value in a monthly series (the probe over the
 * last 120 months); null when there is no data at all.
 */
export function dataBounds(
  months: readonly { month: string; current: string }[],
  current: MonthKey,
): DataBounds | null {
  const withData = months.filter((m) => Number(m.current) !== 0).map((m) => m.month);
  if (withData.length === 0) return null;
  return { first: withData[0] as MonthKey, latest: withData[withData.length - 1] as MonthKey, current };
}

/** By default the charts start in January two years before the latest month (three calendar years). */
export function defaultFrom(to: MonthKey): MonthKey {
  return `${Number(to.slice(0, 4)) - 2}-01`;
}

/** January of the month's year: the start of "year to date". */
export function januaryOf(month: MonthKey): MonthKey {
  return `${month.slice(0, 4)}-01`;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** Reads the URL's parameters; anything unknown or malformed falls back to the defaults. */
export function parseQuery(
  params: DashboardParams,
  bounds: DataBounds,
  areas: readonly AreaRef[],
): DashboardQuery {
  let selection: Selection = { kind: 'region' };
  if (params.area && areas.some((a) => a.code === params.area)) {
    selection = { kind: 'area', code: params.area };
  } else if (isOneOf(CARE_SETTINGS, params.careSetting)) {
    selection = { kind: 'care-setting', code: params.careSetting };
  } else if (isOneOf(PROFESSION_GROUPS, params.professionGroup)) {
    selection = { kind: 'profession-group', code: params.professionGroup };
  }
  const to =
    params.to && isMonthKey(params.to) && monthsBetween(params.to, bounds.current) >= 0
      ? params.to
      : bounds.latest;
  let from =
    params.from && isMonthKey(params.from) && monthsBetween(params.from, to) >= 0
      ? params.from
      : defaultFrom(to);
  if (monthsBetween(from, to) >= MAX_SPAN_MONTHS) from = addMonths(to, -(MAX_SPAN_MONTHS - 1));
  return { selection, from, to };
}

/** The URL parameters of a query; `null` removes a parameter. */
export function toParams(query: DashboardQuery): Required<DashboardParams> {
  const s = query.selection;
  return {
    area: s.kind === 'area' ? s.code : null,
    careSetting: s.kind === 'care-setting' ? s.code : null,
    professionGroup: s.kind === 'profession-group' ? s.code : null,
    from: query.from,
    to: query.to,
  };
}

/** The selection as one form value ("region", "area:NSO-SKE", "care-setting:PRIMARVARD", …) and back. */
export function selectionValue(selection: Selection): string {
  return selection.kind === 'region' ? 'region' : `${selection.kind}:${selection.code}`;
}

export function selectionFromValue(value: string, areas: readonly AreaRef[]): Selection {
  const [kind, code] = value.split(':', 2);
  if (kind === 'area' && areas.some((a) => a.code === code)) return { kind: 'area', code: code as string };
  if (kind === 'care-setting' && isOneOf(CARE_SETTINGS, code)) return { kind: 'care-setting', code };
  if (kind === 'profession-group' && isOneOf(PROFESSION_GROUPS, code))
    return { kind: 'profession-group', code };
  return { kind: 'region' };
}

/** How the metrics are asked for the selection: the grouping, the ratio level and the group's key. */
export interface SelectionRequest {
  /** Grouping of the costs and hours series the selection is read from. */
  groupBy: MetricGrouping;
  level: RatioLevel;
  /** The key of the selected group in the answers (`all` for the region). */
  key: string;
}

export function requestOf(selection: Selection, areas: readonly AreaRef[]): SelectionRequest {
  switch (selection.kind) {
    case 'region':
      return { groupBy: 'none', level: 'region', key: 'all' };
    case 'area':
      return {
        groupBy: 'area',
        level: 'area',
        key: areas.find((a) => a.code === selection.code)?.id ?? '',
      };
    case 'care-setting':
      return { groupBy: 'care-setting', level: 'care-setting', key: selection.code };
    case 'profession-group':
      return { groupBy: 'profession-group', level: 'profession-group', key: selection.code };
  }
}

/** A short ASCII tag of the selection for file names: "region", "nso-ske", "primarvard". */
export function selectionSlug(selection: Selection): string {
  return selection.kind === 'region' ? 'region' : selection.code.toLowerCase();
}

/** The months a user can choose for the period: from the first month with data to this month. */
export function periodChoices(bounds: DataBounds): MonthKey[] {
  const first =
    monthsBetween(bounds.first, bounds.current) >= MAX_SPAN_MONTHS
      ? addMonths(bounds.current, -(MAX_SPAN_MONTHS - 1))
      : bounds.first;
  return monthRange(first, bounds.current);
}
