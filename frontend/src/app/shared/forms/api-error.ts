import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorBody } from '@hyrkoll/contracts';

/** What the API answered to a request it did not carry out. */
export interface ApiError {
  /** HTTP status; 0 when the API could not be reached. */
  status: number;
  /** The API's message (English), or null when there is none. */
  message: string | null;
  /** The first problem the API named for each field, by the field's dotted path, in the API's order. */
  fields: Readonly<Record<string, string>>;
}

/** Reads an error thrown by HttpClient (its body in the API's one error shape); null for anything else. */
export function apiErrorOf(error: unknown): ApiError | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body = (
    typeof error.error === 'object' && error.error !== null ? error.error : {}
  ) as Partial<ErrorBody>;
  const fields: Record<string, string> = {};
  // field-keyed details are a list; other details are an object and name no field
  if (Array.isArray(body.details)) {
    for (const detail of body.details as unknown[]) {
      if (!isFieldError(detail) || detail.field in fields) continue;
      fields[detail.field] = typeof detail.message === 'string' ? detail.message : '';
    }
  }
  return {
    status: error.status,
    message: typeof body.message === 'string' ? body.message : null,
    fields,
  };
}

function isFieldError(detail: unknown): detail is { field: string; message?: unknown } {
  return (
    typeof detail === 'object' && detail !== null && typeof (detail as { field?: unknown }).field === 'string'
  );
}
