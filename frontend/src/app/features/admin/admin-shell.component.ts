import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';

/** The administrator's pages under one sub-navigation: users, organisation, policy, import and rollup status. */
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
        @if (auth.can('operations:read')) {
          <a routerLink="operations" routerLinkActive="active" ariaCurrentWhenActive="page">{{
            t('admin.nav.operations')
          }}</a>
        }
      </nav>
      <router-outlet />
    </ng-container>
  `,
  styleUrl: './admin-shell.component.scss',
})
export class AdminShellComponent {
  protected readonly auth = inject(AuthStore);
}
