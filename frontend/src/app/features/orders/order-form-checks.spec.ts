import { HttpErrorResponse } from '@angular/common/http';

import {
  checkJustification,
  checkOrderFields,
  justificationProblem,
  ORDER_FIELD_LABELS,
  parseHours,
  readOrderProblem,
} from './order-form-checks';

describe('the order form checks', () => {
  it('name the justification field that is empty or too short, the need first', () => {
    expect(justificationProblem({ patientSafetyNeed: '', alternativesTried: '' })).toBe('need');
    expect(justificationProblem({ patientSafetyNeed: '   kort    ', alternativesTried: '' })).toBe('need');
    expect(
      justificationProblem({
        patientSafetyNeed: 'Förlossningen saknar barnmorskor',
        alternativesTried: 'Pool',
      }),
    ).toBe('tried');
    expect(
      justificationProblem({
        patientSafetyNeed: 'Förlossningen saknar barnmorskor',
        alternativesTried: 'Poolen är fullbokad',
      }),
    ).toBeNull();
  });

  it('label the justification fields the API names', () => {
    expect(ORDER_FIELD_LABELS['justification.patientSafetyNeed']).toBe('orders.form.need');
    expect(ORDER_FIELD_LABELS['justification.alternativesTried']).toBe('orders.form.tried');
  });
});

describe('the order fields', () => {
  const valid = { unitId: 'u', periodStart: '2027-03-01', periodEnd: '2027-05-31', hours: '160' };

  it('name every empty field at once, so that each is marked', () => {
    expect(checkOrderFields({ unitId: '', periodStart: '', periodEnd: '', hours: '' })).toEqual({
      unitId: 'required',
      periodStart: 'required',
      periodEnd: 'required',
      hours: 'required',
    });
    expect(checkOrderFields(valid)).toEqual({});
  });

  it('take hours from 0,01 to 20 000 with two decimals, exactly, and refuse 99999999', () => {
    expect(parseHours('1 200,5')).toBe('1200.5');
    expect(parseHours('20000')).toBe('20000');
    expect(parseHours('0,01')).toBe('0.01');
    expect(parseHours('20000.01')).toBeNull();
    expect(parseHours('0')).toBeNull();
    expect(parseHours('1,234')).toBeNull();
    expect(checkOrderFields({ ...valid, hours: '99999999' })).toEqual({ hours: 'hours' });
  });

  it('want the last day on or after the first, within five years', () => {
    expect(checkOrderFields({ ...valid, periodEnd: '2027-02-28' })).toEqual({ periodEnd: 'dateOrder' });
    expect(checkOrderFields({ ...valid, periodEnd: '2032-03-01' })).toEqual({ periodEnd: 'periodTooLong' });
  });

  it('mark both parts of a justification that are too short', () => {
    expect(checkJustification({ patientSafetyNeed: 'kort', alternativesTried: '' })).toEqual({
      patientSafetyNeed: 'justification',
      alternativesTried: 'justification',
    });
  });
});

describe("the API's refusal of the order form", () => {
  const refusal = (status: number, body: unknown) =>
    new HttpErrorResponse({ status, error: body, url: '/api/orders/x/submit' });

  it("puts a missing justification at the need, in the API's field code, not in a sentence about the form", () => {
    const read = readOrderProblem(
      refusal(400, {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input: justification',
        details: [
          {
            field: 'justification',
            code: 'justificationNeeded',
            params: { rules: ['HIRING_STOP'] },
            message: 'the order needs a dispensation (HIRING_STOP)',
          },
        ],
      }),
    );
    expect(read.fields).toEqual({
      patientSafetyNeed: { code: 'justificationNeeded', params: { rules: ['HIRING_STOP'] } },
    });
    expect(read.ofFields).toBe(true);
    expect(read.noPrice).toBeNull();
  });

  it('marks the unit the user may not order for, and keeps a 409 with its code and current state', () => {
    expect(
      readOrderProblem(
        refusal(403, {
          statusCode: 403,
          code: 'UNIT_NOT_YOURS',
          message: 'You may not order for the unit',
          details: [{ field: 'unitId', code: 'notYours', message: 'not one of the units you order for' }],
        }),
      ).fields,
    ).toEqual({ unitId: { code: 'notYours' } });
    const stale = readOrderProblem(
      refusal(409, {
        statusCode: 409,
        code: 'ORDER_WRONG_STATE',
        message: 'Cannot change the order: it is APPROVED',
        params: { currentStatus: 'APPROVED' },
      }),
    );
    expect(stale.ofFields).toBe(false);
    expect(stale.problem.code).toBe('ORDER_WRONG_STATE');
    expect(stale.problem.params).toEqual({ currentStatus: 'APPROVED' });
  });

  it('reads a missing price as the problem of the requested rate, which the form does not show', () => {
    const read = readOrderProblem(
      refusal(400, {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input: requestedHourlyRate',
        details: [{ field: 'requestedHourlyRate', code: 'priceMissing', message: 'no price' }],
      }),
    );
    expect(read.noPrice).toEqual({ code: 'priceMissing' });
    expect(read.fields).toEqual({});
    expect(read.ofFields).toBe(true);
  });
});
