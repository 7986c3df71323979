import type { WritableSignal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AbstractControl } from '@angular/forms';
import { firstValueFrom, merge, Observable } from 'rxjs';

import { ApiError, apiErrorOf } from '../../shared/forms/api-error';

/** What the API said about a failed change, in a form the pages can show. */
export type ApiProblem = ApiError;

/** Reads an error thrown by HttpClient into an ApiProblem (status 0 when there was no answer). */
export function apiProblem(error: unknown): ApiProblem {
  return apiErrorOf(error) ?? { status: 0, message: null, fields: {} };
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

/**
 * Sends a change with `busy` set meanwhile. The answer, or null when the change failed: then
 * `problem` holds what the API said.
 */
export async function sendChange<T>(
  busy: WritableSignal<boolean>,
  problem: WritableSignal<ApiProblem | null>,
  call: () => Observable<T>,
): Promise<T | null> {
  busy.set(true);
  try {
    return await firstValueFrom(call());
  } catch (error) {
    problem.set(apiProblem(error));
    return null;
  } finally {
    busy.set(false);
  }
}

/**
 * Clears `problem` whenever one of the forms changes: a change answers what the API said about
 * the values sent. Call it while the page is being created; it stops with the page.
 */
export function clearOnChange(problem: WritableSignal<ApiProblem | null>, ...forms: AbstractControl[]): void {
  merge(...forms.map((form) => form.valueChanges))
    .pipe(takeUntilDestroyed())
    .subscribe(() => {
      if (problem()) problem.set(null);
    });
}
