import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AuditEventDto, BidDto, OrderDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { IsoDatePipe, NumPipe, SekPipe } from '../../shared/format/format.pipes';
import { OrdersApi } from './orders.api';

@Component({
  selector: 'hk-order-detail',
  imports: [RouterLink, TranslocoDirective, SekPipe, NumPipe, IsoDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './order-detail.page.html',
})
export class OrderDetailPage implements OnInit {
  private readonly api = inject(OrdersApi);
  /** From the route. */
  readonly id = input.required<string>();
  protected readonly state = signal<'loading' | 'ready' | 'missing'>('loading');
  protected readonly order = signal<OrderDto | null>(null);
  protected readonly timeline = signal<AuditEventDto[]>([]);
  protected readonly bids = signal<BidDto[]>([]);

  async ngOnInit(): Promise<void> {
    try {
      const [order, timeline, bids] = await Promise.all([
        firstValueFrom(this.api.get(this.id())),
        firstValueFrom(this.api.timeline(this.id())),
        firstValueFrom(this.api.bids(this.id())),
      ]);
      this.order.set(order);
      this.timeline.set(timeline);
      this.bids.set(bids);
      this.state.set('ready');
    } catch {
      this.state.set('missing');
    }
  }
}
