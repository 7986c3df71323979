import { DOCUMENT } from '@angular/common';
import { inject, Injectable, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';

import { DEFAULT_LANGUAGE, isLanguage, Language, LOCALE_OF } from './languages';

const STORAGE_KEY = 'hyrkoll.language';

/** The chosen interface language: remembered in the browser, mirrored in `<html lang>`. */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Language>(DEFAULT_LANGUAGE);

  readonly language = this.current.asReadonly();

  /** Restores the remembered language; called once at start-up. */
  init(): void {
    let stored: string | null = null;
    try {
      stored = this.document.defaultView?.localStorage.getItem(STORAGE_KEY) ?? null;
    } catch {
      stored = null; // storage can be disabled; the default language is fine then
    }
    this.use(isLanguage(stored) ? stored : DEFAULT_LANGUAGE, false);
  }

  use(language: Language, remember = true): void {
    this.current.set(language);
    this.transloco.setActiveLang(language);
    this.document.documentElement.lang = language;
    if (remember) {
      try {
        this.document.defaultView?.localStorage.setItem(STORAGE_KEY, language);
      } catch {
        // not remembered across visits; nothing else to do
      }
    }
  }

  locale(): string {
    return LOCALE_OF[this.current()];
  }
}
