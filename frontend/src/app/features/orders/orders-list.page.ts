import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ORDER_STATUSES, OrderStatus } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { IsoDatePipe, NumPipe, SekPipe } from '../../shared/format/format.pipes';
import { AuthStore } from '../../core/auth/auth.store';
import { OrderPage, OrdersApi } from './orders.api';

const PAGE_SIZE = 20;

@Component({
  selector: 'hk-orders-list',
  imports: [RouterLink, TranslocoDirective, SekPipe, NumPipe, IsoDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './orders-list.page.html',
})
export class OrdersListPage implements OnInit {
  private readonly api = inject(OrdersApi);
  private readonly auth = inject(AuthStore);
  protected readonly canOrder = computed(() => this.auth.can('order:write'));
  protected readonly statuses = ORDER_STATUSES;
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly page = signal<OrderPage>({ items: [], total: 0, page: 1, pageSize: PAGE_SIZE });
  protected readonly status = signal<OrderStatus | ''>('');
  protected readonly query = signal('');
  protected readonly pages = computed(() => Math.max(1, Math.ceil(this.page().total / PAGE_SIZE)));

  ngOnInit(): void {
    void this.load(1);
  }

  protected async load(page: number): Promise<void> {
    this.state.set('loading');
    try {
      const status = this.status();
      this.page.set(
        await firstValueFrom(
          this.api.list({ status: status ? [status] : [], q: this.query(), page, pageSize: PAGE_SIZE }),
        ),
      );
      this.state.set('ready');
    } catch {
      this.state.set('error');
    }
  }

  protected onStatus(event: Event): void {
    this.status.set((event.target as HTMLSelectElement).value as OrderStatus | '');
    void this.load(1);
  }

  protected onSearch(event: Event): void {
    event.preventDefault();
    void this.load(1);
  }

  protected onQuery(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
  }
}
