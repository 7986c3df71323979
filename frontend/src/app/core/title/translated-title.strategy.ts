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
 * its own (the dashboard's pages name the figures they show). A record's page names the record
 * once it is read (`showRecord`: "Beställning B-2026-0012 – Hyrkoll"), until the next navigation.
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
    this.show(key);
  }

  /** The title of a page that shows one record: a `pageTitle.*` key whose words name it by `params`. */
  showRecord(key: string, params: Record<string, string>): void {
    this.shown?.unsubscribe();
    this.show(key, params);
  }

  private show(key: string, params?: Record<string, string>): void {
    // selectTranslate emits again whenever the active language changes
    this.shown = this.transloco
      .selectTranslate<string>(key, params)
      .subscribe((text) => this.title.setTitle(documentTitle(text)));
  }
}
