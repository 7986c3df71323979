import { inject, Pipe, PipeTransform } from '@angular/core';

import { LanguageService } from '../../core/i18n/language.service';

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, options);
}

/** "1234567.50" → "1 234 568 kr" (Swedish) or "SEK 1,234,568" (English); exact strings in, rounded only for display. */
@Pipe({ name: 'sek', pure: false })
export class SekPipe implements PipeTransform {
  private readonly languages = inject(LanguageService);

  transform(value: string | number | null | undefined, decimals = 0): string {
    if (value === null || value === undefined || value === '') return '–';
    return numberFormat(this.languages.locale(), {
      style: 'currency',
      currency: 'SEK',
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }).format(Number(value));
  }
}

/**
 * Plain numbers (hours) with the language's separators: "1 234,5". Without `decimals` a value is
 * shown as it is, up to the two decimals hours and amounts have (100.50 h is "100,5", not "101"),
 * so that a sum shown beside its parts adds up; with `decimals` it is rounded to exactly that many.
 */
@Pipe({ name: 'num', pure: false })
export class NumPipe implements PipeTransform {
  private readonly languages = inject(LanguageService);

  transform(value: string | number | null | undefined, decimals?: number): string {
    if (value === null || value === undefined || value === '') return '–';
    return numberFormat(this.languages.locale(), {
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? 2,
    }).format(Number(value));
  }
}

/** A percentage already in percent ("4.1") → "4,1 %". */
@Pipe({ name: 'pct', pure: false })
export class PctPipe implements PipeTransform {
  private readonly languages = inject(LanguageService);

  transform(value: string | number | null | undefined, decimals = 1): string {
    if (value === null || value === undefined || value === '') return '–';
    return numberFormat(this.languages.locale(), {
      style: 'percent',
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }).format(Number(value) / 100);
  }
}

/**
 * The calendar date in Sweden of an ISO date or timestamp: a date ("2024-10-31") as it is, an
 * instant ("2026-12-06T23:21:00Z") as the date on a Swedish clock ("2026-12-07"), not UTC's.
 */
export function swedishDateOf(value: string): string {
  if (value.length <= 10) return value;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short' }).format(
    new Date(value),
  );
}

/** ISO date or timestamp → "2024-10-31" (and "2024-10-31 14:05" with time), the same in both languages; Swedish time. */
@Pipe({ name: 'isoDate' })
export class IsoDatePipe implements PipeTransform {
  transform(value: string | null | undefined, withTime = false): string {
    if (!value) return '–';
    if (!withTime) return swedishDateOf(value);
    const parts = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Stockholm',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(value));
    return parts;
  }
}
