import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import { isValidOn, Period } from './agreement-data';

/** Whether a version is in force on a day, is still to come or has ended. */
@Component({
  selector: 'hk-version-state',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './agreement-page.scss',
  template: `
    <ng-container *transloco="let t">
      @switch (state()) {
        @case ('current') {
          <span class="badge">{{ t('agreement.period.current') }}</span>
        }
        @case ('coming') {
          {{ t('agreement.period.coming') }}
        }
        @default {
          {{ t('agreement.period.ended') }}
        }
      }
    </ng-container>
  `,
})
export class VersionStateComponent {
  readonly version = input.required<Period>();
  /** The day (ISO date) the state is told for. */
  readonly today = input.required<string>();

  protected readonly state = computed(() => {
    const version = this.version();
    if (isValidOn(version, this.today())) return 'current';
    return version.validFrom > this.today() ? 'coming' : 'ended';
  });
}
