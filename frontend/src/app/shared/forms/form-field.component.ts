import { ChangeDetectionStrategy, Component, computed, Directive, inject, input } from '@angular/core';

/**
 * One labelled form field: the label, the control (projected, marked `hkFieldControl`), a hint
 * and the message of what is wrong. The control gets the field's id, `aria-invalid` and an
 * `aria-describedby` that names the hint and the message, so that a screen reader reads them
 * together with the label.
 */
@Component({
  selector: 'hk-form-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'field' },
  template: `
    <label [for]="fieldId()">{{ label() }}</label>
    <ng-content />
    @if (hint(); as hint) {
      <p class="hint" [id]="hintId()">{{ hint }}</p>
    }
    @if (error(); as error) {
      <p class="field-error" [id]="errorId()">{{ error }}</p>
    }
  `,
  styleUrl: './form-field.component.scss',
})
export class FormFieldComponent {
  /** The control's id; the hint and the message take it with `-hint` and `-error`. */
  readonly fieldId = input.required<string>();
  readonly label = input.required<string>();
  readonly hint = input<string | null>(null);
  /** What is wrong with the value, or null when nothing is. */
  readonly error = input<string | null>(null);
  /** Ids of descriptions outside the field, such as a hint that several fields share. */
  readonly describedBy = input<string | null>(null);

  protected readonly hintId = computed(() => `${this.fieldId()}-hint`);
  protected readonly errorId = computed(() => `${this.fieldId()}-error`);
  readonly invalid = computed(() => this.error() !== null);
  readonly descriptions = computed(() => {
    const ids = [
      this.describedBy(),
      this.hint() ? this.hintId() : null,
      this.invalid() ? this.errorId() : null,
    ];
    return ids.filter((id) => id !== null).join(' ') || null;
  });
}

/** Marks the control of an `hk-form-field`: it takes the field's id and descriptions. */
@Directive({
  selector: '[hkFieldControl]',
  host: {
    '[id]': 'field.fieldId()',
    '[attr.aria-invalid]': 'field.invalid()',
    '[attr.aria-describedby]': 'field.descriptions()',
  },
})
export class FieldControlDirective {
  protected readonly field = inject(FormFieldComponent);
}

/** What a template imports to write form fields. */
export const FORM_FIELD = [FormFieldComponent, FieldControlDirective] as const;
