import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { addMonths } from '@hyrkoll/domain';
import { TranslocoDirective } from '@jsverse/transloco';

import { LanguageService } from '../../core/i18n/language.service';
import { KeyFigures } from './dashboard-data';
import { formatMonthSpan, MonthPipe, MsekPipe, PercentPipe, SignedNumPipe } from './dashboard-format';

/**
 * The tiles at the top: the SKR ratio R12 against the 2 % target and a year ago; hired cost
 * year to date against the same period last year (per profession group for the whole region);
 * hired cost R12; purchased hours year to date.
 */
@Component({
  selector: 'hk-key-figures',
  imports: [TranslocoDirective, MsekPipe, PercentPipe, SignedNumPipe, MonthPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './key-figures.component.html',
  styleUrl: './key-figures.component.scss',
})
export class KeyFiguresComponent {
  private readonly languages = inject(LanguageService);

  readonly figures = input.required<KeyFigures>();
  readonly selectionLabel = input.required<string>();

  protected readonly spans = computed(() => {
    const f = this.figures();
    const locale = this.languages.locale();
    return {
      ytd: formatMonthSpan(f.ytdFrom, f.month, locale),
      ytdLastYear: formatMonthSpan(addMonths(f.ytdFrom, -12), addMonths(f.month, -12), locale),
      r12: formatMonthSpan(addMonths(f.month, -11), f.month, locale),
      yearAgo: addMonths(f.month, -12),
    };
  });

  /** Whether the ratio is above the target (positive distance). */
  protected above(points: string | null): boolean {
    return points !== null && Number(points) > 0;
  }
}
