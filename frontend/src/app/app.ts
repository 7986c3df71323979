import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import type { Role } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { filter } from 'rxjs';

import { AuthStore } from './core/auth/auth.store';
import { LanguageService } from './core/i18n/language.service';
import { WaitingBadgeComponent } from './core/waiting/waiting-badge.component';

@Component({
  selector: 'hk-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoDirective, WaitingBadgeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <a class="skip-link" href="#main" (click)="skipToMain($event)">{{ t('shell.skipToContent') }}</a>
      <header class="topbar">
        <a class="brand" routerLink="/" [attr.aria-label]="t('shell.home')">
          <img src="favicon.svg" alt="" width="28" height="28" />
          <span>Hyrkoll</span>
        </a>
        <nav [attr.aria-label]="t('shell.mainNav')">
          @if (auth.can('order:read')) {
            <a routerLink="/orders" routerLinkActive="active" ariaCurrentWhenActive="page"
              >{{ t('nav.orders') }} <hk-waiting-badge of="orders"
            /></a>
          }
          @if (auth.can('dispensation:read')) {
            <a routerLink="/dispensations" routerLinkActive="active" ariaCurrentWhenActive="page"
              >{{ t('nav.dispensations') }} <hk-waiting-badge of="dispensations"
            /></a>
          }
          @if (auth.can('metrics:read')) {
            <a routerLink="/dashboard" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              t('nav.dashboard')
            }}</a>
          }
          @if (auth.can('agreement:manage')) {
            <a routerLink="/agreement" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              t('nav.agreement')
            }}</a>
          }
          @if (auth.can('import:manage')) {
            <a routerLink="/imports" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              t('nav.imports')
            }}</a>
            <a routerLink="/purchased-hours" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              t('nav.purchasedHours')
            }}</a>
          }
          @if (auth.can('user:manage')) {
            <a routerLink="/admin" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              t('nav.admin')
            }}</a>
          }
          @if (auth.loggedIn()) {
            <a routerLink="/organisation" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              t('nav.organisation')
            }}</a>
          }
        </nav>
        @if (auth.roles().length > 1) {
          <span class="role-switch">
            <label for="active-role">{{ t('shell.role') }}</label>
            <select id="active-role" (change)="switchRole($event)">
              @for (r of auth.roles(); track r) {
                <option [value]="r" [selected]="r === auth.activeRole()">
                  {{ t('role.' + r) }}{{ scopeOf(r) ? ' – ' + scopeOf(r) : '' }}
                </option>
              }
            </select>
          </span>
        }
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

  constructor() {
    // After moving to another page, focus the main content (as a page load would start over), so
    // that keyboard and screen-reader users begin at the new page; filters that only change the
    // query keep the focus where it is.
    let previousPath: string | null = null;
    this.router.events
      .pipe(
        filter((e): e is NavigationEnd => e instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe((e) => {
        const path = e.urlAfterRedirects.split(/[?#]/)[0] ?? '';
        if (previousPath !== null && path !== previousPath) {
          setTimeout(() => document.getElementById('main')?.focus());
        }
        previousPath = path;
      });
  }

  protected otherLanguage(): 'sv' | 'en' {
    return this.languages.language() === 'sv' ? 'en' : 'sv';
  }

  protected switchLanguage(): void {
    this.languages.use(this.otherLanguage());
  }

  /** The skip link moves the focus itself: with `<base href="/">` a bare `#main` would leave the page. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    document.getElementById('main')?.focus();
  }

  /** "Norrböle HC, Kåge HC" for a unit manager, the area's name for an area chief. */
  protected scopeOf(role: Role): string {
    return (this.auth.me()?.roles ?? [])
      .filter((r) => r.role === role)
      .map((r) => r.unit?.name ?? r.area?.name ?? '')
      .filter(Boolean)
      .join(', ');
  }

  protected async switchRole(event: Event): Promise<void> {
    this.auth.useRole((event.target as HTMLSelectElement).value as Role);
    await this.router.navigateByUrl(this.auth.home());
  }

  protected async logout(): Promise<void> {
    await this.auth.logout();
    await this.router.navigate(['/login']);
  }
}
