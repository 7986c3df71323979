import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AuditEventDto, BidDto, OrderDto, OrderHoursDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { AuthStore } from '../../core/auth/auth.store';
import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import { ExportColumn } from '../../shared/export/spreadsheet-export';
import { IsoDatePipe, NumPipe, PctPipe, SekPipe } from '../../shared/format/format.pipes';
import { OrdersApi } from './orders.api';
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
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './order-detail.page.html',
})
export class OrderDetailPage implements OnInit {
  private readonly api = inject(OrdersApi);
  private readonly auth = inject(AuthStore);
  /** Whether the user may change and send a draft (the API checks the unit). */
  protected readonly mayWrite = computed(() => this.auth.can('order:write'));
  protected readonly mayReadDispensation = computed(() => this.auth.can('dispensation:read'));
  /** From the route. */
  readonly id = input.required<string>();
  protected readonly state = signal<'loading' | 'ready' | 'missing'>('loading');
  protected readonly order = signal<OrderDto | null>(null);
  protected readonly timeline = signal<AuditEventDto[]>([]);
  protected readonly bids = signal<BidDto[]>([]);
  protected readonly hours = signal<OrderHoursDto | null>(null);
  /** The status announced to screen readers after an action changed the order. */
  protected readonly announcement = signal<OrderDto['status'] | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  protected async reload(): Promise<void> {
    await this.load();
    this.announcement.set(this.order()?.status ?? null);
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

  private async load(): Promise<void> {
    try {
      const [order, timeline, bids, hours] = await Promise.all([
        firstValueFrom(this.api.get(this.id())),
        firstValueFrom(this.api.timeline(this.id())),
        firstValueFrom(this.api.bids(this.id())),
        firstValueFrom(this.api.hours(this.id())),
      ]);
      this.order.set(order);
      this.timeline.set(timeline);
      this.bids.set(bids);
      this.hours.set(hours);
      this.state.set('ready');
    } catch {
      this.state.set('missing');
    }
  }
}
