import { apiErrorOf } from './api-error';

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

/** What the API said about a request it refused, read for the form that sent it. */
export interface ServerProblem<F extends string = string> {
  /** HTTP status; 0 when the API could not be reached (or the error was not the API's). */
  status: number;
  /** The API's own message (English), or null. */
  message: string | null;
  /** The problem of each of the form's fields that the API named. */
  fields: FieldProblems<F>;
  /** The problem of the request as a whole; null when the fields say it all. */
  general: GeneralProblem | null;
}

/** How to read the API's field-keyed details for one form. */
export interface ProblemReading<F extends string> {
  /** The form's fields. */
  fields: readonly F[];
  /** What a 409 that names a field means on this form: a value already in use, or an overlap. */
  conflict?: FieldProblem;
  /** The form field of a field the API named ("lots.0" → "lots" unless told otherwise). */
  fieldOf?: (path: string) => string;
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

function generalOf(status: number): GeneralProblem {
  switch (status) {
    case 0:
      return 'offline';
    case 409:
      return 'stale'; // a 409 that names no field: someone else changed the record first
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 400:
    case 413:
    case 415:
    case 422:
      return 'rejected';
    default:
      return 'failed';
  }
}

/**
 * Reads an error of HttpClient into the problems of the form's fields and one general problem:
 * a field the form does not have makes the request `rejected`, an error that is not the API's
 * answer `failed`.
 */
export function readServerProblem<F extends string>(
  error: unknown,
  { fields, conflict = 'duplicate', fieldOf = (path) => path.split('.')[0] }: ProblemReading<F>,
): ServerProblem<F> {
  const answer = apiErrorOf(error);
  if (!answer) return { status: 0, message: null, fields: {}, general: 'failed' };
  const problems: FieldProblems<F> = {};
  let unmatched = false;
  for (const [path, message] of Object.entries(answer.fields)) {
    const field = fieldOf(path) as F;
    if (!fields.includes(field)) {
      unmatched = true;
      continue;
    }
    if (problems[field]) continue; // the first problem of a field is the one to show
    problems[field] = answer.status === 409 ? conflict : kindOfMessage(message);
  }
  const general = hasProblems(problems) ? (unmatched ? 'rejected' : null) : generalOf(answer.status);
  return { status: answer.status, message: answer.message, fields: problems, general };
}
