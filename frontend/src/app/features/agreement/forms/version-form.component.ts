import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
} from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { TranslocoDirective } from '@jsverse/transloco';

import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import type { SubmissionState } from './form-submission';
import { FormAlertComponent, problemText } from './problem-messages.component';

/**
 * The card to add a version of agreement data. The fields that set the version apart are
 * projected (bound with `[formControl]`, since the form element is this card's); the card adds
 * the validity period, what the new version closes, the alert and the button.
 */
@Component({
  selector: 'hk-version-form',
  imports: [ReactiveFormsModule, TranslocoDirective, FormAlertComponent, FORM_FIELD],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../agreement-page.scss',
  template: `
    <section class="form-card" [attr.aria-labelledby]="headingId()" *transloco="let t">
      <h3 [id]="headingId()">{{ heading() }}</h3>
      @if (intro(); as intro) {
        <p class="muted">{{ intro }}</p>
      }
      <form [formGroup]="form()" (ngSubmit)="save.emit()" novalidate>
        <div class="form-grid">
          <ng-content />
          <hk-form-field
            [fieldId]="idPrefix() + '-from'"
            [label]="t('agreement.period.validFrom')"
            [error]="problemText(submission().problems().validFrom, t)"
          >
            <input hkFieldControl type="date" formControlName="validFrom" />
          </hk-form-field>
          <hk-form-field
            [fieldId]="idPrefix() + '-to'"
            [label]="t('agreement.period.validToOptional')"
            [hint]="t('agreement.period.validToHint')"
            [error]="problemText(submission().problems().validTo, t)"
          >
            <input hkFieldControl type="date" formControlName="validTo" />
          </hk-form-field>
        </div>
        <div aria-live="polite">
          @if (closes(); as closes) {
            <p class="notice">{{ closes }}</p>
          }
        </div>
        <hk-form-alert [alert]="submission().alert()" />
        <button type="submit" [disabled]="submission().busy()">{{ submitLabel() }}</button>
      </form>
    </section>
  `,
})
export class VersionFormComponent {
  /** Prefix of the element ids, unique on the page: `price` gives `price-from` and `new-price-heading`. */
  readonly idPrefix = input.required<string>();
  readonly heading = input.required<string>();
  readonly intro = input<string | null>(null);
  /** The version's form; the card binds its controls `validFrom` and `validTo` (text, ISO dates). */
  readonly form = input.required<FormGroup>();
  readonly submission = input.required<SubmissionState<'validFrom' | 'validTo'>>();
  /** What adding the version does to the one in force, or null when it closes none. */
  readonly closes = input<string | null>(null);
  readonly submitLabel = input.required<string>();
  readonly save = output<void>();
  /** The card's element, around every field of the form. */
  readonly host: HTMLElement = inject(ElementRef).nativeElement;

  protected readonly headingId = computed(() => `new-${this.idPrefix()}-heading`);
  protected readonly problemText = problemText;
}
