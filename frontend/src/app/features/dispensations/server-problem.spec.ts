import { HttpErrorResponse } from '@angular/common/http';

import { serverProblem } from './server-problem';

const LABELS = {
  validTo: 'dispensations.validTo',
  justification: 'orderForm.justification',
  'justification.patientSafetyNeed': 'orderForm.need',
};

const answer = (status: number, error: unknown) => new HttpErrorResponse({ status, error });

describe('serverProblem', () => {
  it('reads a 409 as someone else being first, with the state the API named', () => {
    const error = answer(409, {
      statusCode: 409,
      code: 'INVALID_STATE',
      message: 'Cannot approve the dispensation: it is APPROVED',
      details: { currentStatus: 'APPROVED', version: 3 },
    });
    expect(serverProblem(error, LABELS)).toEqual({ kind: 'stale', status: 'APPROVED' });
    expect(serverProblem(answer(409, { message: 'changed' }), LABELS)).toEqual({
      kind: 'stale',
      status: null,
    });
  });

  it('names the fields of a 400 by their labels, a nested one by its nearest labelled parent', () => {
    const error = answer(400, {
      code: 'VALIDATION_FAILED',
      message: 'Validation failed',
      details: [
        { field: 'justification.alternativesTried', message: 'too short' },
        { field: 'justification.patientSafetyNeed', message: 'too short' },
        { field: 'validTo', message: 'before validFrom' },
      ],
    });
    expect(serverProblem(error, LABELS)).toEqual({
      kind: 'fields',
      labels: ['orderForm.justification', 'orderForm.need', 'dispensations.validTo'],
    });
  });

  it("falls back to the server's message, and to a general failure without one", () => {
    const unknownField = answer(400, {
      message: 'hours is wrong',
      details: [{ field: 'hours', message: 'x' }],
    });
    expect(serverProblem(unknownField, LABELS)).toEqual({ kind: 'message', message: 'hours is wrong' });
    expect(serverProblem(answer(403, { message: 'Not a decider' }), LABELS)).toEqual({
      kind: 'message',
      message: 'Not a decider',
    });
    expect(serverProblem(answer(0, null), LABELS)).toEqual({ kind: 'failed' });
    expect(serverProblem(new Error('boom'), LABELS)).toEqual({ kind: 'failed' });
  });
});
