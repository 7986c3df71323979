import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../auth/auth.store';
import { WaitingStore } from './waiting.store';

/**
 * The count of what waits for the user, inside a navigation link: dispensations to decide, or
 * for a purchaser the orders to publish and those with bids to assess. Nothing when nothing waits.
 * The text is part of the link's name (`Dispenser 3 väntar på ditt beslut`).
 */
@Component({
  selector: 'hk-waiting-badge',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @for (item of items(); track item.key) {
        <span class="waiting-badge" [attr.data-waiting]="item.key">{{
          t('waiting.' + item.key, { count: item.count })
        }}</span>
      }
    </ng-container>
  `,
  styleUrl: './waiting-badge.component.scss',
})
export class WaitingBadgeComponent {
  private readonly auth = inject(AuthStore);
  private readonly waiting = inject(WaitingStore);
  readonly of = input.required<'dispensations' | 'orders'>();

  protected readonly items = computed(() => {
    const counts = this.waiting.counts.hasValue() ? this.waiting.counts.value() : null;
    if (!counts) return [];
    const items =
      this.of() === 'dispensations'
        ? this.auth.can('dispensation:decide')
          ? [{ key: 'toDecide', count: counts.dispensationsToDecide }]
          : []
        : this.auth.can('order:procure')
          ? [
              { key: 'toPublish', count: counts.ordersToPublish },
              { key: 'withBids', count: counts.ordersWithBids },
            ]
          : [];
    return items.filter((i) => i.count > 0);
  });
}
