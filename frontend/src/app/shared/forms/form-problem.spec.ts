import { HttpErrorResponse } from '@angular/common/http';

import { readServerProblem } from './form-problem';

const FIELDS = ['validFrom', 'validTo', 'hourlyRate'] as const;

function apiError(status: number, body: unknown): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body, url: '/api/agreement/prices' });
}

describe('readServerProblem', () => {
  it('puts each validation detail on its field, by the kind of problem the message names', () => {
    const problem = readServerProblem(
      apiError(400, {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input',
        details: [
          { field: 'validTo', message: 'validTo must not be before validFrom' },
          { field: 'hourlyRate', message: 'hourlyRate must be a decimal string such as "1125.50"' },
          { field: 'validFrom', message: 'validFrom must be a date of the form YYYY-MM-DD' },
        ],
      }),
      { fields: FIELDS },
    );
    expect(problem).toEqual({
      status: 400,
      message: 'Invalid input',
      fields: { validTo: 'dateOrder', hourlyRate: 'amount', validFrom: 'date' },
      general: null,
    });
  });

  it('keeps the first problem of a field and reads nested paths by their first part, or as told', () => {
    const error = apiError(400, {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid input',
      details: [
        { field: 'lots.0', message: 'each lot must be one of LAKARE, SJUKSKOTERSKA' },
        { field: 'lots', message: 'lots is required' },
      ],
    });
    expect(readServerProblem(error, { fields: ['lots'] }).fields).toEqual({ lots: 'invalid' });
    const policy = readServerProblem(
      apiError(400, {
        details: [{ field: 'policy.karens.months', message: 'months must not be less than 1' }],
      }),
      {
        fields: ['karensMonths'],
        fieldOf: (path) => (path === 'policy.karens.months' ? 'karensMonths' : path),
      },
    );
    expect(policy.fields).toEqual({ karensMonths: 'invalid' });
  });

  it('reads a 409 with a field as the conflict this form knows: an overlap or a value in use', () => {
    const body = {
      statusCode: 409,
      code: 'CONFLICT',
      message: 'The validity period overlaps an existing price for the same key',
      details: [{ field: 'validFrom', message: 'overlaps an existing period' }],
    };
    expect(readServerProblem(apiError(409, body), { fields: FIELDS, conflict: 'overlap' })).toEqual({
      status: 409,
      message: 'The validity period overlaps an existing price for the same key',
      fields: { validFrom: 'overlap' },
      general: null,
    });
    expect(
      readServerProblem(
        apiError(409, { ...body, details: [{ field: 'organisationNumber', message: 'already registered' }] }),
        { fields: ['organisationNumber'] },
      ).fields,
    ).toEqual({ organisationNumber: 'duplicate' });
  });

  it('reads a 409 without details as a change made by someone else first, keeping the API message', () => {
    const problem = readServerProblem(
      apiError(409, {
        statusCode: 409,
        code: 'CONFLICT',
        message: 'The supplier was changed by someone else',
      }),
      { fields: FIELDS },
    );
    expect(problem).toEqual({
      status: 409,
      message: 'The supplier was changed by someone else',
      fields: {},
      general: 'stale',
    });
  });

  it('says the request was rejected when a detail names a field the form does not have', () => {
    const problem = readServerProblem(
      apiError(400, {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input',
        details: [
          { field: 'validFrom', message: 'validFrom is required' },
          { field: 'colour', message: 'unknown field' },
        ],
      }),
      { fields: FIELDS },
    );
    expect(problem.fields).toEqual({ validFrom: 'required' });
    expect(problem.general).toBe('rejected');
    const only = readServerProblem(apiError(400, { details: [{ field: 'colour', message: 'x' }] }), {
      fields: FIELDS,
    });
    expect([only.fields, only.general]).toEqual([{}, 'rejected']);
  });

  it('maps statuses without field details to one general problem', () => {
    const general = (error: unknown) => readServerProblem(error, { fields: FIELDS }).general;
    expect(general(apiError(403, { code: 'FORBIDDEN' }))).toBe('forbidden');
    expect(general(apiError(404, { code: 'NOT_FOUND' }))).toBe('notFound');
    expect(general(apiError(0, null))).toBe('offline');
    expect(general(apiError(500, { code: 'INTERNAL' }))).toBe('failed');
    expect(general(apiError(502, 'Bad gateway'))).toBe('failed');
    expect(readServerProblem(new Error('boom'), { fields: FIELDS })).toEqual({
      status: 0,
      message: null,
      fields: {},
      general: 'failed',
    });
  });
});
