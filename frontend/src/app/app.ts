import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import type { Role } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { filter } from 'rxjs';

import { AuthStore } from './core/auth/auth.store';
import { PageLocation } from './core/auth/page-location';
import { LanguageService } from './core/i18n/language.service';
import { WaitingBadgeComponent } from './core/waiting/waiting-badge.component';
import { type ApiProblem, apiProblemOf } from './shared/forms/api-problem';
import { problemText } from './shared/forms/problem-text';

@Component({
  selector: 'hk-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoDirective, WaitingBadgeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Escape closes the open menu wherever the focus is (the menu's button or inside the menu)
  host: { '(document:keydown.escape)': 'closeMenu()' },
  template: `
    <ng-container *transloco="let t">
      <a class="skip-link" href="#main" (click)="skipToMain($event)">{{ t('shell.skipToContent') }}</a>
      <header class="topbar">
        <a class="brand" routerLink="/" [attr.aria-label]="t('shell.home')">
          <img src="favicon.svg" alt="" width="28" height="28" />
          <span>Hyrkoll</span>
        </a>
        <!-- narrow screens: the rest of the bar is behind this disclosure button (styles.scss) -->
        <button
          #menuButton
          type="button"
          class="topbar-button menu-button"
          aria-controls="hk-menu"
          [attr.aria-expanded]="menuOpen()"
          (click)="menuOpen.set(!menuOpen())"
        >
          <span class="menu-icon" aria-hidden="true"></span>{{ t('shell.menu') }}
        </button>
        <div id="hk-menu" class="topbar-menu" [class.open]="menuOpen()">
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
          <button
            type="button"
            class="topbar-button"
            [attr.lang]="otherLanguage()"
            (click)="switchLanguage()"
          >
            {{ t('shell.switchLanguage') }}
          </button>
        </div>
      </header>
      <main id="main" tabindex="-1">
        @if (languageNotSaved(); as problem) {
          <p class="notice notice--error" role="alert">
            {{ t('shell.saveLanguageFailed') }} {{ problemText(problem, t) }}
          </p>
        }
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
  private readonly page = inject(PageLocation);
  private readonly menuButton = viewChild.required<ElementRef<HTMLButtonElement>>('menuButton');

  /** Whether the bar's menu is open (it is a menu only on narrow screens). */
  protected readonly menuOpen = signal(false);
  /** The language switched here but could not be stored on the user. */
  /** Why the language could not be stored on the user, when it could not. */
  protected readonly languageNotSaved = signal<ApiProblem | null>(null);
  protected readonly problemText = problemText;

  constructor() {
    // the language stored on the user wins over the one this browser remembers, on any browser
    effect(() => {
      const locale = this.auth.me()?.locale;
      // only a change of the user's stored language counts, not the switch itself
      if (locale && locale !== untracked(this.languages.language)) this.languages.use(locale);
    });
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
        this.menuOpen.set(false);
        if (previousPath !== null && path !== previousPath) {
          setTimeout(() => document.getElementById('main')?.focus());
        }
        previousPath = path;
      });
  }

  protected otherLanguage(): 'sv' | 'en' {
    return this.languages.language() === 'sv' ? 'en' : 'sv';
  }

  /** Escape closes the open menu and gives the focus back to its button. */
  protected closeMenu(): void {
    if (!this.menuOpen()) return;
    this.menuOpen.set(false);
    this.menuButton().nativeElement.focus();
  }

  /** Switches the interface and, when someone is logged in, stores the choice on the user. */
  protected async switchLanguage(): Promise<void> {
    const language = this.otherLanguage();
    this.languages.use(language);
    this.languageNotSaved.set(null);
    if (!this.auth.loggedIn()) return;
    try {
      await this.auth.saveLanguage(language);
    } catch (error) {
      // the interface has switched; only the account does not remember it (and why, in its words)
      this.languageNotSaved.set(apiProblemOf(error));
    }
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

  /**
   * Logs out here and, after a sign-in through the region's identity provider, at the provider
   * too (its end-session page sends the browser back); otherwise to the login page.
   */
  protected async logout(): Promise<void> {
    const providerLogoutUrl = await this.auth.logout();
    if (providerLogoutUrl) this.page.assign(providerLogoutUrl);
    else await this.router.navigate(['/login']);
  }
}
