import { inject, Injectable, signal } from '@angular/core';
import { MetricSeriesDto } from '@hyrkoll/contracts';
import { addMonths, monthsBetween } from '@hyrkoll/domain';
import { firstValueFrom, Observable } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { OrgApi } from '../org/org.api';
import {
  areaRows,
  keyFigures,
  nationalRows,
  pickGroup,
  pickRatio,
  ratioFigure,
  registerRows,
} from './dashboard-data';
import {
  AreaRef,
  DashboardQuery,
  DataBounds,
  dataBounds,
  MAX_SPAN_MONTHS,
  monthOf,
  requestOf,
  selectionSlug,
} from './dashboard-query';
import { DashboardData } from './dashboard-views';
import { MetricsApi } from './metrics.api';

export interface DashboardContext {
  areas: AreaRef[];
  /** Null when the region has no purchased hours or costs at all yet. */
  bounds: DataBounds | null;
  current: string;
}

/**
 * Loads what the dashboard and the board report show. The context (areas, the months that have
 * data) is read once; each query then fetches its measures in parallel. A newer query wins: the
 * answer of an older one that arrives late is dropped.
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

  /** Areas and the months with data: the latest one is the default period's end. */
  async loadContext(now = new Date()): Promise<DashboardContext> {
    const known = this.context();
    if (known) return known;
    const current = monthOf(now);
    const [areas, probe] = await Promise.all([
      firstValueFrom(this.org.areas()),
      firstValueFrom(this.metrics.costs(addMonths(current, -(MAX_SPAN_MONTHS - 1)), current, 'none')),
    ]);
    const context: DashboardContext = {
      areas: areas.map((a) => ({ id: a.id, code: a.code, name: a.name })),
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
    const request = requestOf(selection, context.areas);
    const ratioFrom = monthsBetween(from, addMonths(to, -12)) < 0 ? addMonths(to, -12) : from;
    // the profession split of the key figures comes from the same answer when it applies
    const costGrouping = selection.kind === 'region' ? 'profession-group' : request.groupBy;
    const get = <T>(o: Observable<T>) => firstValueFrom(o);
    const [ratio, costs, hours, costsByArea, ratioByArea, national, register] = await Promise.all([
      get(this.metrics.skrRatio(ratioFrom, to, request.level)),
      get(this.metrics.costs(from, to, costGrouping)),
      get(this.metrics.hours(from, to, request.groupBy)),
      selection.kind === 'area'
        ? Promise.resolve<MetricSeriesDto | null>(null)
        : get(this.metrics.costs(to, to, 'area')),
      get(this.metrics.skrRatio(to, to, 'area')),
      get(this.metrics.nationalComparison(addMonths(to, -12), to)),
      get(this.metrics.dispensationRegister(from, to)),
    ]);
    const cost = pickGroup(costs, request.key);
    const hoursGroup = pickGroup(hours, request.key);
    const ratioPoints = pickRatio(ratio, request.key);
    const areaId = selection.kind === 'area' ? request.key : null;
    const me = this.auth.me();
    return {
      query,
      selectionSlug: selectionSlug(selection),
      region: me ? me.region : { code: '', name: '' },
      target: ratio.targetPercent,
      ratio: ratioPoints,
      cost,
      hours: hoursGroup,
      keyFigures: keyFigures({
        month: to,
        ratio: ratioFigure(ratioPoints, to, ratio.targetPercent),
        cost,
        hours: hoursGroup,
        costsByProfession: selection.kind === 'region' ? costs : null,
      }),
      areas: areaRows(costsByArea ?? costs, ratioByArea, to, areaId),
      national: nationalRows(national, me?.region.code ?? null),
      register: registerRows(register, selection, areaId),
    };
  }
}
