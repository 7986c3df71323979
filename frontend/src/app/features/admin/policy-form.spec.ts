import { FormControl, FormGroup } from '@angular/forms';
import type { DispensationPolicy } from '@hyrkoll/contracts';

import {
  amountForInput,
  formFieldOf,
  formToPolicy,
  hiringStopChecks,
  lineList,
  lines,
  optionalAmount,
  parseAmount,
  policyToForm,
  toggled,
  wholeNumber,
} from './policy-form';

const DEMO: DispensationPolicy = {
  hiringStop: {
    enabled: true,
    all: true,
    professionGroups: [],
    specialties: [],
    areaIds: [],
    reason: 'Regionstyrelsens beslut',
  },
  maxDuration: { enabled: true, maxMonths: 12 },
  offAgreement: { enabled: true },
  priceAboveTariff: { enabled: true },
  karens: { enabled: true, months: 12, mode: 'BLOCK' },
  secondStep: { costThresholdSek: '500000.00', durationThresholdDays: 183 },
  reminderAfterWorkingDays: 2,
};

describe('the policy form', () => {
  it('gives back the same policy it was filled with', () => {
    expect(formToPolicy(policyToForm(DEMO))).toEqual(DEMO);
    const none = { ...DEMO, secondStep: { costThresholdSek: null, durationThresholdDays: null } };
    expect(policyToForm(none)).toMatchObject({ costThresholdSek: '', durationThresholdDays: '' });
    expect(formToPolicy(policyToForm(none))).toEqual(none);
  });

  it('reads what the user typed: amounts with spaces and decimal comma, one specialty a line', () => {
    const value = {
      ...policyToForm(DEMO),
      costThresholdSek: '250 000,5',
      durationThresholdDays: ' 90 ',
      specialties: ' Psykiatri \n\npsykiatri\nAllmänmedicin\n',
      hiringStopReason: '  Beslut RS 2024-01 ',
      maxMonths: '6',
    };
    const policy = formToPolicy(value);
    expect(policy.secondStep).toEqual({ costThresholdSek: '250000.50', durationThresholdDays: 90 });
    expect(policy.hiringStop.specialties).toEqual(['Psykiatri', 'Allmänmedicin']);
    expect(policy.hiringStop.reason).toBe('Beslut RS 2024-01');
    expect(policy.maxDuration.maxMonths).toBe(6);
  });

  it("shows an amount as a person writes it, never as the API's decimal text", () => {
    expect(policyToForm(DEMO).costThresholdSek).toBe('500 000');
    expect(amountForInput('500000.00')).toBe('500 000');
    expect(amountForInput('1234567.5')).toBe('1 234 567,50');
    expect(amountForInput('999.05')).toBe('999,05');
    expect(amountForInput('12000')).toBe('12 000');
    expect(amountForInput(null)).toBe('');
    for (const amount of ['500000.00', '1234567.50', '999.05', '1']) {
      expect(Number(parseAmount(amountForInput(amount)))).toBe(Number(amount));
    }
    for (const amount of ['500000.00', '1234567.50', '999.05']) {
      expect(parseAmount(amountForInput(amount))).toBe(amount);
    }
  });

  it('parses amounts strictly', () => {
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('1\u00a0000')).toBe('1000.00');
    expect(parseAmount('0')).toBeUndefined();
    expect(parseAmount('12,345')).toBeUndefined();
    expect(parseAmount('-5')).toBeUndefined();
    expect(parseAmount('fem')).toBeUndefined();
    expect(parseAmount('1234567890123')).toBeUndefined();
  });

  it('checks whole numbers within limits, optionally empty', () => {
    const months = wholeNumber(1, 36);
    expect(months(new FormControl('12'))).toBeNull();
    expect(months(new FormControl(''))).toEqual({ required: true });
    expect(months(new FormControl('1.5'))).toEqual({ wholeNumber: true });
    expect(months(new FormControl('37'))).toEqual({ range: { min: 1, max: 36 } });
    expect(months(new FormControl('0'))).toEqual({ range: { min: 1, max: 36 } });
    expect(wholeNumber(1, 3650, true)(new FormControl(''))).toBeNull();
    expect(optionalAmount(new FormControl(''))).toBeNull();
    expect(optionalAmount(new FormControl('abc'))).toEqual({ amount: true });
  });

  it('limits the list of specialties', () => {
    const check = lineList(2, 5);
    expect(check(new FormControl('a\nb\n\n'))).toBeNull();
    expect(check(new FormControl('a\nb\nc'))).toEqual({ tooMany: { max: 2 } });
    expect(check(new FormControl('abcdef'))).toEqual({ lineTooLong: { length: 5 } });
    expect(lines('x\r\ny')).toEqual(['x', 'y']);
  });

  it('wants a hiring stop in force to say what it covers and on what decision', () => {
    const group = (change: Partial<ReturnType<typeof policyToForm>>) =>
      new FormGroup(
        Object.fromEntries(
          Object.entries({ ...policyToForm(DEMO), ...change }).map(([k, v]) => [k, new FormControl(v)]),
        ),
      );
    expect(hiringStopChecks(group({}))).toBeNull();
    expect(hiringStopChecks(group({ hiringStopAll: false, hiringStopReason: ' ' }))).toEqual({
      hiringStopScope: true,
      hiringStopReason: true,
    });
    expect(hiringStopChecks(group({ hiringStopAll: false, professionGroups: ['SSK_BM'] }))).toBeNull();
    expect(hiringStopChecks(group({ hiringStopAll: false, specialties: 'Psykiatri' }))).toBeNull();
    expect(
      hiringStopChecks(group({ hiringStopEnabled: false, hiringStopAll: false, hiringStopReason: '' })),
    ).toBeNull();
  });

  it('maps the fields the API names to the fields of the form', () => {
    expect(
      [
        'policy.karens.mode',
        'policy.hiringStop.specialties.3',
        'policy.secondStep.costThresholdSek',
        'version',
      ].map(formFieldOf),
    ).toEqual(['karensMode', 'specialties', 'costThresholdSek', 'version']);
  });

  it('ticks and unticks values of a list', () => {
    expect(toggled(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggled(['a'], 'a', true)).toEqual(['a']);
  });
});
