import { TestBed } from '@angular/core/testing';

import { LanguageService } from '../../core/i18n/language.service';
import { IsoDatePipe, NumPipe, PctPipe, SekPipe } from './format.pipes';

describe('Swedish formats', () => {
  let locale = 'sv-SE';

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [{ provide: LanguageService, useValue: { locale: () => locale } }],
    });
    locale = 'sv-SE';
  });

  const pipe = <T>(type: new () => T) => TestBed.runInInjectionContext(() => new type());
  const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

  it('writes kronor, numbers and percent the Swedish way', () => {
    expect(spaces(pipe(SekPipe).transform('1234567.40'))).toBe('1 234 567 kr');
    expect(spaces(pipe(NumPipe).transform('1234.5', 1))).toBe('1 234,5');
    // hours are shown as they are, never rounded to whole hours
    expect(spaces(pipe(NumPipe).transform('100.50'))).toBe('100,5');
    expect(spaces(pipe(NumPipe).transform('142.25'))).toBe('142,25');
    expect(spaces(pipe(NumPipe).transform('160.00'))).toBe('160');
    expect(spaces(pipe(PctPipe).transform('4.1'))).toBe('4,1 %');
    expect(pipe(SekPipe).transform(null)).toBe('–');
  });

  it('writes English numbers for English', () => {
    locale = 'en-GB';
    expect(pipe(NumPipe).transform('1234.5', 1)).toBe('1,234.5');
    expect(pipe(PctPipe).transform('4.1')).toBe('4.1%');
  });

  it('keeps ISO dates, and shows times in Swedish time', () => {
    expect(new IsoDatePipe().transform('2024-10-31')).toBe('2024-10-31');
    expect(new IsoDatePipe().transform('2024-10-31T13:05:00.000Z', true)).toBe('2024-10-31 14:05');
    // an instant late in the UTC evening is already the next day in Sweden
    expect(new IsoDatePipe().transform('2026-12-06T23:21:00.000Z')).toBe('2026-12-07');
    expect(new IsoDatePipe().transform('2026-07-01T22:30:00.000Z')).toBe('2026-07-02');
  });
});
