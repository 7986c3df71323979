import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  DISPENSATION_SORTS,
  DISPENSATION_STATUSES,
  DispensationListItem,
  DispensationSort,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { catchError, of } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { ExportColumn } from '../../shared/export/spreadsheet-export';
import { IsoDatePipe, SekPipe, swedishDateOf } from '../../shared/format/format.pipes';
import { scopeOf } from '../../shared/scope/scope';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import { filterCheck } from '../../shared/table/list-url-state';
import { PagedList } from '../../shared/table/paged-list';
import { TABLE } from '../../shared/table/table.component';
import { OrgApi } from '../org/org.api';
import { DispensationQuery, DispensationsApi } from './dispensations.api';
import { DispensationsStore } from './dispensations.store';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Days since a moment, whole days. */
function ageInDays(since: string): number {
  return Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 86_400_000));
}

/** Whole days the dispensation's current step has waited; null once nothing waits (decided). */
export function waitingDays(d: Pick<DispensationListItem, 'status' | 'waitingSince'>): number | null {
  return d.status === 'SUBMITTED' || d.status === 'UNDER_REVIEW' ? ageInDays(d.waitingSince) : null;
}

const FILTERS = ['mine', 'status', 'areaId', 'q'] as const;

/**
 * Every dispensation the user may read, a page at a time, waiting ones first: filtered (waiting
 * for my decision, state, area, text), sorted by a column, with page, sort and filters in the URL.
 * On a phone each dispensation is a card.
 */
@Component({
  selector: 'hk-dispensation-inbox',
  imports: [RouterLink, TranslocoDirective, SekPipe, IsoDatePipe, LoadStateComponent, ...TABLE],
  providers: [DispensationsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './inbox.page.html',
  styleUrl: './inbox.page.scss',
})
export class InboxPage {
  private readonly auth = inject(AuthStore);
  private readonly org = inject(OrgApi);
  protected readonly store = inject(DispensationsStore);
  private readonly api = inject(DispensationsApi);
  protected readonly list = new PagedList({
    filters: FILTERS,
    checks: {
      mine: filterCheck.oneOf(['0', '1']),
      status: filterCheck.oneOf(DISPENSATION_STATUSES),
      areaId: filterCheck.id,
    },
    sorts: DISPENSATION_SORTS,
    query: ({ page, pageSize, filters }, sort): DispensationQuery => ({
      waitingForMe: this.waitingOnly(),
      status: filters.status,
      areaId: filters.areaId,
      q: filters.q,
      sort: sort?.column as DispensationSort | undefined,
      dir: sort?.direction,
      page,
      pageSize,
    }),
    load: (query) => this.store.query.set(query),
    resource: this.store.inbox,
    fetch: (query) => this.api.list(query),
  });
  protected readonly url = this.list.url;
  protected readonly state = this.list.state;
  protected readonly page = this.list.page;
  protected readonly statuses = DISPENSATION_STATUSES;
  protected readonly canDecide = computed(() => this.auth.can('dispensation:decide'));
  protected readonly waited = waitingDays;
  private readonly allAreas = rxResource({
    stream: () => this.org.areas().pipe(catchError(() => of([]))),
    defaultValue: [],
  });
  /** Where the user may read dispensations: the region, their areas or their units. */
  private readonly scope = computed(() => scopeOf(this.auth.me()?.roles ?? [], 'dispensation:read'));
  /** The areas offered by the filter: only those in the user's scope (none to choose for a unit's role). */
  protected readonly areas = computed(() => {
    const scope = this.scope();
    if (scope.kind === 'units') return [];
    const all = this.allAreas.value();
    return scope.kind === 'region' ? all : all.filter((a) => scope.areas.some((s) => s.id === a.id));
  });
  /** The address names an area outside the user's scope: said, rather than an empty list. */
  protected readonly areaOutside = computed(() => {
    const { areaId } = this.state().filters;
    return areaId !== '' && this.scope().kind === 'areas' && !this.areas().some((a) => a.id === areaId);
  });

  /**
   * Whether the list shows only those waiting for the user's decision: a decider's default, unless
   * the link asks for a state that never waits for a decision (`?status=APPROVED`).
   */
  protected readonly waitingOnly = computed(() => {
    const { mine, status } = this.state().filters;
    if (mine !== '') return mine === '1';
    return this.canDecide() && (status === '' || status.split(',').includes('UNDER_REVIEW'));
  });

  protected onSelect(name: (typeof FILTERS)[number], event: Event): void {
    this.url.setFilters({ [name]: (event.target as HTMLSelectElement).value });
  }

  protected onSearch(event: Event, input: HTMLInputElement): void {
    event.preventDefault();
    this.url.setFilters({ q: input.value.trim() });
  }

  protected clearFilters(): void {
    this.url.setFilters({ mine: '', status: '', areaId: '', q: '' });
  }

  /** Columns of the export, in the language shown (`t` is the template's, with the scope loaded). */
  protected exportColumns(t: Translate): ExportColumn<DispensationListItem>[] {
    return [
      { header: t('dispensations.order'), value: (d) => d.orderReference },
      { header: t('dispensations.unit'), value: (d) => d.unit.name },
      { header: t('dispensations.area'), value: (d) => d.unit.areaName },
      { header: t('dispensations.inbox.profession'), value: (d) => t(`profession.${d.profession}`) },
      { header: t('dispensations.rules'), value: (d) => d.rules.map((r) => t(`rule.${r.rule}`)).join(', ') },
      { header: t('dispensations.estimate'), value: (d) => d.estimatedCost, kind: 'money' },
      { header: t('dispensations.submitted'), value: (d) => swedishDateOf(d.submittedAt), kind: 'date' },
      { header: t('dispensations.ageDays'), value: (d) => waitingDays(d), kind: 'number' },
      { header: t('dispensations.statusColumn'), value: (d) => t(`dispensations.status.${d.status}`) },
      { header: t('dispensations.validTo'), value: (d) => d.validTo, kind: 'date' },
    ];
  }
}
