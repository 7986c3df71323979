import {
  CARE_SETTINGS,
  CareSetting,
  MetricFilters,
  PROFESSION_GROUPS,
  ProfessionGroup,
} from '@hyrkoll/contracts';
import { addMonths, isMonthKey, MonthKey, monthRange, monthsBetween } from '@hyrkoll/domain';

import type { Scope } from '../../shared/scope/scope';

/**
 * Whose figures the dashboard shows: the user's scope, narrowed by filters that all hold at once
 * (an area by its code, a unit by its id, a care setting, a profession group, a supplier by the
 * key the metrics give it). No filter is `null`.
 */
export interface Selection {
  area: string | null;
  unit: string | null;
  careSetting: CareSetting | null;
  professionGroup: ProfessionGroup | null;
  supplier: string | null;
}

export const NO_FILTERS: Selection = {
  area: null,
  unit: null,
  careSetting: null,
  professionGroup: null,
  supplier: null,
};

export interface DashboardQuery {
  selection: Selection;
  from: MonthKey;
  to: MonthKey;
}

/** The query parameters of `/dashboard` (all optional; missing ones take the defaults). */
export interface DashboardParams {
  area?: string | null;
  unit?: string | null;
  careSetting?: string | null;
  professionGroup?: string | null;
  supplier?: string | null;
  from?: string | null;
  to?: string | null;
}

/** A unit the user can filter on. */
export interface UnitRef {
  id: string;
  name: string;
  areaId: string;
}

/** A supplier the user can filter on (the key the metrics give it, and its name). */
export interface SupplierRef {
  key: string;
  label: string;
}

/** What the filters may name: the areas, units and suppliers of the user's scope. */
export interface FilterChoices {
  areas: readonly AreaRef[];
  units: readonly UnitRef[];
  suppliers: readonly SupplierRef[];
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
  months: readonly { month: string; current: string | null }[],
  current: MonthKey,
): DataBounds | null {
  // a month without data comes as null, and a month of zero has nothing to show either
  const withData = months.filter((m) => m.current !== null && Number(m.current) !== 0).map((m) => m.month);
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
  choices: FilterChoices,
): DashboardQuery {
  const area = choices.areas.find((a) => a.code === params.area);
  const unit = choices.units.find((u) => u.id === params.unit && (!area || u.areaId === area.id));
  const selection: Selection = {
    area: area?.code ?? null,
    unit: unit?.id ?? null,
    careSetting: isOneOf(CARE_SETTINGS, params.careSetting) ? params.careSetting : null,
    professionGroup: isOneOf(PROFESSION_GROUPS, params.professionGroup) ? params.professionGroup : null,
    supplier: choices.suppliers.some((s) => s.key === params.supplier) ? (params.supplier as string) : null,
  };
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
    area: s.area,
    unit: s.unit,
    careSetting: s.careSetting,
    professionGroup: s.professionGroup,
    supplier: s.supplier,
    from: query.from,
    to: query.to,
  };
}

/** Whether any filter narrows the user's scope. */
export function isFiltered(selection: Selection): boolean {
  return Object.values(selection).some((v) => v !== null);
}

/**
 * The metrics' filters of a selection (area and unit by id). The SKR measure takes only the
 * area, care setting and profession group: own-staff cost is kept per area, not per unit or
 * supplier, so with a unit or supplier filter, or for a user who sees only units, it is
 * `null` (not asked for).
 */
export function requestOf(
  selection: Selection,
  choices: FilterChoices,
  scope: Scope,
): { filters: MetricFilters; ratioFilters: MetricFilters | null } {
  const areaId = choices.areas.find((a) => a.code === selection.area)?.id;
  const filters: MetricFilters = {};
  if (areaId) filters.area = areaId;
  if (selection.unit) filters.unit = selection.unit;
  if (selection.careSetting) filters.careSetting = selection.careSetting;
  if (selection.professionGroup) filters.professionGroup = selection.professionGroup;
  if (selection.supplier) filters.supplier = selection.supplier;
  const ratioPossible = scope.kind !== 'units' && !selection.unit && !selection.supplier;
  const { unit: _unit, supplier: _supplier, ...ratioFilters } = filters;
  return { filters, ratioFilters: ratioPossible ? ratioFilters : null };
}

/**
 * How the SKR measure of the figures shown is asked for, and which series of the answer is theirs:
 * the region's as `level=region` (series `all`); a narrower scope's per area (`level=area`), then
 * the one area in view, since the API gives no region-level figure to a scope narrower than the
 * region. Several areas without an area filter have no single figure: null.
 */
export function ratioSeriesOf(
  scope: Scope,
  filters: MetricFilters,
): { level: 'region' | 'area'; key: string } | null {
  if (scope.kind === 'region') return { level: 'region', key: 'all' };
  const only = scope.kind === 'areas' && scope.areas.length === 1 ? scope.areas[0]?.id : undefined;
  const area = filters.area ?? only;
  return area ? { level: 'area', key: area } : null;
}

/**
 * A short ASCII tag of whose figures they are, for file names: "region", "nso-ske_lakare" (an
 * area chief's area even without an area filter), "enheter_primarvard".
 */
export function selectionSlug(selection: Selection, scope: Scope): string {
  const base =
    selection.area ??
    (scope.kind === 'areas'
      ? scope.areas.map((a) => a.code).join('-')
      : scope.kind === 'units'
        ? 'enheter'
        : null);
  const parts = [base, selection.careSetting, selection.professionGroup]
    .filter((p): p is string => p !== null)
    .map((p) => p.toLowerCase());
  if (selection.unit) parts.push('enhet');
  if (selection.supplier) parts.push('leverantor');
  return parts.length === 0 ? 'region' : parts.join('_');
}

/**
 * The months a user can choose for the period: from the first to the latest month with data
 * (a later month has nothing to show: its figures are not zero but not there yet).
 */
export function periodChoices(bounds: DataBounds): MonthKey[] {
  const first =
    monthsBetween(bounds.first, bounds.latest) >= MAX_SPAN_MONTHS
      ? addMonths(bounds.latest, -(MAX_SPAN_MONTHS - 1))
      : bounds.first;
  return monthRange(first, bounds.latest);
}
