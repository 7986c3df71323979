import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import type { FieldProblem } from './api-problem';
import { fieldProblemText } from './problem-text';

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
      <p class="field-error" [id]="errorId()" *transloco="let t">{{ fieldProblemText(problem, t) }}</p>
    }
  `,
  styleUrl: './field-error.component.scss',
})
export class FieldErrorComponent {
  readonly problem = input<FieldProblem | null | undefined>(null);
  /** The id the controls' `aria-describedby` names. */
  readonly errorId = input.required<string>();

  protected readonly fieldProblemText = fieldProblemText;
}
