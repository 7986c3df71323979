import { inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { Subscription } from 'rxjs';

/** The product's name, the last part of every title. */
export const PRODUCT_NAME = 'Hyrkoll';

/** "Beställningar" → "Beställningar – Hyrkoll". */
export function documentTitle(page: string): string {
  return `${page} – ${PRODUCT_NAME}`;
}

/**
 * Each route's `title` is a key of the global translation file (`pageTitle.*`); the document title
 * is its text in the language shown, followed by the product's name, and follows a language
 * switch. A route without a title gets the product's name alone, and its page may set a title of
 * its own (the dashboard's pages name the figures they show).
 */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private shown?: Subscription;

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.shown?.unsubscribe();
    const key = this.buildTitle(snapshot);
    if (!key) {
      this.title.setTitle(PRODUCT_NAME);
      return;
    }
    // selectTranslate emits again whenever the active language changes
    this.shown = this.transloco
      .selectTranslate<string>(key)
      .subscribe((text) => this.title.setTitle(documentTitle(text)));
  }
}
