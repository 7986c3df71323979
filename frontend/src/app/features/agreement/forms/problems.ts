import { apiErrorOf } from '../../../shared/forms/api-error';

/**
 * What is wrong with one form field. The same kinds come from the checks in the browser and from
 * the API's field-keyed `details` (decision 005), so that both show the same message.
 */
export type FieldProblem =
  | 'required'
  | 'date'
  | 'dateOrder'
  | 'amount'
  | 'positive'
  | 'orgNumber'
  | 'personalNumber'
  | 'tooLong'
  | 'lots'
  | 'level'
  | 'zone'
  | 'duplicate'
  | 'overlap'
  | 'invalid';

export type FieldProblems<F extends string> = Partial<Record<F, FieldProblem>>;

/** A problem that belongs to the whole request rather than to one field. */
export type GeneralProblem = 'stale' | 'forbidden' | 'notFound' | 'offline' | 'rejected' | 'failed';

export interface ApiProblem<F extends string> {
  fields: FieldProblems<F>;
  general: GeneralProblem | null;
}

/** The result of checking a form: the request body to send, or the problems per field. */
export type Checked<F extends string, B> = { ok: true; body: B } | { ok: false; problems: FieldProblems<F> };

export function hasProblems<F extends string>(problems: FieldProblems<F>): boolean {
  return Object.keys(problems).length > 0;
}

/** Reads the kind of problem from the API's (English) message for one field. */
function kindOfMessage(message: string): FieldProblem {
  if (/\bis required\b/.test(message)) return 'required';
  if (/must not be before/.test(message)) return 'dateOrder';
  if (/YYYY-MM-DD/.test(message)) return 'date';
  if (/organisation number/.test(message)) return 'orgNumber';
  if (/identity or co-ordination number/.test(message)) return 'personalNumber';
  if (/decimal string/.test(message)) return 'amount';
  if (/is not a level of/.test(message)) return 'level';
  return 'invalid';
}

/**
 * Turns an error of the API into problems of the form's fields and one general problem.
 * `conflict` names what a 409 with field details means on this form (a registered organisation
 * number is a `duplicate`, a price period an `overlap`); a 409 without details means that
 * someone else changed the record first.
 */
export function readApiError<F extends string>(
  error: unknown,
  fields: readonly F[],
  conflict: FieldProblem = 'duplicate',
): ApiProblem<F> {
  const answer = apiErrorOf(error);
  if (!answer) return { fields: {}, general: 'failed' };
  if (answer.status === 0) return { fields: {}, general: 'offline' };
  const problems: FieldProblems<F> = {};
  let unmatched = false;
  for (const [field, message] of Object.entries(answer.fields)) {
    const root = field.split('.')[0] as F;
    if (!fields.includes(root)) {
      unmatched = true;
      continue;
    }
    if (problems[root]) continue; // the first problem of a field is the one to show
    problems[root] = answer.status === 409 ? conflict : kindOfMessage(message);
  }
  if (hasProblems(problems)) return { fields: problems, general: unmatched ? 'rejected' : null };
  switch (answer.status) {
    case 409:
      return { fields: {}, general: 'stale' };
    case 403:
      return { fields: {}, general: 'forbidden' };
    case 404:
      return { fields: {}, general: 'notFound' };
    case 400:
    case 413:
    case 415:
    case 422:
      return { fields: {}, general: 'rejected' };
    default:
      return { fields: {}, general: 'failed' };
  }
}

/** The alert for a refused request: an overlap is named as such, other field problems point at the fields. */
export function alertFor<F extends string>(problem: ApiProblem<F>): GeneralProblem | 'refused' | 'overlap' {
  if (problem.general) return problem.general;
  return Object.values(problem.fields).includes('overlap') ? 'overlap' : 'refused';
}
