import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, Validators } from '@angular/forms';

import { apiProblem, fieldProblem, isGeneralProblem } from './api-problem';
import { codeFormat, fieldMessage, messageOf, notBlank } from './form-errors';
import { changedFields } from './org-changes';
import { memoByTranslator } from './translate-memo';

const httpError = (status: number, error: unknown) => new HttpErrorResponse({ status, error });

describe('problems the API reports', () => {
  it('reads the field-keyed details, the first message per field', () => {
    const problem = apiProblem(
      httpError(409, {
        statusCode: 409,
        code: 'CONFLICT',
        message: 'A unit with the cost centre 120101 already exists in the region',
        details: [
          { field: 'costCentre', message: 'already in use in the region' },
          { field: 'costCentre', message: 'second' },
        ],
      }),
    );
    expect(problem).toEqual({
      status: 409,
      message: 'A unit with the cost centre 120101 already exists in the region',
      fields: { costCentre: 'already in use in the region' },
    });
    expect(fieldProblem(problem, 'costCentre')).toBe('taken');
    expect(fieldProblem(problem, 'name')).toBeNull();
    expect(isGeneralProblem(problem, ['costCentre', 'name'])).toBe(false);
  });

  it('copes with a body without details, a body that is not JSON, and no answer at all', () => {
    const stale = apiProblem(httpError(409, { statusCode: 409, code: 'CONFLICT', message: 'changed' }));
    expect(stale).toEqual({ status: 409, message: 'changed', fields: {} });
    expect(isGeneralProblem(stale, ['name'])).toBe(true);
    expect(apiProblem(httpError(502, '<html>Bad gateway</html>'))).toEqual({
      status: 502,
      message: null,
      fields: {},
    });
    expect(apiProblem(new Error('offline'))).toEqual({ status: 0, message: null, fields: {} });
    const invalid = apiProblem(
      httpError(400, {
        message: 'Invalid input: areaId',
        details: [{ field: 'areaId', message: 'no such area' }],
      }),
    );
    expect(fieldProblem(invalid, 'areaId')).toBe('invalid');
  });
});

describe('field messages', () => {
  it('shows the server verdict first, then the field checks once touched', () => {
    const control = new FormControl('', [Validators.required, codeFormat]);
    expect(fieldMessage(control, null)).toBeNull();
    control.markAsTouched();
    expect(fieldMessage(control, null)).toEqual({ key: 'required', params: {} });
    control.setValue('12 01');
    expect(fieldMessage(control, null)).toEqual({ key: 'code', params: {} });
    control.setValue('120101');
    expect(fieldMessage(control, null)).toBeNull();
    expect(fieldMessage(control, 'taken')).toEqual({ key: 'taken', params: {} });
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

  it('rebuilds what depends on the translator only when the translator changes', () => {
    let builds = 0;
    const columns = memoByTranslator((t) => {
      builds++;
      return [t('a')];
    });
    const sv = (key: string) => `sv:${key}`;
    const en = (key: string) => `en:${key}`;
    expect(columns(sv)).toBe(columns(sv));
    expect(columns(en)).toEqual(['en:a']);
    expect(builds).toBe(2);
  });
});
