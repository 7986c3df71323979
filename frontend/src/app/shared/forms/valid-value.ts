import type { Checked } from './form-problem';

/** The part of a reactive form that `validValue` uses. */
interface CheckedForm<T> {
  readonly invalid: boolean;
  markAllAsTouched(): void;
  getRawValue(): T;
}

/**
 * The form's values once they pass its validators; else null, with every field marked as
 * touched so that each shows what is wrong with it.
 */
export function validValue<T>(form: CheckedForm<T>): T | null {
  if (form.invalid) {
    form.markAllAsTouched();
    return null;
  }
  return form.getRawValue();
}

/** `validValue` as the check of a `FormSubmission`: the body is the form's value. */
export function checkedValue<T>(form: CheckedForm<T>): Checked<never, T> {
  const value = validValue(form);
  return value === null ? { ok: false, problems: {} } : { ok: true, body: value };
}
