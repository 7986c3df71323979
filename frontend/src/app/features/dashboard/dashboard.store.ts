import { HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { DispensationRegisterDto, MetricFilters } from '@hyrkoll/contracts';
import { addMonths, MonthKey, monthsBetween } from '@hyrkoll/domain';
import { firstValueFrom, Observable } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { Scope, scopeOf } from '../../shared/scope/scope';
import { OrgApi } from '../org/org.api';
import {
  areaRows,
  keyFigures,
  nationalRows,
  pickRatio,
  RatioFigure,
  ratioFigure,
  registerRows,
  rollingR12,
} from './dashboard-data';
import {
  AreaRef,
  DashboardQuery,
  DataBounds,
  dataBounds,
  FilterChoices,
  isFiltered,
  MAX_SPAN_MONTHS,
  monthOf,
  ratioSeriesOf,
  requestOf,
  selectionSlug,
  SupplierRef,
  UnitRef,
} from './dashboard-query';
import { DashboardData, PanelProblem } from './dashboard-views';
import { MetricsApi } from './metrics.api';

export interface DashboardContext extends FilterChoices {
  areas: AreaRef[];
  units: UnitRef[];
  suppliers: SupplierRef[];
  scope: Scope;
  /** Null when the region has no purchased hours or costs at all yet. */
  bounds: DataBounds | null;
  current: MonthKey;
}

/** One request's outcome: its answer, or why there is none (never asked, refused, failed). */
type Part<T> = { ok: true; value: T } | { ok: false; problem: PanelProblem };

async function settle<T>(request: Observable<T> | null): Promise<Part<T>> {
  if (request === null) return { ok: false, problem: 'unavailable' };
  try {
    return { ok: true, value: await firstValueFrom(request) };
  } catch (error) {
    const forbidden = error instanceof HttpErrorResponse && error.status === 403;
    return { ok: false, problem: forbidden ? 'forbidden' : 'failed' };
  }
}

const valueOf = <T>(part: Part<T>): T | null => (part.ok ? part.value : null);
const problemOf = <T>(part: Part<T>): PanelProblem | null => (part.ok ? null : part.problem);

const NO_RATIO = (month: MonthKey, target: string): RatioFigure => ({
  month,
  current: null,
  yearAgo: null,
  changePoints: null,
  aboveTarget: null,
  target,
  incomplete: false,
});

/**
 * Loads what the dashboard and the board report show. The context (the user's scope, the areas,
 * units and suppliers to filter on, the months that have data) is read once; each query then
 * fetches its measures in parallel. Only what the user's scope can answer is asked for (no SKR
 * measure for a user who sees only units); a refused or failed request leaves its own panel
 * with a plain explanation and the others shown. A newer query wins: the answer of an older
 * one that arrives late is dropped.
 */
@Injectable()
export class DashboardStore {
  private readonly metrics = inject(MetricsApi);
  private readonly org = inject(OrgApi);
  private readonly auth = inject(AuthStore);
  private generation = 0;

  readonly context = signal<DashboardContext | null>(null);
  readonly data = signal<DashboardData | null>(null);
  readonly state = signal<'loading' | 'ready' | 'error'>('loading');

  /** The scope, what the filters may name, and the months with data (the latest is the default end). */
  async loadContext(now = new Date()): Promise<DashboardContext> {
    const known = this.context();
    if (known) return known;
    const current = monthOf(now);
    const scope = scopeOf(this.auth.me()?.roles ?? []);
    const [areas, units, probe] = await Promise.all([
      firstValueFrom(this.org.areas()),
      firstValueFrom(this.org.units()),
      // by supplier: the total gives the months with data, the groups the suppliers to filter on
      firstValueFrom(this.metrics.costs(addMonths(current, -(MAX_SPAN_MONTHS - 1)), current, 'supplier')),
    ]);
    const inScope = (areaId: string, unitId: string) =>
      scope.kind === 'region' ||
      (scope.kind === 'areas' && scope.areas.some((a) => a.id === areaId)) ||
      (scope.kind === 'units' && scope.units.some((u) => u.id === unitId));
    const context: DashboardContext = {
      scope,
      areas: areas
        .filter((a) => scope.kind !== 'areas' || scope.areas.some((s) => s.id === a.id))
        .filter((a) => scope.kind !== 'units' || units.some((u) => u.area.id === a.id && inScope(a.id, u.id)))
        .map((a) => ({ id: a.id, code: a.code, name: a.name })),
      units: units
        .filter((u) => inScope(u.area.id, u.id))
        .map((u) => ({ id: u.id, name: u.name, areaId: u.area.id }))
        .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
      suppliers: probe.groups
        .map((g) => ({ key: g.key, label: g.label }))
        .sort((a, b) => a.label.localeCompare(b.label, 'sv')),
      bounds: dataBounds(probe.total.months, current),
      current,
    };
    this.context.set(context);
    return context;
  }

  async load(query: DashboardQuery): Promise<void> {
    const generation = ++this.generation;
    this.state.set('loading');
    try {
      const data = await this.fetch(query);
      if (generation !== this.generation) return;
      this.data.set(data);
      this.state.set('ready');
    } catch {
      if (generation === this.generation) this.state.set('error');
    }
  }

  private async fetch(query: DashboardQuery): Promise<DashboardData> {
    const context = await this.loadContext();
    const { from, to, selection } = query;
    const { scope } = context;
    const { filters, ratioFilters } = requestOf(selection, context, scope);
    const ratioFrom = monthsBetween(from, addMonths(to, -12)) < 0 ? addMonths(to, -12) : from;
    // the profession split of the key figures comes from the same answer when no group is chosen
    const costGrouping = selection.professionGroup ? 'none' : 'profession-group';
    const { area: _area, ...beyondArea } = filters;
    const areaRatioFilters = ratioFilters ? { ...ratioFilters, area: undefined } : null;
    const narrower = scope.kind !== 'region' || isFiltered(selection);
    const registerPossible = scope.kind !== 'units';
    const ratioSeries = ratioFilters ? ratioSeriesOf(scope, filters) : null;
    // without an SKR measure (a unit manager's units, several areas), the R12 cost is summed from the costs
    const r12From = addMonths(from, -11);
    const [costs, hours, ratio, costsByArea, ratioByArea, national, register, regionRatio, inUse, r12Costs] =
      await Promise.all([
        firstValueFrom(this.metrics.costs(from, to, costGrouping, filters)),
        firstValueFrom(this.metrics.hours(from, to, 'none', filters)),
        settle(
          ratioSeries ? this.metrics.skrRatio(ratioFrom, to, ratioSeries.level, ratioFilters ?? {}) : null,
        ),
        settle(scope.kind === 'units' ? null : this.metrics.costs(to, to, 'area', beyondArea)),
        settle(areaRatioFilters ? this.metrics.skrRatio(to, to, 'area', areaRatioFilters) : null),
        settle(this.metrics.nationalComparison(addMonths(to, -12), to)),
        settle(registerPossible ? this.metrics.dispensationRegister(from, to, filters) : null),
        settle(narrower ? this.metrics.regionRatio(to) : null),
        settle(scope.kind === 'region' ? null : this.metrics.dispensationsInUse(from, to, filters)),
        settle(ratioSeries ? null : this.metrics.costs(r12From, to, 'none', filters)),
      ]);
    const registerAnswer = valueOf(register);
    const registerShown =
      registerAnswer && registerAnswer.rows.length === 0
        ? await this.latestRegister(context.current, filters)
        : null;
    const cost = costs.total;
    const hoursGroup = hours.total;
    const ratioAnswer = valueOf(ratio);
    const ratioPoints = ratioAnswer && ratioSeries ? pickRatio(ratioAnswer, ratioSeries.key) : null;
    const target = ratioAnswer?.targetPercent ?? valueOf(regionRatio)?.targetPercent ?? '2.00';
    const me = this.auth.me();
    const areaId = filters.area ?? null;
    const byArea = valueOf(costsByArea);
    const areaRatios = valueOf(ratioByArea);
    const regionFigure = narrower
      ? (valueOf(regionRatio)?.ratioPercent ?? null)
      : ratioPoints
        ? ratioFigure(ratioPoints, to, target).current
        : null;
    return {
      query,
      scope,
      selectionSlug: selectionSlug(selection, scope),
      region: me ? me.region : { code: '', name: '' },
      target,
      ratio: ratioPoints ?? [],
      r12: ratioPoints ?? rollingR12(valueOf(r12Costs)?.total.months ?? [], from, to),
      cost,
      hours: hoursGroup,
      keyFigures: keyFigures({
        month: to,
        ratio: ratioPoints ? ratioFigure(ratioPoints, to, target) : NO_RATIO(to, target),
        cost,
        hours: hoursGroup,
        costsByProfession: selection.professionGroup ? null : costs,
        regionRatio: narrower ? regionFigure : null,
        ratioMissing: problemOf(ratio),
      }),
      areas: byArea
        ? areaRows(
            byArea,
            areaRatios ?? { level: 'area', targetPercent: target, from: to, to, series: [] },
            to,
            areaId,
          )
        : [],
      national: national.ok
        ? nationalRows(national.value, me?.region.code ?? null)
        : { month: null, rows: [] },
      register: registerAnswer ? registerRows(registerShown?.dto ?? registerAnswer) : [],
      registerPeriod: registerShown ? { from: registerShown.from, to: registerShown.to } : null,
      inUse: valueOf(inUse),
      regionRatio: regionFigure,
      problems: {
        ratio: problemOf(ratio),
        r12: ratioFilters ? problemOf(ratio) : problemOf(r12Costs),
        areas: problemOf(costsByArea),
        national: problemOf(national),
        register: problemOf(register),
        inUse: scope.kind === 'region' ? null : problemOf(inUse),
      },
    };
  }

  /**
   * When the period has no granted dispensations: the twelve months up to the latest month
   * that has any (in the last 120 months), so that the register never opens empty when there
   * are grants to show. Null when there are none at all.
   */
  private async latestRegister(
    current: MonthKey,
    filters: MetricFilters,
  ): Promise<{ dto: DispensationRegisterDto; from: MonthKey; to: MonthKey } | null> {
    const probe = await settle(
      this.metrics.dispensationRegister(addMonths(current, -(MAX_SPAN_MONTHS - 1)), current, filters),
    );
    if (!probe.ok || probe.value.rows.length === 0) return null;
    const latest = probe.value.rows.map((r) => r.month).sort()[probe.value.rows.length - 1] as MonthKey;
    const from = addMonths(latest, -11);
    return {
      dto: { ...probe.value, rows: probe.value.rows.filter((r) => r.month >= from && r.month <= latest) },
      from,
      to: latest,
    };
  }
}
