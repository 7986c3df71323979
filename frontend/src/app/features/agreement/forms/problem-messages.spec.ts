import type { ServerProblem } from '../../../shared/forms/form-problem';
import { alertFor, formAlert } from './problem-messages.component';

const problem = (change: Partial<ServerProblem>): ServerProblem => ({
  status: 400,
  message: null,
  fields: {},
  general: null,
  ...change,
});

describe('alertFor', () => {
  it('names an overlap, points at the fields for other field problems, else says the general problem', () => {
    expect(alertFor(problem({ status: 409, fields: { validFrom: 'overlap' } }))).toBe('overlap');
    expect(alertFor(problem({ fields: { validFrom: 'date' } }))).toBe('refused');
    expect(alertFor(problem({ status: 409, general: 'stale' }))).toBe('stale');
  });
});

describe('formAlert', () => {
  it('asks to fix the fields while the values do not pass the checks, else tells what the API said', () => {
    const stale = problem({ status: 409, general: 'stale' });
    expect(formAlert({ invalid: () => true, problem: () => null })).toBe('form');
    expect(formAlert({ invalid: () => false, problem: () => stale })).toBe('stale');
    expect(formAlert({ invalid: () => false, problem: () => null })).toBeNull();
  });
});
