import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';

/** The frame of the agreement pages: heading and one link per kind of agreement data. */
@Component({
  selector: 'hk-agreement-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page" *transloco="let t">
      <h1>{{ t('agreement.title') }}</h1>
      <nav class="agreement-tabs" [attr.aria-label]="t('agreement.sections')">
        <a routerLink="suppliers" routerLinkActive="active" ariaCurrentWhenActive="page">{{
          t('agreement.nav.suppliers')
        }}</a>
        <a routerLink="prices" routerLinkActive="active" ariaCurrentWhenActive="page">{{
          t('agreement.nav.prices')
        }}</a>
        <a routerLink="travel-allowances" routerLinkActive="active" ariaCurrentWhenActive="page">{{
          t('agreement.nav.travelAllowances')
        }}</a>
        <a routerLink="zones" routerLinkActive="active" ariaCurrentWhenActive="page">{{
          t('agreement.nav.zones')
        }}</a>
        @if (auth.can('former-employee:manage')) {
          <a routerLink="former-employees" routerLinkActive="active" ariaCurrentWhenActive="page">{{
            t('agreement.nav.formerEmployees')
          }}</a>
        }
      </nav>
      <router-outlet />
    </div>
  `,
  styleUrl: './agreement-shell.component.scss',
})
export class AgreementShellComponent {
  protected readonly auth = inject(AuthStore);
}
