import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import type { FieldProblem, GeneralProblem, ServerProblem } from '../../../shared/forms/form-problem';
import type { Translate } from '../../../shared/translate';

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
  styleUrl: './field-error.component.scss',
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

/** The alert for a refused request: an overlap is named as such, other field problems point at the fields. */
export function alertFor(problem: ServerProblem): GeneralProblem | 'refused' | 'overlap' {
  if (problem.general) return problem.general;
  return Object.values(problem.fields).includes('overlap') ? 'overlap' : 'refused';
}

/** The alert of a form: its fields need fixing, or what the API said; null while neither. */
export function formAlert(submission: {
  invalid: () => boolean;
  problem: () => ServerProblem | null;
}): FormAlert | null {
  const problem = submission.problem();
  return submission.invalid() ? 'form' : problem && alertFor(problem);
}

/** The text of an alert above a form's buttons. */
export function alertText(alert: FormAlert | null, t: Translate): string | null {
  switch (alert) {
    case null:
      return null;
    case 'form':
      return t('agreement.alert.form');
    case 'refused':
      return t('agreement.alert.refused');
    case 'overlap':
      return t('agreement.alert.overlap');
    case 'stale':
      return t('agreement.alert.stale');
    case 'forbidden':
      return t('agreement.alert.forbidden');
    case 'notFound':
      return t('agreement.alert.notFound');
    case 'offline':
      return t('agreement.alert.offline');
    case 'rejected':
      return t('agreement.alert.rejected');
    default:
      return t('agreement.alert.failed');
  }
}
