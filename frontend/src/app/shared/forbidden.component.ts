import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../core/auth/auth.store';

/**
 * Shown at the address of a page that the active role may not use (a typed or shared link, a
 * bookmark from another role): says so, and leads home. Trying again cannot help, so there is no
 * retry; another of the user's roles may, which the role switch in the bar offers.
 */
@Component({
  selector: 'hk-forbidden',
  imports: [RouterLink, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section *transloco="let t" class="page">
      <h1>{{ t('forbidden.title') }}</h1>
      <p role="alert" class="notice notice--error">
        @if (role(); as r) {
          {{ t('forbidden.bodyOfRole', { role: t('role.' + r) }) }}
        } @else {
          {{ t('forbidden.body') }}
        }
      </p>
      @if (otherRoles()) {
        <p>{{ t('forbidden.otherRole') }}</p>
      }
      <a routerLink="/">{{ t('forbidden.home') }}</a>
    </section>
  `,
})
export class ForbiddenComponent {
  private readonly auth = inject(AuthStore);
  protected readonly role = this.auth.activeRole;
  protected readonly otherRoles = computed(() => this.auth.roles().length > 1);
}
