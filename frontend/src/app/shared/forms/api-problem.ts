import { HttpErrorResponse } from '@angular/common/http';
import {
  ERROR_CODES,
  ErrorBody,
  ErrorCode,
  ErrorParams,
  FIELD_ERROR_CODES,
  FieldErrorCode,
  STATUS_OF_CODE,
} from '@hyrkoll/contracts';

/** What is wrong with one field: a field code of the catalogue and the values its words need. */
export interface FieldProblem {
  code: FieldErrorCode;
  params?: ErrorParams;
}

/** Codes of failures that are not the API's answer: no answer at all, or something else broke. */
export type ClientProblemCode = 'OFFLINE' | 'FAILED';

/**
 * What the API said against a request, read from its one error shape: the code, its params and
 * the problem of each field. The API's English `message` is deliberately not kept: the screen
 * words the code in the UI's language (docs/errors.md).
 */
export interface ApiProblem {
  /** HTTP status; 0 when the API could not be reached or the error was not the API's. */
  status: number;
  code: ErrorCode | ClientProblemCode;
  params: ErrorParams;
  /** The first problem the API named for each field, by the field's dotted path, in the API's order. */
  fields: Readonly<Record<string, FieldProblem>>;
}

const GENERAL_OF_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Reads anything thrown by HttpClient into an ApiProblem. A code the client does not know (a
 * newer API) falls back on the general code of its status; a field code it does not know on
 * `invalid`.
 */
export function apiProblemOf(error: unknown): ApiProblem {
  if (!(error instanceof HttpErrorResponse)) return { status: 0, code: 'FAILED', params: {}, fields: {} };
  if (error.status === 0) return { status: 0, code: 'OFFLINE', params: {}, fields: {} };
  const body = (
    typeof error.error === 'object' && error.error !== null ? error.error : {}
  ) as Partial<ErrorBody>;
  const known = ERROR_CODES.includes(body.code as ErrorCode);
  const code: ErrorCode = known
    ? (body.code as ErrorCode)
    : (GENERAL_OF_STATUS[error.status] ?? (error.status >= 500 ? 'INTERNAL' : 'MALFORMED_REQUEST'));
  const fields: Record<string, FieldProblem> = {};
  if (Array.isArray(body.details)) {
    for (const detail of body.details as unknown[]) {
      if (!isFieldDetail(detail) || detail.field in fields) continue;
      const fieldCode = FIELD_ERROR_CODES.includes(detail.code as FieldErrorCode)
        ? (detail.code as FieldErrorCode)
        : 'invalid';
      fields[detail.field] = isParams(detail.params)
        ? { code: fieldCode, params: detail.params }
        : { code: fieldCode };
    }
  }
  return { status: error.status, code, params: isParams(body.params) ? body.params : {}, fields };
}

function isFieldDetail(detail: unknown): detail is { field: string; code?: unknown; params?: unknown } {
  return (
    typeof detail === 'object' && detail !== null && typeof (detail as { field?: unknown }).field === 'string'
  );
}

function isParams(value: unknown): value is ErrorParams {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The problem of one item of an answer that reports several (a publish of many orders): its code
 * and params as the single request would have answered, read as `apiProblemOf` reads an error.
 */
export function apiProblemOfCode(code: string, params?: unknown): ApiProblem {
  const known = ERROR_CODES.includes(code as ErrorCode);
  return {
    status: known ? STATUS_OF_CODE[code as ErrorCode] : 0,
    code: known ? (code as ErrorCode) : 'FAILED',
    params: isParams(params) ? params : {},
    fields: {},
  };
}
