import { HttpErrorResponse } from '@angular/common/http';

import { apiProblemOf } from './api-problem';
import { readServerProblem } from './form-problem';

const FIELDS = ['validFrom', 'validTo', 'hourlyRate'] as const;

function apiError(status: number, body: unknown): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body, url: '/api/agreement/prices' });
}

describe('apiProblemOf', () => {
  it('keeps the code, its params and each field code, and drops the English message', () => {
    const problem = apiProblemOf(
      apiError(403, {
        statusCode: 403,
        code: 'PERMISSION_MISSING',
        message: 'This needs the permission dispensation:decide',
        params: { permission: 'dispensation:decide' },
      }),
    );
    expect(problem).toEqual({
      status: 403,
      code: 'PERMISSION_MISSING',
      params: { permission: 'dispensation:decide' },
      fields: {},
    });
    expect(JSON.stringify(problem)).not.toContain('This needs');
  });

  it('falls back on the general code of the status for a code it does not know', () => {
    expect(apiProblemOf(apiError(409, { code: 'SOMETHING_NEW', message: 'x' })).code).toBe('CONFLICT');
    expect(apiProblemOf(apiError(403, {})).code).toBe('FORBIDDEN');
    expect(apiProblemOf(apiError(502, 'Bad gateway')).code).toBe('INTERNAL');
  });

  it('tells no answer (offline) from an error that is not the API’s (failed)', () => {
    expect(apiProblemOf(new HttpErrorResponse({ status: 0 })).code).toBe('OFFLINE');
    expect(apiProblemOf(new TypeError('x')).code).toBe('FAILED');
  });
});

describe('readServerProblem', () => {
  it('puts each field problem on its field, by its code and params', () => {
    const { problem, fields } = readServerProblem(
      apiError(400, {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input',
        details: [
          { field: 'validTo', code: 'dateOrder', params: { after: 'validFrom' }, message: 'x' },
          { field: 'hourlyRate', code: 'decimal', params: { maxDigits: 5 }, message: 'x' },
          { field: 'validFrom', code: 'date', message: 'x' },
        ],
      }),
      { fields: FIELDS },
    );
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(fields).toEqual({
      validTo: { code: 'dateOrder', params: { after: 'validFrom' } },
      hourlyRate: { code: 'decimal', params: { maxDigits: 5 } },
      validFrom: { code: 'date' },
    });
  });

  it('keeps the first problem of a field, reads nested paths by their first part or as told', () => {
    const error = apiError(400, {
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'lots.0', code: 'oneOf', params: { allowed: ['LAKARE'] }, message: 'x' },
        { field: 'lots', code: 'required', message: 'x' },
      ],
    });
    expect(readServerProblem(error, { fields: ['lots'] }).fields).toEqual({
      lots: { code: 'oneOf', params: { allowed: ['LAKARE'] } },
    });
    const policy = apiError(400, {
      code: 'VALIDATION_FAILED',
      details: [{ field: 'policy.karens.months', code: 'min', params: { min: 1 }, message: 'x' }],
    });
    expect(
      readServerProblem(policy, { fields: ['karensMonths'], fieldOf: () => 'karensMonths' }).fields,
    ).toEqual({ karensMonths: { code: 'min', params: { min: 1 } } });
  });

  it('reads an unknown field code as `invalid` and leaves fields the form does not have out', () => {
    const { problem, fields } = readServerProblem(
      apiError(400, {
        code: 'VALIDATION_FAILED',
        details: [
          { field: 'validFrom', code: 'somethingNew', message: 'x' },
          { field: 'other', code: 'required', message: 'x' },
        ],
      }),
      { fields: FIELDS },
    );
    expect(fields).toEqual({ validFrom: { code: 'invalid' } });
    expect(problem.fields['other']).toEqual({ code: 'required' });
  });
});
