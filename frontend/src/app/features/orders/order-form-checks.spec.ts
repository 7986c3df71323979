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
  const today = '2026-12-07';
  const valid = { unitId: 'u', periodStart: '2027-03-01', periodEnd: '2027-05-31', hours: '160' };
  const check = (v: Partial<typeof valid>) => checkOrderFields({ ...valid, ...v }, today);

  it("name every empty field at once in the API's field code, so that each is marked", () => {
    expect(checkOrderFields({ unitId: '', periodStart: '', periodEnd: '', hours: '' }, today)).toEqual({
      unitId: { code: 'required' },
      periodStart: { code: 'required' },
      periodEnd: { code: 'required' },
      hours: { code: 'required' },
    });
    expect(check({})).toEqual({});
  });

  it('take hours from 0,01 to 20 000 with two decimals, exactly, and refuse 99999999 as the API does', () => {
    expect(parseHours('1 200,5')).toBe('1200.5');
    expect(parseHours('20000')).toBe('20000');
    expect(parseHours('0,01')).toBe('0.01');
    expect(parseHours('20000.01')).toBeNull();
    expect(parseHours('0')).toBeNull();
    expect(parseHours('1,234')).toBeNull();
    const decimal = { code: 'decimal', params: { maxDigits: 5, min: '0.01', max: '20000.00' } };
    expect(check({ hours: '99999999' })).toEqual({ hours: decimal });
    expect(check({ hours: '20000,01' })).toEqual({ hours: decimal });
    expect(check({ hours: '1 200,5' })).toEqual({});
  });

  it('want the last day on or after the first, within five years', () => {
    expect(check({ periodEnd: '2027-02-28' })).toEqual({
      periodEnd: { code: 'dateOrder', params: { after: 'periodStart' } },
    });
    expect(check({ periodEnd: '2032-03-01' })).toEqual({
      periodEnd: { code: 'periodTooLong', params: { max: 1827 } },
    });
  });

  it('want the first day from today to two years ahead, naming the limit as the API does', () => {
    expect(check({ periodStart: '2026-12-06', periodEnd: '2027-01-31' })).toEqual({
      periodStart: { code: 'beforeToday', params: { limit: today } },
    });
    expect(check({ periodStart: today, periodEnd: '2027-01-31' })).toEqual({});
    expect(check({ periodStart: '2028-12-08', periodEnd: '2029-01-31' })).toEqual({
      periodStart: { code: 'tooFarAhead', params: { limit: '2028-12-07' } },
    });
    expect(check({ periodStart: '2026-13-01' })).toEqual({ periodStart: { code: 'date' } });
  });

  it('mark both parts of a justification that are missing or too short', () => {
    expect(checkJustification({ patientSafetyNeed: 'kort', alternativesTried: '  ' })).toEqual({
      patientSafetyNeed: { code: 'minLength', params: { min: 10 } },
      alternativesTried: { code: 'required' },
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
