import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

import type { FieldProblem } from '../../shared/forms/form-problem';
import { fieldProblemText } from '../../shared/forms/problem-text';
import type { Translate } from '../../shared/translate';

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
 * What to show under a field: the API's verdict on the value it was sent (`taken` is the field's
 * own words for a value already in use), else the field's own checks once the user has been there.
 */
export function fieldError(
  control: AbstractControl | null,
  server: FieldProblem | undefined,
  t: Translate,
  taken?: string,
): string | null {
  if (server) return server.code === 'duplicate' && taken ? taken : fieldProblemText(server, t);
  const message = control?.touched ? messageOf(control.errors) : null;
  return message && t('admin.error.' + message.key, message.params);
}

/** Text with something other than spaces. */
export const notBlank: ValidatorFn = (control: AbstractControl<string>) =>
  (control.value ?? '').trim() === '' ? { blank: true } : null;

/** Area codes and cost centres: 1–32 letters, digits, - or _ (they are keys in the import files). */
export const codeFormat: ValidatorFn = (control: AbstractControl<string>) =>
  /^[A-Za-z0-9_-]{1,32}$/.test((control.value ?? '').trim()) ? null : { code: true };
