import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  ORDER_SORTS,
  ORDER_STATUSES,
  OrderDto,
  OrderSort,
  OrderStatus,
  PROFESSION_CODES,
  PublishManyResult,
} from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { catchError, of } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { ExportColumn } from '../../shared/export/spreadsheet-export';
import { IsoDatePipe, NumPipe, SekPipe } from '../../shared/format/format.pipes';
import { type ApiProblem, apiProblemOf, apiProblemOfCode } from '../../shared/forms/api-problem';
import { problemText } from '../../shared/forms/problem-text';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import { filterCheck } from '../../shared/table/list-url-state';
import { PagedList } from '../../shared/table/paged-list';
import { TABLE } from '../../shared/table/table.component';
import { OrgApi } from '../org/org.api';
import { OrderFilter, OrdersApi } from './orders.api';
import { OrdersStore } from './orders.store';

type Translate = (key: string, params?: Record<string, unknown>) => string;

const FILTERS = ['status', 'areaId', 'unitId', 'profession', 'from', 'to', 'q'] as const;
/** What a purchaser may publish. */
const PUBLISHABLE: readonly OrderStatus[] = ['APPROVED', 'UNFILLED'];

@Component({
  selector: 'hk-orders-list',
  imports: [RouterLink, TranslocoDirective, SekPipe, NumPipe, IsoDatePipe, LoadStateComponent, ...TABLE],
  providers: [OrdersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './orders-list.page.html',
  styleUrl: './orders-list.page.scss',
})
export class OrdersListPage {
  private readonly auth = inject(AuthStore);
  private readonly org = inject(OrgApi);
  protected readonly canOrder = computed(() => this.auth.can('order:write'));
  protected readonly canPublish = computed(() => this.auth.can('order:procure'));
  protected readonly statuses = ORDER_STATUSES;
  protected readonly professions = PROFESSION_CODES;
  protected readonly store = inject(OrdersStore);
  private readonly api = inject(OrdersApi);
  protected readonly list = new PagedList({
    filters: FILTERS,
    checks: {
      status: filterCheck.oneOf(ORDER_STATUSES),
      areaId: filterCheck.id,
      unitId: filterCheck.id,
      profession: filterCheck.oneOf(PROFESSION_CODES),
      from: filterCheck.date,
      to: filterCheck.date,
    },
    sorts: ORDER_SORTS,
    query: ({ page, pageSize, filters }, sort): OrderFilter => ({
      status: filters.status ? [filters.status as OrderStatus] : [],
      q: filters.q,
      areaId: filters.areaId,
      unitId: filters.unitId,
      profession: filters.profession,
      from: filters.from,
      to: filters.to,
      sort: sort?.column as OrderSort | undefined,
      dir: sort?.direction,
      page,
      pageSize,
    }),
    load: (query) => this.store.filter.set(query),
    resource: this.store.list,
    fetch: (query) => this.api.list(query),
  });
  protected readonly url = this.list.url;
  protected readonly state = this.list.state;
  protected readonly page = this.list.page;
  protected readonly areas = rxResource({
    stream: () => this.org.areas().pipe(catchError(() => of([]))),
    defaultValue: [],
  });

  private readonly allUnits = rxResource({
    stream: () => this.org.units().pipe(catchError(() => of([]))),
    defaultValue: [],
  });
  /** The units to filter by: those of the chosen area, else all the user's region has. */
  protected readonly units = computed(() => {
    const area = this.state().filters.areaId;
    return this.allUnits.value().filter((u) => !area || u.area.id === area);
  });

  /** The orders chosen for publishing, by id; only those on the page shown count. */
  private readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly publishable = computed(() => this.page().items.filter((o) => this.isPublishable(o)));
  protected readonly chosenRows = computed(() => this.publishable().filter((o) => this.chosen().has(o.id)));
  protected readonly allChosen = computed(
    () => this.publishable().length > 0 && this.chosenRows().length === this.publishable().length,
  );
  /** How the last publishing of several went. */
  protected readonly outcome = signal<PublishManyResult | null>(null);
  /** What the API said when the publish of several orders failed as a whole. */
  protected readonly failed = signal<ApiProblem | null>(null);
  private readonly outcomeBox = viewChild<ElementRef<HTMLElement>>('outcomeBox');

  protected isPublishable(order: OrderDto): boolean {
    return PUBLISHABLE.includes(order.status);
  }

  protected isChosen(order: OrderDto): boolean {
    return this.chosen().has(order.id);
  }

  protected choose(order: OrderDto, event: Event): void {
    const next = new Set(this.chosen());
    if ((event.target as HTMLInputElement).checked) next.add(order.id);
    else next.delete(order.id);
    this.chosen.set(next);
  }

  protected chooseAll(event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.chosen.set(new Set(checked ? this.publishable().map((o) => o.id) : []));
  }

  protected async publishChosen(): Promise<void> {
    const rows = this.chosenRows();
    if (rows.length === 0) return;
    this.outcome.set(null);
    this.failed.set(null);
    const result = await this.store.publishMany(rows);
    if (result.ok) {
      this.outcome.set(result.value);
      this.chosen.set(new Set());
    } else {
      this.failed.set(apiProblemOf(result.error));
    }
    setTimeout(() => this.outcomeBox()?.nativeElement.focus());
  }

  protected refused(result: PublishManyResult) {
    return result.results.filter((r) => !r.published);
  }

  /**
   * Why an order was not published, in the UI's words: its code and params as the single publish
   * would have answered, worded by the shared mechanism.
   */
  protected reason(t: Translate, outcome: { code?: string; params?: unknown }): string {
    return problemText(apiProblemOfCode(outcome.code ?? '', outcome.params), t);
  }

  protected failedText(t: Translate, problem: ApiProblem): string {
    return problemText(problem, t);
  }

  protected onSelect(name: (typeof FILTERS)[number], event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    // another area: a unit of the one before is no longer among the choices
    this.url.setFilters(name === 'areaId' ? { areaId: value, unitId: '' } : { [name]: value });
  }

  protected onSearch(event: Event, form: HTMLFormElement): void {
    event.preventDefault();
    const value = (name: string) =>
      (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    this.url.setFilters({ q: value('q'), from: value('from'), to: value('to') });
  }

  protected clearFilters(): void {
    this.url.setFilters(Object.fromEntries(FILTERS.map((f) => [f, ''])));
  }

  /** Columns of the export, in the language shown (`t` is the template's, with the scope loaded). */
  protected exportColumns(t: Translate): ExportColumn<OrderDto>[] {
    return [
      { header: t('orders.reference'), value: (o) => o.reference },
      { header: t('orders.unit'), value: (o) => o.unit.name },
      { header: t('orders.costCentre'), value: (o) => o.unit.costCentre },
      { header: t('orders.profession'), value: (o) => t(`profession.${o.profession}`) },
      { header: t('orders.periodStart'), value: (o) => o.periodStart, kind: 'date' },
      { header: t('orders.periodEnd'), value: (o) => o.periodEnd, kind: 'date' },
      { header: t('orders.hours'), value: (o) => o.hours, kind: 'number' },
      { header: t('orders.estimate'), value: (o) => o.estimate.total, kind: 'money' },
      { header: t('orders.status'), value: (o) => t(`orderStatus.${o.status}`) },
    ];
  }
}
