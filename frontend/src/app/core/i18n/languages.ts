/** The languages of the user interface; Swedish is the default. */
export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'sv';

/** Locale used for numbers, dates and currency in each language. */
export const LOCALE_OF: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
