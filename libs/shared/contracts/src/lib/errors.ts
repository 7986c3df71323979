/**
 * The catalogue of error codes. Every error response carries exactly one, specific enough for a
 * client to tell the cases apart and to word them in its own language; the English `message`
 * is for the API's users and logs. Values the words need (the permission, the current state,
 * a limit) travel in `params`. A code, once published, keeps its meaning.
 *
 * The first group are the general codes: a client that does not know a specific code falls back
 * on the general one of the same HTTP status, and the API answers with them only where nothing
 * more specific is known (a route that does not exist, an HTTP error of the framework).
 */
export const ErrorCode = {
  // general, one per status
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_REQUEST: 'MALFORMED_REQUEST',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  CONFLICT: 'CONFLICT',
  INVALID_STATE: 'INVALID_STATE',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',

  // 400: the request itself
  MALFORMED_JSON: 'MALFORMED_JSON',
  /** A back-channel logout token that does not verify. */
  LOGOUT_TOKEN_INVALID: 'LOGOUT_TOKEN_INVALID',
  BODY_NOT_OBJECT: 'BODY_NOT_OBJECT',
  BODY_TOO_DEEP: 'BODY_TOO_DEEP',
  MALFORMED_MULTIPART: 'MALFORMED_MULTIPART',
  UPLOAD_INCOMPLETE: 'UPLOAD_INCOMPLETE',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  URL_TOO_LONG: 'URL_TOO_LONG',
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  // 413, 415
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  JSON_REQUIRED: 'JSON_REQUIRED',
  MULTIPART_REQUIRED: 'MULTIPART_REQUIRED',

  // 401: who you are
  SESSION_MISSING: 'SESSION_MISSING',
  LOGIN_FAILED: 'LOGIN_FAILED',

  // 403: what you may do
  PERMISSION_MISSING: 'PERMISSION_MISSING',
  ADMINISTRATOR_ONLY: 'ADMINISTRATOR_ONLY',
  OPERATOR_ONLY: 'OPERATOR_ONLY',
  QUEUE_BOARD_READ_ONLY: 'QUEUE_BOARD_READ_ONLY',
  CSRF_TOKEN_INVALID: 'CSRF_TOKEN_INVALID',
  ROUTE_WITHOUT_ACCESS_RULE: 'ROUTE_WITHOUT_ACCESS_RULE',
  UNIT_NOT_YOURS: 'UNIT_NOT_YOURS',
  ORDER_CANCEL_NOT_YOURS: 'ORDER_CANCEL_NOT_YOURS',
  SKR_SCOPE_MISSING: 'SKR_SCOPE_MISSING',
  FILTER_OUTSIDE_SCOPE: 'FILTER_OUTSIDE_SCOPE',
  DECISION_OWN_REQUEST: 'DECISION_OWN_REQUEST',
  DECISION_NOT_YOUR_STEP: 'DECISION_NOT_YOUR_STEP',
  DECISION_AREA_CHIEF_FIRST: 'DECISION_AREA_CHIEF_FIRST',
  DECISION_SAME_PERSON_TWICE: 'DECISION_SAME_PERSON_TWICE',
  OWN_ROLES_UNCHANGEABLE: 'OWN_ROLES_UNCHANGEABLE',
  GRANT_REQUEST_OWN: 'GRANT_REQUEST_OWN',
  GRANT_REQUEST_FOR_SELF: 'GRANT_REQUEST_FOR_SELF',
  /** Passwords are switched off in this deployment: sign in through the region's provider. */
  PASSWORD_LOGIN_OFF: 'PASSWORD_LOGIN_OFF',

  // 404
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  PASSWORD_SETUP_LINK_INVALID: 'PASSWORD_SETUP_LINK_INVALID',
  /** No region with that code signs in through an identity provider. */
  SSO_NOT_CONFIGURED: 'SSO_NOT_CONFIGURED',

  // 409: the state of things
  STALE_VERSION: 'STALE_VERSION',
  TRANSIENT_CONFLICT: 'TRANSIENT_CONFLICT',
  ORDER_WRONG_STATE: 'ORDER_WRONG_STATE',
  DISPENSATION_WRONG_STATE: 'DISPENSATION_WRONG_STATE',
  IMPORT_WRONG_STATE: 'IMPORT_WRONG_STATE',
  IMPORT_REPLACED_LATER: 'IMPORT_REPLACED_LATER',
  BID_NOT_ELIGIBLE: 'BID_NOT_ELIGIBLE',
  BID_NOT_BEST_RANKED: 'BID_NOT_BEST_RANKED',
  BID_KARENS: 'BID_KARENS',
  CONFIRMATION_DEADLINE_PASSED: 'CONFIRMATION_DEADLINE_PASSED',
  /** A dispensation resubmitted after its order's first day (`params.periodStart`, `params.today`). */
  ORDER_PERIOD_STARTED: 'ORDER_PERIOD_STARTED',
  SUPPLIER_QUARANTINED: 'SUPPLIER_QUARANTINED',
  CONSULTANT_ALREADY_OFFERED: 'CONSULTANT_ALREADY_OFFERED',
  DUPLICATE_EMAIL: 'DUPLICATE_EMAIL',
  DUPLICATE_ORG_NUMBER: 'DUPLICATE_ORG_NUMBER',
  DUPLICATE_AREA_CODE: 'DUPLICATE_AREA_CODE',
  DUPLICATE_COST_CENTRE: 'DUPLICATE_COST_CENTRE',
  PERIOD_OVERLAP: 'PERIOD_OVERLAP',
  LAST_ADMINISTRATOR: 'LAST_ADMINISTRATOR',
  GRANT_REQUEST_WRONG_STATE: 'GRANT_REQUEST_WRONG_STATE',
  ACCESS_REQUEST_WRONG_STATE: 'ACCESS_REQUEST_WRONG_STATE',
  /** Another user of the region is already linked to this identity (`params.externalId`). */
  DUPLICATE_EXTERNAL_ID: 'DUPLICATE_EXTERNAL_ID',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',

  // 429
  TOO_MANY_LOGINS: 'TOO_MANY_LOGINS',
  /** No longer answered: a locked account answers LOGIN_FAILED, as an unknown one does. */
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  TOO_MANY_UPLOADS: 'TOO_MANY_UPLOADS',
  TOO_MANY_KARENS_CHECKS: 'TOO_MANY_KARENS_CHECKS',
  TOO_MANY_CLIENT_ERRORS: 'TOO_MANY_CLIENT_ERRORS',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status of each code: the one place that says it. */
export const STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  MALFORMED_JSON: 400,
  LOGOUT_TOKEN_INVALID: 400,
  BODY_NOT_OBJECT: 400,
  BODY_TOO_DEEP: 400,
  MALFORMED_MULTIPART: 400,
  UPLOAD_INCOMPLETE: 400,
  REQUEST_TIMEOUT: 408,
  URL_TOO_LONG: 414,
  HEADERS_TOO_LARGE: 431,
  UNAUTHENTICATED: 401,
  SESSION_MISSING: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  PERMISSION_MISSING: 403,
  ADMINISTRATOR_ONLY: 403,
  OPERATOR_ONLY: 403,
  QUEUE_BOARD_READ_ONLY: 403,
  CSRF_TOKEN_INVALID: 403,
  ROUTE_WITHOUT_ACCESS_RULE: 403,
  UNIT_NOT_YOURS: 403,
  ORDER_CANCEL_NOT_YOURS: 403,
  SKR_SCOPE_MISSING: 403,
  FILTER_OUTSIDE_SCOPE: 403,
  DECISION_OWN_REQUEST: 403,
  DECISION_NOT_YOUR_STEP: 403,
  DECISION_AREA_CHIEF_FIRST: 403,
  DECISION_SAME_PERSON_TWICE: 403,
  OWN_ROLES_UNCHANGEABLE: 403,
  GRANT_REQUEST_OWN: 403,
  GRANT_REQUEST_FOR_SELF: 403,
  PASSWORD_LOGIN_OFF: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  PASSWORD_SETUP_LINK_INVALID: 404,
  SSO_NOT_CONFIGURED: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  INVALID_STATE: 409,
  STALE_VERSION: 409,
  TRANSIENT_CONFLICT: 409,
  ORDER_WRONG_STATE: 409,
  DISPENSATION_WRONG_STATE: 409,
  IMPORT_WRONG_STATE: 409,
  IMPORT_REPLACED_LATER: 409,
  BID_NOT_ELIGIBLE: 409,
  BID_NOT_BEST_RANKED: 409,
  BID_KARENS: 409,
  CONFIRMATION_DEADLINE_PASSED: 409,
  ORDER_PERIOD_STARTED: 409,
  SUPPLIER_QUARANTINED: 409,
  CONSULTANT_ALREADY_OFFERED: 409,
  DUPLICATE_EMAIL: 409,
  DUPLICATE_ORG_NUMBER: 409,
  DUPLICATE_AREA_CODE: 409,
  DUPLICATE_COST_CENTRE: 409,
  PERIOD_OVERLAP: 409,
  LAST_ADMINISTRATOR: 409,
  GRANT_REQUEST_WRONG_STATE: 409,
  ACCESS_REQUEST_WRONG_STATE: 409,
  DUPLICATE_EXTERNAL_ID: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  JSON_REQUIRED: 415,
  MULTIPART_REQUIRED: 415,
  RATE_LIMITED: 429,
  TOO_MANY_LOGINS: 429,
  ACCOUNT_LOCKED: 429,
  TOO_MANY_UPLOADS: 429,
  TOO_MANY_KARENS_CHECKS: 429,
  TOO_MANY_CLIENT_ERRORS: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** Every top-level code, for tests and clients that check their words against the catalogue. */
export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);

