import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import type { Translate } from '../labels';
import type { FieldProblem, GeneralProblem } from './problems';

/** The message for what is wrong with a field; `max` is the longest text allowed, for `tooLong`. */
export function problemText(problem: FieldProblem | null | undefined, t: Translate, max = 0): string | null {
  switch (problem) {
    case null:
    case undefined:
      return null;
    case 'required':
      return t('agreement.problem.required');
    case 'date':
      return t('agreement.problem.date');
    case 'dateOrder':
      return t('agreement.problem.dateOrder');
    case 'amount':
      return t('agreement.problem.amount');
    case 'positive':
      return t('agreement.problem.positive');
    case 'orgNumber':
      return t('agreement.problem.orgNumber');
    case 'personalNumber':
      return t('agreement.problem.personalNumber');
    case 'tooLong':
      return t('agreement.problem.tooLong', { max });
    case 'lots':
      return t('agreement.problem.lots');
    case 'level':
      return t('agreement.problem.level');
    case 'zone':
      return t('agreement.problem.zone');
    case 'duplicate':
      return t('agreement.problem.duplicate');
    case 'overlap':
      return t('agreement.problem.overlap');
    default:
      return t('agreement.problem.invalid');
  }
}

/**
 * The message under a group of fields that has no single control, such as a set of checkboxes.
 * The controls point at it with `aria-describedby` (the same id) and `aria-invalid`.
 */
@Component({
  selector: 'hk-field-error',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (problem(); as problem) {
      <p class="field-error" [id]="errorId()" *transloco="let t">{{ problemText(problem, t, max()) }}</p>
    }
  `,
  styles: `
    .field-error {
      margin: 0;
      color: var(--hk-error);
      font-size: 0.9rem;
    }
  `,
})
export class FieldErrorComponent {
  readonly problem = input<FieldProblem | null | undefined>(null);
  /** The id the controls' `aria-describedby` names. */
  readonly errorId = input.required<string>();
  /** The longest text allowed, for `tooLong`. */
  readonly max = input<number>(0);

  protected readonly problemText = problemText;
}

/** What went wrong with a whole form: its fields need fixing, or the API refused or failed. */
export type FormAlert = GeneralProblem | 'form' | 'refused' | 'overlap';

/** The alert above a form's buttons; announced as soon as it appears. */
@Component({
  selector: 'hk-form-alert',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (alert(); as alert) {
      <p class="notice notice--error" role="alert" *transloco="let t">
        @switch (alert) {
          @case ('form') {
            {{ t('agreement.alert.form') }}
          }
          @case ('refused') {
            {{ t('agreement.alert.refused') }}
          }
          @case ('overlap') {
            {{ t('agreement.alert.overlap') }}
          }
          @case ('stale') {
            {{ t('agreement.alert.stale') }}
          }
          @case ('forbidden') {
            {{ t('agreement.alert.forbidden') }}
          }
          @case ('notFound') {
            {{ t('agreement.alert.notFound') }}
          }
          @case ('offline') {
            {{ t('agreement.alert.offline') }}
          }
          @case ('rejected') {
            {{ t('agreement.alert.rejected') }}
          }
          @default {
            {{ t('agreement.alert.failed') }}
          }
        }
      </p>
    }
  `,
})
export class FormAlertComponent {
  readonly alert = input<FormAlert | null>(null);
}
