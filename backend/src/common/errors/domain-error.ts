import { ErrorCode, FieldError } from '@hyrkoll/contracts';

/**
 * An expected failure of a use case. Services throw these; the one exception filter maps
 * the code to an HTTP status. Messages are written for the API's user, in English.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string, key: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} ${JSON.stringify(key)} was not found`);
  }

  static validation(details: FieldError[]): DomainError {
    const fields = [...new Set(details.map((d) => d.field))].join(', ');
    return new DomainError(ErrorCode.VALIDATION_FAILED, `Invalid input: ${fields}`, details);
  }
}

export const STATUS_OF_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  INVALID_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.MALFORMED_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  422: ErrorCode.VALIDATION_FAILED,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

export function codeForStatus(status: number): ErrorCode {
  return CODE_OF_STATUS[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.MALFORMED_REQUEST);
}
