import { ErrorCode, ErrorParams, FieldError, STATUS_OF_CODE } from '@hyrkoll/contracts';

export { STATUS_OF_CODE };

/** What an error carries besides its code and message. */
export interface DomainErrorExtras {
  /** Values the client's words need: a permission, the current state, a limit. */
  params?: ErrorParams;
  /** The problem of each field, for an error caused by the values of named fields. */
  fields?: FieldError[];
}

/**
 * An expected failure of a use case. Services throw these with a specific code of the catalogue
 * (`ErrorCode` in the contracts); the one exception filter maps the code to an HTTP status.
 * Messages are written for the API's user, in English; clients word the code and params.
 */
export class DomainError extends Error {
  readonly params?: ErrorParams;
  readonly fields?: FieldError[];

  constructor(
    readonly code: ErrorCode,
    message: string,
    extras: DomainErrorExtras = {},
  ) {
    super(message);
    this.name = 'DomainError';
    if (extras.params) this.params = extras.params;
    if (extras.fields) this.fields = extras.fields;
  }

  static notFound(what: string, key: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} ${JSON.stringify(key)} was not found`, {
      params: { entity: what.toLowerCase() },
    });
  }

  static validation(fields: FieldError[]): DomainError {
    const names = [...new Set(fields.map((d) => d.field))].join(', ');
    return new DomainError(ErrorCode.VALIDATION_FAILED, `Invalid input: ${names}`, { fields });
  }

  /** A version other than the one the caller saw: someone else changed the thing first. */
  static stale(what: string, message: string, params: ErrorParams = {}): DomainError {
    return new DomainError(ErrorCode.STALE_VERSION, message, { params: { entity: what, ...params } });
  }
}

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.MALFORMED_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  408: ErrorCode.REQUEST_TIMEOUT,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  414: ErrorCode.URL_TOO_LONG,
  415: ErrorCode.JSON_REQUIRED,
  422: ErrorCode.VALIDATION_FAILED,
  429: ErrorCode.RATE_LIMITED,
  431: ErrorCode.HEADERS_TOO_LARGE,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/** The general code of an HTTP status, for errors of the framework that name no code. */
export function codeForStatus(status: number): ErrorCode {
  return CODE_OF_STATUS[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.MALFORMED_REQUEST);
}
