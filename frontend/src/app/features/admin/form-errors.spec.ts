import { FormControl, Validators } from '@angular/forms';

import { codeFormat, fieldError, messageOf, notBlank } from './form-errors';
import { changedFields } from './org-changes';

/** A translate function that shows which key was asked for. */
const t = (key: string, params?: Record<string, unknown>) =>
  params ? `${key}${JSON.stringify(params)}` : key;

describe('field messages', () => {
  it('shows the API verdict first, then the field checks once touched', () => {
    const control = new FormControl('', [Validators.required, codeFormat]);
    expect(fieldError(control, undefined, t)).toBeNull();
    control.markAsTouched();
    expect(fieldError(control, undefined, t)).toBe('admin.error.required{}');
    control.setValue('12 01');
    expect(fieldError(control, undefined, t)).toBe('admin.error.code{}');
    control.setValue('120101');
    expect(fieldError(control, undefined, t)).toBeNull();
    expect(fieldError(control, { code: 'duplicate' }, t)).toBe('errors.field.duplicate{}');
    expect(fieldError(control, { code: 'duplicate' }, t, 'Kostnadsstället används redan.')).toBe(
      'Kostnadsstället används redan.',
    );
    expect(fieldError(control, { code: 'maxLength', params: { max: 200 } }, t)).toBe(
      'errors.field.maxLength{"max":"200"}',
    );
  });

  it('names the limits of a length check, and refuses blank text', () => {
    expect(messageOf(Validators.minLength(10)(new FormControl('short')))).toEqual({
      key: 'minLength',
      params: { min: 10 },
    });
    expect(messageOf(notBlank(new FormControl('   ')))).toEqual({ key: 'required', params: {} });
    expect(codeFormat(new FormControl('NSO-SKE_2'))).toBeNull();
    expect(codeFormat(new FormControl('x'.repeat(33)))).toEqual({ code: true });
    expect(codeFormat(new FormControl('Umeå'))).toEqual({ code: true });
  });
});

describe('changes sent to the API', () => {
  it('sends only the fields that changed', () => {
    const current = { costCentre: '120101', name: 'HC Norrböle', areaId: 'a1' };
    expect(changedFields({ costCentre: '120101', name: 'HC Norrböle', areaId: 'a2' }, current)).toEqual({
      areaId: 'a2',
    });
    expect(changedFields(current, current)).toEqual({});
  });
});
