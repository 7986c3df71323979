import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';

/** The administrator's pages under one sub-navigation: users, organisation, policy. */
@Component({
  selector: 'hk-admin-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <nav class="admin-tabs" [attr.aria-label]="t('admin.nav.label')">
        @if (auth.can('user:manage')) {
          <a routerLink="users" routerLinkActive="active" ariaCurrentWhenActive="page">{{
            t('admin.nav.users')
          }}</a>
        }
        @if (auth.can('org:manage')) {
          <a routerLink="org" routerLinkActive="active" ariaCurrentWhenActive="page">{{
            t('admin.nav.org')
          }}</a>
        }
        @if (auth.can('policy:manage')) {
          <a routerLink="policy" routerLinkActive="active" ariaCurrentWhenActive="page">{{
            t('admin.nav.policy')
          }}</a>
        }
      </nav>
      <router-outlet />
    </ng-container>
  `,
  styles: `
    .admin-tabs {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      border-bottom: 1px solid var(--hk-border);
      margin-bottom: 1.5rem;
    }
    .admin-tabs a {
      padding: 0.5rem 1rem;
      color: var(--hk-accent);
      text-decoration: none;
      border-bottom: 3px solid transparent;
      margin-bottom: -1px;
    }
    .admin-tabs a:hover {
      text-decoration: underline;
    }
    .admin-tabs a.active {
      border-bottom-color: var(--hk-accent);
      font-weight: 600;
      color: var(--hk-text);
    }
  `,
})
export class AdminShellComponent {
  protected readonly auth = inject(AuthStore);
}
