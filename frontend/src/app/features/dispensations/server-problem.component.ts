import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import type { ServerProblem } from './server-problem';

/** Says in the page's language what went wrong with a request (role="alert"). */
@Component({
  selector: 'hk-server-problem',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <p class="notice notice--error" role="alert">
        @switch (problem().kind) {
          @case ('stale') {
            @if (staleStatus(); as status) {
              {{
                t('serverProblem.stale.' + entity(), {
                  status: t((entity() === 'order' ? 'orderStatus.' : 'dispensations.status.') + status),
                })
              }}
            } @else {
              {{ t('serverProblem.staleUnknown') }}
            }
          }
          @case ('fields') {
            {{ t('serverProblem.fields', { fields: fieldNames(t) }) }}
          }
          @case ('message') {
            {{ message() }}
          }
          @default {
            {{ t('serverProblem.failed') }}
          }
        }
      </p>
    </ng-container>
  `,
})
export class ServerProblemComponent {
  readonly problem = input.required<ServerProblem>();
  /** What was changed, for the 409 text. */
  readonly entity = input.required<'dispensation' | 'order'>();
  /** The state as the page now shows it (reloaded after the failure); else the one the API named. */
  readonly status = input<string | null>(null);

  protected staleStatus(): string | null {
    const p = this.problem();
    return this.status() ?? (p.kind === 'stale' ? p.status : null);
  }

  protected fieldNames(t: (key: string) => string): string {
    const p = this.problem();
    return p.kind === 'fields' ? p.labels.map((key) => `”${t(key)}”`).join(', ') : '';
  }

  protected message(): string {
    const p = this.problem();
    return p.kind === 'message' ? p.message : '';
  }
}