/**
 * What is wrong with one field: a small closed list, each worded by the client; the limits of
 * the rule (`max`, `min`, `allowed`, …) travel in the field error's `params`.
 */
export const FieldErrorCode = {
  /** Missing, empty or only spaces. */
  REQUIRED: 'required',
  /** A field the request may not have. */
  UNKNOWN_FIELD: 'unknownField',
  /** A value of the wrong kind (text for a number, a list for an object, …). */
  TYPE: 'type',
  /** Text with characters that cannot be stored (NUL, half a surrogate pair). */
  TEXT: 'text',
  /** A calendar date `YYYY-MM-DD` that exists. */
  DATE: 'date',
  /** A month `YYYY-MM`. */
  MONTH: 'month',
  /** A date before the one it must follow (`params.after`: that field). */
  DATE_ORDER: 'dateOrder',
  /** A date before the first day of the order's period (`params.limit`). */
  BEFORE_PERIOD: 'beforePeriod',
  /** A date before today (`params.limit`): a decision does not reach back. */
  BEFORE_TODAY: 'beforeToday',
  /** A date after the latest allowed (`params.limit`; `params.marginDays` past the order's end). */
  AFTER_LIMIT: 'afterLimit',
  /** A date after the order's last day (`params.limit`). */
  AFTER_PERIOD: 'afterPeriod',
  /** A date further ahead than allowed (`params.limit`). */
  TOO_FAR_AHEAD: 'tooFarAhead',
  /** A date in the future where only a past date can be true (a licence, a certificate). */
  FUTURE_DATE: 'futureDate',
  /** A licence dated before its holder turned 18 (`params.limit`: the 18th birthday). */
  BEFORE_ADULT: 'beforeAdult',
  /** A period longer than allowed (`params.max`, `params.unit`). */
  PERIOD_TOO_LONG: 'periodTooLong',
  /** An exact decimal with at most two decimals (`params.maxDigits`, `params.max`, `params.min`). */
  DECIMAL: 'decimal',
  /** A whole number. */
  WHOLE_NUMBER: 'wholeNumber',
  /** Above the largest value (`params.max`). */
  MAX: 'max',
  /** Below the smallest value (`params.min`). */
  MIN: 'min',
  /** Text longer than `params.max` characters. */
  MAX_LENGTH: 'maxLength',
  /** Text shorter than `params.min` characters. */
  MIN_LENGTH: 'minLength',
  /** More than `params.max` items. */
  MAX_ITEMS: 'maxItems',
  /** Fewer than `params.min` items. */
  MIN_ITEMS: 'minItems',
  /** Not one of `params.allowed`. */
  ONE_OF: 'oneOf',
  /** Not an id (UUID). */
  ID: 'id',
  /** Not an e-mail address. */
  EMAIL: 'email',
  /** Not of the field's form (a code, a source name, …). */
  FORMAT: 'format',
  /** Not a Swedish personal identity or co-ordination number. */
  PERSONAL_NUMBER: 'personalNumber',
  /** Not a Swedish organisation number. */
  ORG_NUMBER: 'orgNumber',
  /** A competence level that the profession does not have. */
  LEVEL: 'level',
  /** A value already in use where it must be unique. */
  DUPLICATE: 'duplicate',
  /** A validity period that overlaps another of the same key. */
  OVERLAP: 'overlap',
  /** Names something (a unit, area, supplier, …) that the region does not have. */
  UNKNOWN_REFERENCE: 'unknownReference',
  /** A unit the user does not order for. */
  NOT_YOURS: 'notYours',
  /** An area or unit outside the user's scope, named in a filter. */
  OUTSIDE_SCOPE: 'outsideScope',
  /** A supplier not admitted to the order's lot (`params.lot`). */
  NOT_ADMITTED: 'notAdmitted',
  /** The order needs a dispensation: the justification must be given (`params.rules`). */
  JUSTIFICATION_NEEDED: 'justificationNeeded',
  /** The agreement has no price for it: a requested hourly rate must be given. */
  PRICE_MISSING: 'priceMissing',
  /** A role with the wrong kind of scope (`params.role`, `params.scope`). */
  SCOPE: 'scope',
  /** The change would leave the region without an active administrator. */
  LAST_ADMINISTRATOR: 'lastAdministrator',
  /** Another field must be given with this one (`params.with`). */
  NEEDS_OTHER: 'needsOther',
  /** A file with a line longer than `params.maxChars` (`params.line`). */
  LINE_TOO_LONG: 'lineTooLong',
  /** A file that is not UTF-8 text (`params.line`). */
  NOT_UTF8: 'notUtf8',
  /** A file with no data lines. */
  NO_DATA_LINES: 'noDataLines',
  /** Anything else wrong with the value. */
  INVALID: 'invalid',
} as const;
export type FieldErrorCode = (typeof FieldErrorCode)[keyof typeof FieldErrorCode];

/** Every field code, for tests and clients that check their words against the catalogue. */
export const FIELD_ERROR_CODES: readonly FieldErrorCode[] = Object.values(FieldErrorCode);

/** Values an error's words need: a permission, a state, a limit, a list of allowed values. */
export type ErrorParams = Record<string, string | number | readonly string[]>;

/** One problem with one input field; `field` is a dotted path such as `items.0.hours`. */
export interface FieldError {
  field: string;
  code: FieldErrorCode;
  params?: ErrorParams;
  /** In English, for the API's users. */
  message: string;
}

/** The one shape of every error response of the API. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  /** In English, for the API's users; clients word `code` and `params` themselves. */
  message: string;
  params?: ErrorParams;
  /** The problem of each field, for a request refused for its values. */
  details?: FieldError[];
}
