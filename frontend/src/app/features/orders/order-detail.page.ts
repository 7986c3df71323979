import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { OrderHoursDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';
import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import { ExportColumn } from '../../shared/export/spreadsheet-export';
import { IsoDatePipe, NumPipe, PctPipe, SekPipe } from '../../shared/format/format.pipes';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import { isMissing, OrdersStore } from './orders.store';
import { ProcurementPanelComponent } from './procurement-panel.component';

type HoursRow = OrderHoursDto['months'][number];
type Translate = (key: string, params?: Record<string, unknown>) => string;

@Component({
  selector: 'hk-order-detail',
  imports: [
    RouterLink,
    TranslocoDirective,
    SekPipe,
    NumPipe,
    PctPipe,
    IsoDatePipe,
    ProcurementPanelComponent,
    ExportButtonsComponent,
    LoadStateComponent,
  ],
  providers: [OrdersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './order-detail.page.html',
})
export class OrderDetailPage {
  protected readonly store = inject(OrdersStore);
  private readonly auth = inject(AuthStore);
  /** Whether the user may change and send a draft (the API checks the unit). */
  protected readonly mayWrite = computed(() => this.auth.can('order:write'));
  protected readonly mayReadDispensation = computed(() => this.auth.can('dispensation:read'));
  /** From the route. */
  readonly id = input.required<string>();
  /** There is no such order for the user; other failures say so with a retry. */
  protected readonly missing = computed(() => isMissing(this.store.order.error()));
  /** The order with its timeline, bids and hours once loaded (kept while an action reloads it). */
  protected readonly shown = computed(() => (this.store.order.hasValue() ? this.store.order.value() : null));

  constructor() {
    effect(() => this.store.orderId.set(this.id()));
  }

  /** "skapade beställningen" for `order.create`; an action without a text shows its code. */
  protected actionText(t: Translate, action: string): string {
    const key = `orders.auditAction.${action}`;
    const text = t(key);
    return text === key ? action : text;
  }

  /** Columns of the export, in the language shown (`t` is the template's, with the scope loaded). */
  protected hoursColumns(t: Translate): ExportColumn<HoursRow>[] {
    return [
      { header: t('orders.month'), value: (r) => r.month, kind: 'date' },
      { header: t('orders.supplier'), value: (r) => r.supplier },
      { header: t('orders.hours'), value: (r) => r.hours, kind: 'number' },
      { header: t('orders.cost'), value: (r) => r.costSek, kind: 'money' },
    ];
  }
}
