import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';
import { AuthStore } from './core/auth/auth.store';
import { LanguageService } from './core/i18n/language.service';

@Component({
  selector: 'hk-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <a class="skip-link" href="#main">{{ t('shell.skipToContent') }}</a>
      <header class="topbar">
        <a class="brand" routerLink="/" [attr.aria-label]="t('shell.home')">
          <img src="favicon.svg" alt="" width="28" height="28" />
          <span>Hyrkoll</span>
        </a>
        <nav [attr.aria-label]="t('shell.mainNav')">
          @if (auth.can('order:read')) {
            <a routerLink="/orders" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              t('nav.orders')
            }}</a>
          }
          @if (auth.can('dispensation:read')) {
            <a routerLink="/dispensations" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              t('nav.dispensations')
            }}</a>
          }
          @if (auth.loggedIn()) {
            <a routerLink="/organisation" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              t('nav.organisation')
            }}</a>
          }
        </nav>
        @if (auth.me(); as me) {
          <span class="user">{{ me.name }}</span>
          <button type="button" class="topbar-button" (click)="logout()">{{ t('shell.logout') }}</button>
        }
        <button type="button" class="topbar-button" [attr.lang]="otherLanguage()" (click)="switchLanguage()">
          {{ t('shell.switchLanguage') }}
        </button>
      </header>
      <main id="main" tabindex="-1">
        <router-outlet />
      </main>
      <footer class="footer">{{ t('shell.footer') }}</footer>
    </ng-container>
  `,
})
export class App {
  protected readonly auth = inject(AuthStore);
  private readonly languages = inject(LanguageService);
  private readonly router = inject(Router);

  protected otherLanguage(): 'sv' | 'en' {
    return this.languages.language() === 'sv' ? 'en' : 'sv';
  }

  protected switchLanguage(): void {
    this.languages.use(this.otherLanguage());
  }

  protected async logout(): Promise<void> {
    await this.auth.logout();
    await this.router.navigate(['/login']);
  }
}
