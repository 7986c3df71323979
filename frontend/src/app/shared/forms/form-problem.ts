import type { ErrorParams, FieldErrorCode } from '@hyrkoll/contracts';

import { ApiProblem, apiProblemOf, FieldProblem } from './api-problem';

export type { ApiProblem, FieldProblem } from './api-problem';

export type FieldProblems<F extends string> = Partial<Record<F, FieldProblem>>;

/** A field problem found in the browser, in the same words as the API's (decision 019). */
export function fieldProblem(code: FieldErrorCode, params?: ErrorParams): FieldProblem {
  return params ? { code, params } : { code };
}

/** The limits of an exact amount, as the API's `@IsDecimalAmount` has them. */
export interface DecimalLimits {
  maxDigits: number;
  min: '0' | '0.01';
  max: string;
}

/**
 * An amount as typed ("1 200,5"), checked as the API checks it: at most `maxDigits` digits before
 * the decimal sign and two after, from `min` to `max`, compared exactly (in hundredths). Null when
 * it will do; else the API's `decimal` problem with the params its words need.
 */
export function decimalProblem(text: string, limits: DecimalLimits): FieldProblem | null {
  const value = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const digits = new RegExp(`^\\d{1,${limits.maxDigits}}(\\.\\d{1,2})?$`);
  const hundredths = (x: string) => Math.round(Number(x) * 100);
  const ok =
    digits.test(value) &&
    hundredths(value) >= hundredths(limits.min) &&
    hundredths(value) <= hundredths(limits.max);
  return ok ? null : fieldProblem('decimal', { ...limits });
}

/** How to read the API's field problems for one form. */
export interface ProblemReading<F extends string> {
  /** The form's fields. */
  fields: readonly F[];
  /** The form field of a field the API named ("lots.0" → "lots" unless told otherwise). */
  fieldOf?: (path: string) => string;
}

/** What the API said against a form: the problem, and the problems at the form's own fields. */
export interface FormProblem<F extends string> {
  problem: ApiProblem;
  fields: FieldProblems<F>;
}

/** The result of checking a form: the request body to send, or the problems per field. */
export type Checked<F extends string, B> = { ok: true; body: B } | { ok: false; problems: FieldProblems<F> };

export function hasProblems<F extends string>(problems: FieldProblems<F>): boolean {
  return Object.keys(problems).length > 0;
}

/**
 * Reads an error of HttpClient into the API's problem and the problems of the form's fields (the
 * first for each field). Fields the form does not show stay in `problem.fields`.
 */
export function readServerProblem<F extends string>(
  error: unknown,
  { fields, fieldOf = (path) => path.split('.')[0] }: ProblemReading<F>,
): FormProblem<F> {
  const problem = apiProblemOf(error);
  const atFields: FieldProblems<F> = {};
  for (const [path, fp] of Object.entries(problem.fields)) {
    const field = fieldOf(path) as F;
    if (fields.includes(field) && !atFields[field]) atFields[field] = fp;
  }
  return { problem, fields: atFields };
}
