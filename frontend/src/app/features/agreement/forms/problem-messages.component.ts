import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';
import type { FieldProblem, GeneralProblem } from './problems';

/**
 * The message under a form field. The field points at it with `aria-describedby` (the same id)
 * and `aria-invalid`, so that a screen reader reads the problem together with the label.
 */
@Component({
  selector: 'hk-field-error',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (problem(); as problem) {
      <p class="field-error" [id]="errorId()" *transloco="let t">
        @switch (problem) {
          @case ('required') {
            {{ t('agreement.problem.required') }}
          }
          @case ('date') {
            {{ t('agreement.problem.date') }}
          }
          @case ('dateOrder') {
            {{ t('agreement.problem.dateOrder') }}
          }
          @case ('amount') {
            {{ t('agreement.problem.amount') }}
          }
          @case ('positive') {
            {{ t('agreement.problem.positive') }}
          }
          @case ('orgNumber') {
            {{ t('agreement.problem.orgNumber') }}
          }
          @case ('personalNumber') {
            {{ t('agreement.problem.personalNumber') }}
          }
          @case ('tooLong') {
            {{ t('agreement.problem.tooLong', { max: max() }) }}
          }
          @case ('lots') {
            {{ t('agreement.problem.lots') }}
          }
          @case ('level') {
            {{ t('agreement.problem.level') }}
          }
          @case ('zone') {
            {{ t('agreement.problem.zone') }}
          }
          @case ('duplicate') {
            {{ t('agreement.problem.duplicate') }}
          }
          @case ('overlap') {
            {{ t('agreement.problem.overlap') }}
          }
          @default {
            {{ t('agreement.problem.invalid') }}
          }
        }
      </p>
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
  /** The id the field's `aria-describedby` names. */
  readonly errorId = input.required<string>();
  /** The longest text allowed, for `tooLong`. */
  readonly max = input<number>(0);
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
