import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';
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
          <a routerLink="/organisation" routerLinkActive="active" ariaCurrentWhenActive="page">{{
            t('nav.organisation')
          }}</a>
        </nav>
        <button type="button" class="lang-switch" [attr.lang]="otherLanguage()" (click)="switchLanguage()">
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
  private readonly languages = inject(LanguageService);

  protected otherLanguage(): 'sv' | 'en' {
    return this.languages.language() === 'sv' ? 'en' : 'sv';
  }

  protected switchLanguage(): void {
    this.languages.use(this.otherLanguage());
  }
}
