import { HttpErrorResponse } from '@angular/common/http';

import { alertFor, readApiError } from './problems';

const FIELDS = ['validFrom', 'validTo', 'hourlyRate'] as const;

function apiError(status: number, body: unknown): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body, url: '/api/agreement/prices' });
}

describe('readApiError', () => {
  it('puts each validation detail on its field, by the kind of problem the message names', () => {
    const problem = readApiError(
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
      FIELDS,
    );
    expect(problem).toEqual({
      fields: { validTo: 'dateOrder', hourlyRate: 'amount', validFrom: 'date' },
      general: null,
    });
  });

  it('keeps the first problem of a field and reads nested paths by their first part', () => {
    const problem = readApiError(
      apiError(400, {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input',
        details: [
          { field: 'lots.0', message: 'each lot must be one of LAKARE, SJUKSKOTERSKA' },
          { field: 'lots', message: 'lots is required' },
        ],
      }),
      ['lots'] as const,
    );
    expect(problem.fields).toEqual({ lots: 'invalid' });
  });

  it('reads a 409 with a field as the conflict this form knows: an overlap or a duplicate', () => {
    const body = {
      statusCode: 409,
      code: 'CONFLICT',
      message: 'The validity period overlaps an existing price for the same key',
      details: [{ field: 'validFrom', message: 'overlaps an existing period' }],
    };
    expect(readApiError(apiError(409, body), FIELDS, 'overlap')).toEqual({
      fields: { validFrom: 'overlap' },
      general: null,
    });
    expect(
      readApiError(
        apiError(409, { ...body, details: [{ field: 'organisationNumber', message: 'already registered' }] }),
        ['organisationNumber'] as const,
      ).fields,
    ).toEqual({ organisationNumber: 'duplicate' });
  });

  it('reads a 409 without details as a change made by someone else first', () => {
    const problem = readApiError(
      apiError(409, {
        statusCode: 409,
        code: 'CONFLICT',
        message: 'The supplier was changed by someone else',
      }),
      FIELDS,
    );
    expect(problem).toEqual({ fields: {}, general: 'stale' });
  });

  it('says the request was rejected when a detail names a field the form does not have', () => {
    const problem = readApiError(
      apiError(400, {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input',
        details: [
          { field: 'validFrom', message: 'validFrom is required' },
          { field: 'colour', message: 'unknown field' },
        ],
      }),
      FIELDS,
    );
    expect(problem).toEqual({ fields: { validFrom: 'required' }, general: 'rejected' });
    expect(readApiError(apiError(400, { details: [{ field: 'colour', message: 'x' }] }), FIELDS)).toEqual({
      fields: {},
      general: 'rejected',
    });
  });

  it('maps statuses without field details to one general problem', () => {
    expect(readApiError(apiError(403, { code: 'FORBIDDEN' }), FIELDS).general).toBe('forbidden');
    expect(readApiError(apiError(404, { code: 'NOT_FOUND' }), FIELDS).general).toBe('notFound');
    expect(readApiError(apiError(0, null), FIELDS).general).toBe('offline');
    expect(readApiError(apiError(500, { code: 'INTERNAL' }), FIELDS).general).toBe('failed');
    expect(readApiError(apiError(502, 'Bad gateway'), FIELDS).general).toBe('failed');
    expect(readApiError(new Error('boom'), FIELDS).general).toBe('failed');
  });
});

describe('alertFor', () => {
  it('names an overlap, points at the fields otherwise, and passes general problems on', () => {
    expect(alertFor({ fields: { validFrom: 'overlap' }, general: null })).toBe('overlap');
    expect(alertFor({ fields: { validFrom: 'date' }, general: null })).toBe('refused');
    expect(alertFor({ fields: {}, general: 'stale' })).toBe('stale');
  });
});
