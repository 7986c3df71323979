import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

import { ApiProblem, FieldProblem, fieldProblem } from './api-problem';
import type { Translate } from './translate-memo';

/** A message to show under a field: a key under `admin.error.` with its parameters. */
export interface FieldMessage {
  key: string;
  params: Record<string, string | number>;
}

/** The first problem of a field's validators, in the order a user would fix them. */
export function messageOf(errors: ValidationErrors | null): FieldMessage | null {
  if (!errors) return null;
  if (errors['required']) return { key: 'required', params: {} };
  if (errors['blank']) return { key: 'required', params: {} };
  if (errors['email']) return { key: 'email', params: {} };
  if (errors['minlength']) return { key: 'minLength', params: { min: errors['minlength'].requiredLength } };
  if (errors['maxlength']) return { key: 'maxLength', params: { max: errors['maxlength'].requiredLength } };
  if (errors['code']) return { key: 'code', params: {} };
  if (errors['wholeNumber']) return { key: 'wholeNumber', params: {} };
  if (errors['range'])
    return { key: 'range', params: { min: errors['range'].min, max: errors['range'].max } };
  if (errors['amount']) return { key: 'amount', params: {} };
  if (errors['tooMany']) return { key: 'tooMany', params: { max: errors['tooMany'].max } };
  if (errors['lineTooLong']) return { key: 'lineTooLong', params: { length: errors['lineTooLong'].length } };
  return { key: 'invalid', params: {} };
}

/**
 * What to show under a field: the server's verdict on the value it was sent, else the
 * field's own validation once the user has been there (or tried to save).
 */
export function fieldMessage(control: AbstractControl, server: FieldProblem | null): FieldMessage | null {
  if (server) return { key: server, params: {} };
  return control.touched ? messageOf(control.errors) : null;
}

/** The message under a field of `form`, from the API's problem with the values sent or the field's checks. */
export function formFieldMessage(
  form: AbstractControl,
  field: string,
  problem: ApiProblem | null,
): FieldMessage | null {
  const control = form.get(field);
  return control ? fieldMessage(control, fieldProblem(problem, field)) : null;
}

/** The text of a message; `taken` is the field's own words for a value that is already in use. */
export function messageText(message: FieldMessage | null, t: Translate, taken?: string): string | null {
  if (!message) return null;
  return message.key === 'taken' && taken !== undefined
    ? taken
    : t('admin.error.' + message.key, message.params);
}

/** Text with something other than spaces. */
export const notBlank: ValidatorFn = (control: AbstractControl<string>) =>
  (control.value ?? '').trim() === '' ? { blank: true } : null;

/** Area codes and cost centres: 1–32 letters, digits, - or _ (they are keys in the import files). */
export const codeFormat: ValidatorFn = (control: AbstractControl<string>) =>
  /^[A-Za-z0-9_-]{1,32}$/.test((control.value ?? '').trim()) ? null : { code: true };
