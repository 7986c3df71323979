import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { TranslocoDirective } from '@jsverse/transloco';

import { FormCardComponent } from '../../../shared/form-card/form-card.component';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import type { SubmissionView } from '../../../shared/forms/form-submission';
import { fieldProblemText, formAlertText } from '../../../shared/forms/problem-text';

/**
 * The card to add a version of agreement data. The fields that set the version apart are
 * projected (bound with `[formControl]`, since the form element is the card's); the card adds
 * the validity period and what the new version closes.
 */
@Component({
  selector: 'hk-version-form',
  imports: [ReactiveFormsModule, TranslocoDirective, FormCardComponent, FORM_FIELD],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../agreement-page.scss',
  templateUrl: './version-form.component.html',
})
export class VersionFormComponent {
  /** Prefix of the element ids, unique on the page: `price` gives `price-from` and `new-price-heading`. */
  readonly idPrefix = input.required<string>();
  readonly heading = input.required<string>();
  readonly intro = input<string | null>(null);
  /** The version's form is the submission's; the card binds its controls `validFrom` and `validTo` (ISO dates). */
  readonly submission = input.required<SubmissionView<'validFrom' | 'validTo'>>();
  /** What adding the version does to the one in force, or null when it closes none. */
  readonly closes = input<string | null>(null);
  readonly submitLabel = input.required<string>();
  readonly save = output<void>();

  protected readonly period = computed(() => ({
    from: this.submission().form.get('validFrom') as FormControl<string>,
    to: this.submission().form.get('validTo') as FormControl<string>,
  }));
  protected readonly fieldProblemText = fieldProblemText;
  protected readonly formAlertText = formAlertText;
}
