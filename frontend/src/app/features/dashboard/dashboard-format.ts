import { inject, Pipe, PipeTransform } from '@angular/core';

import { LanguageService } from '../../core/i18n/language.service';

/**
 * Number and month formats of the dashboard: millions of kronor ("−5,9" Mkr), signed percent
 * ("−10,9 %"), percentage points and month names, in the user's language. The API's values are
 * exact decimal strings; they are rounded here, for display only.
 */

type Numeric = string | number | null | undefined;

function isBlank(value: Numeric): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

export function formatNumber(value: Numeric, locale: string, decimals = 0, signed = false): string {
  if (isBlank(value)) return '–';
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(Number(value));
}

/** Kronor as millions with one decimal: "292800000.00" → "292,8". */
export function formatMsek(sek: Numeric, locale: string, decimals = 1, signed = false): string {
  if (isBlank(sek)) return '–';
  return formatNumber(Number(sek) / 1_000_000, locale, decimals, signed);
}

/** A value already in percent: "4.01" → "4,0 %" (Swedish) or "4.0%" (English). */
export function formatPercent(value: Numeric, locale: string, decimals = 1, signed = false): string {
  if (isBlank(value)) return '–';
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(Number(value) / 100);
}

/** Whole kronor: "1234567.40" → "1 234 567 kr". */
export function formatSek(value: Numeric, locale: string): string {
  if (isBlank(value)) return '–';
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'SEK',
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  }).format(Number(value));
}

/** "2024-10" → "oktober 2024" (long) or "okt. 2024" (short). */
export function formatMonth(
  month: string | null | undefined,
  locale: string,
  style: 'long' | 'short' = 'long',
): string {
  if (!month) return '–';
  const [year, index] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: style }).format(
    new Date(Date.UTC(year as number, (index as number) - 1, 1)),
  );
}

/** The name of a calendar month, 1–12: "januari" or "jan.". */
export function monthName(index: number, locale: string, style: 'long' | 'short' = 'short'): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: style }).format(
    new Date(Date.UTC(2000, index - 1, 1)),
  );
}

/**
 * A span of months in the user's language: "jan.–okt. 2024" within a year, "nov. 2023–okt. 2024"
 * across years, and one month alone ("jan. 2021") when the span is a single month.
 */
export function formatMonthSpan(from: string, to: string, locale: string): string {
  if (from === to) return formatMonth(to, locale, 'short');
  if (from.slice(0, 4) === to.slice(0, 4)) {
    return `${monthName(Number(from.slice(5)), locale, 'short')}–${formatMonth(to, locale, 'short')}`;
  }
  return `${formatMonth(from, locale, 'short')}–${formatMonth(to, locale, 'short')}`;
}

/** Millions of kronor, for tiles and chart axes; `signed` writes "+1,2" and "−5,9". */
@Pipe({ name: 'msek', pure: false })
export class MsekPipe implements PipeTransform {
  private readonly languages = inject(LanguageService);

  transform(value: Numeric, decimals = 1, signed = false): string {
    return formatMsek(value, this.languages.locale(), decimals, signed);
  }
}

/** Percent with an optional sign: "−10,9 %". */
@Pipe({ name: 'percent', pure: false })
export class PercentPipe implements PipeTransform {
  private readonly languages = inject(LanguageService);

  transform(value: Numeric, decimals = 1, signed = false): string {
    return formatPercent(value, this.languages.locale(), decimals, signed);
  }
}

/** Plain number with an optional sign (percentage points, hours). */
@Pipe({ name: 'signedNum', pure: false })
export class SignedNumPipe implements PipeTransform {
  private readonly languages = inject(LanguageService);

  transform(value: Numeric, decimals = 0, signed = true): string {
    return formatNumber(value, this.languages.locale(), decimals, signed);
  }
}

/** "2024-10" → "oktober 2024". */
@Pipe({ name: 'month', pure: false })
export class MonthPipe implements PipeTransform {
  private readonly languages = inject(LanguageService);

  transform(value: string | null | undefined, style: 'long' | 'short' = 'long'): string {
    return formatMonth(value, this.languages.locale(), style);
  }
}
