import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ORDER_STATUSES, OrderDto, OrderStatus } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';
import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import { ExportColumn } from '../../shared/export/spreadsheet-export';
import { IsoDatePipe, NumPipe, SekPipe } from '../../shared/format/format.pipes';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import { OrdersStore } from './orders.store';

type Translate = (key: string, params?: Record<string, unknown>) => string;

const PAGE_SIZE = 20;
/** The API's largest page; exports walk the pages up to EXPORT_LIMIT rows. */
const EXPORT_PAGE_SIZE = 100;
const EXPORT_LIMIT = 10_000;

@Component({
  selector: 'hk-orders-list',
  imports: [
    RouterLink,
    TranslocoDirective,
    SekPipe,
    NumPipe,
    IsoDatePipe,
    ExportButtonsComponent,
    LoadStateComponent,
  ],
  providers: [OrdersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './orders-list.page.html',
})
export class OrdersListPage implements OnInit {
  private readonly auth = inject(AuthStore);
  protected readonly canOrder = computed(() => this.auth.can('order:write'));
  protected readonly statuses = ORDER_STATUSES;
  protected readonly store = inject(OrdersStore);
  /** The page of orders read (empty until there is one). */
  protected readonly page = computed(
    () =>
      (this.store.list.hasValue() && this.store.list.value()) || {
        items: [],
        total: 0,
        page: 1,
        pageSize: PAGE_SIZE,
      },
  );
  protected readonly status = signal<OrderStatus | ''>('');
  protected readonly query = signal('');
  protected readonly pages = computed(() => Math.max(1, Math.ceil(this.page().total / PAGE_SIZE)));

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

  /** Every order matching the current filter, page by page. */
  protected readonly fetchAllForExport = (): Promise<OrderDto[]> => {
    const status = this.status();
    return this.store.all(
      { status: status ? [status] : [], q: this.query() },
      EXPORT_PAGE_SIZE,
      EXPORT_LIMIT,
    );
  };

  ngOnInit(): void {
    this.load(1);
  }

  protected load(page: number): void {
    const status = this.status();
    this.store.filter.set({ status: status ? [status] : [], q: this.query(), page, pageSize: PAGE_SIZE });
  }

  protected onStatus(event: Event): void {
    this.status.set((event.target as HTMLSelectElement).value as OrderStatus | '');
    this.load(1);
  }

  protected onSearch(event: Event): void {
    event.preventDefault();
    this.load(1);
  }

  protected onQuery(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
  }
}
