import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorBody, FieldError } from '@hyrkoll/contracts';

/** What the API said about a failed change, in a form the pages can show. */
export interface ApiProblem {
  /** HTTP status; 0 when the API could not be reached. */
  status: number;
  /** The API's message (English), or null when there is none. */
  message: string | null;
  /** The first problem the API named for each field, by the field's dotted path. */
  fields: Readonly<Record<string, string>>;
}

/** Reads an error thrown by HttpClient into an ApiProblem. */
export function apiProblem(error: unknown): ApiProblem {
  if (!(error instanceof HttpErrorResponse)) return { status: 0, message: null, fields: {} };
  const body = (
    typeof error.error === 'object' && error.error !== null ? error.error : {}
  ) as Partial<ErrorBody>;
  const fields: Record<string, string> = {};
  if (Array.isArray(body.details)) {
    for (const detail of body.details as FieldError[]) {
      if (typeof detail?.field === 'string' && !(detail.field in fields)) {
        fields[detail.field] = typeof detail.message === 'string' ? detail.message : '';
      }
    }
  }
  return {
    status: error.status,
    message: typeof body.message === 'string' ? body.message : null,
    fields,
  };
}

/** How a field failed on the server: taken (409, e.g. a duplicate code) or invalid (400). */
export type FieldProblem = 'taken' | 'invalid';

export function fieldProblem(problem: ApiProblem | null, field: string): FieldProblem | null {
  if (!problem || !(field in problem.fields)) return null;
  return problem.status === 409 ? 'taken' : 'invalid';
}

/** True when the API named none of the given fields: the problem is shown as a whole. */
export function isGeneralProblem(problem: ApiProblem | null, fields: readonly string[]): boolean {
  return problem !== null && !fields.some((f) => f in problem.fields);
}
