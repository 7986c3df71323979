import { ErrorCode, ErrorParams, FieldError, FieldErrorCode } from '@hyrkoll/contracts';
import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

import { blankRequiredText } from '../validation/required-text';
import { DomainError } from './domain-error';

/**
 * The field code of each class-validator constraint (by its name) and the params its words
 * need, read from the constraint's arguments. A constraint not listed is `invalid`; a decorator
 * may name its code itself with `context: { code }` (e.g. `@Matches` for "not blank").
 */
const FIELD_CODES: Record<string, { code: FieldErrorCode; params?: (args: unknown[]) => ErrorParams }> = {
  isDefined: { code: FieldErrorCode.REQUIRED },
  isNotEmpty: { code: FieldErrorCode.REQUIRED },
  isNotBlank: { code: FieldErrorCode.REQUIRED },
  arrayNotEmpty: { code: FieldErrorCode.REQUIRED },
  whitelistValidation: { code: FieldErrorCode.UNKNOWN_FIELD },
  isString: { code: FieldErrorCode.TYPE, params: () => ({ type: 'string' }) },
  isBoolean: { code: FieldErrorCode.TYPE, params: () => ({ type: 'boolean' }) },
  isObject: { code: FieldErrorCode.TYPE, params: () => ({ type: 'object' }) },
  isArray: { code: FieldErrorCode.TYPE, params: () => ({ type: 'array' }) },
  nestedValidation: { code: FieldErrorCode.TYPE, params: () => ({ type: 'object' }) },
  isInt: { code: FieldErrorCode.WHOLE_NUMBER },
  isNumber: { code: FieldErrorCode.TYPE, params: () => ({ type: 'number' }) },
  isIsoDate: { code: FieldErrorCode.DATE },
  isDecimalAmount: {
    code: FieldErrorCode.DECIMAL,
    params: ([options]) => {
      const o = (options ?? {}) as { integerDigits?: number; allowZero?: boolean; max?: string };
      return {
        maxDigits: o.integerDigits ?? 0,
        min: o.allowZero ? '0' : '0.01',
        ...(o.max !== undefined ? { max: o.max } : {}),
      };
    },
  },
  max: { code: FieldErrorCode.MAX, params: ([max]) => ({ max: Number(max) }) },
  min: { code: FieldErrorCode.MIN, params: ([min]) => ({ min: Number(min) }) },
  maxLength: { code: FieldErrorCode.MAX_LENGTH, params: ([max]) => ({ max: Number(max) }) },
  minLength: { code: FieldErrorCode.MIN_LENGTH, params: ([min]) => ({ min: Number(min) }) },
  arrayMaxSize: { code: FieldErrorCode.MAX_ITEMS, params: ([max]) => ({ max: Number(max) }) },
  arrayMinSize: { code: FieldErrorCode.MIN_ITEMS, params: ([min]) => ({ min: Number(min) }) },
  isIn: {
    code: FieldErrorCode.ONE_OF,
    params: ([allowed]) => ({ allowed: (allowed as unknown[]).map(String) }),
  },
  isEnum: {
    code: FieldErrorCode.ONE_OF,
    params: ([entity]) => ({ allowed: Object.values(entity as object).map(String) }),
  },
  isUuid: { code: FieldErrorCode.ID },
  isEmail: { code: FieldErrorCode.EMAIL },
  matches: { code: FieldErrorCode.FORMAT },
  isWithinPeriodLimit: { code: FieldErrorCode.PERIOD_TOO_LONG, params: ([max]) => ({ max: Number(max) }) },
};

/** The arguments of the constraint `name` on `property` of the validated object's class. */
function constraintArgs(target: object | undefined, property: string, name: string): unknown[] {
  if (!target) return [];
  const storage = getMetadataStorage();
  const metadata = storage.getTargetValidationMetadatas(target.constructor, '', true, false);
  for (const m of metadata) {
    if (m.propertyName !== property) continue;
    const own = m.name ?? storage.getTargetValidatorConstraints(m.constraintCls)[0]?.name;
    if (own === name) return m.constraints ?? [];
  }
  return [];
}

/** One field error of one failed constraint. */
function fieldError(error: ValidationError, field: string, name: string, message: string): FieldError {
  const named = (error.contexts?.[name] as { code?: FieldErrorCode } | undefined)?.code;
  const known = FIELD_CODES[name];
  const code = named ?? known?.code ?? FieldErrorCode.INVALID;
  const params =
    !named && known?.params ? known.params(constraintArgs(error.target, error.property, name)) : undefined;
  const text = name === 'whitelistValidation' ? 'unknown field' : message;
  return params ? { field, code, params, message: text } : { field, code, message: text };
}

/** Flattens class-validator's nested errors into field-keyed details (`items.0.hours`). */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    const own: FieldError[] =
      error.value === undefined && constraints.length > 0 && !error.constraints?.['whitelistValidation']
        ? [{ field, code: FieldErrorCode.REQUIRED, message: `${field} is required` }]
        : constraints.map(([name, message]) => fieldError(error, field, name, message));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/**
 * The validation pipe, refusing first what class-validator would let through: a request without
 * a JSON object as body (none at all, multipart or another type that Fastify parses into
 * nothing, or `null`) would be validated as `{}` and pass wherever every field is optional;
 * NUL characters and lone surrogates would reach PostgreSQL; a `constructor` key would be
 * dropped, not refused.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value === undefined) {
      throw new DomainError(ErrorCode.JSON_REQUIRED, 'Send the body as JSON (content-type application/json)');
    }
    // `null` would be validated as `{}`; a list or a single value is no body of any route
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new DomainError(ErrorCode.BODY_NOT_OBJECT, 'The body must be a JSON object');
    }
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problem = unsafeInput(value, metadata.data ?? '');
      if (problem) throw DomainError.validation([problem]);
    }
    const validated: unknown = await super.transform(value, metadata);
    // class-validator's length checks count spaces: required text of only whitespace is missing
    const blank = blankRequiredText(validated);
    if (blank) throw DomainError.validation([blank]);
    return validated;
  }
}

/** Half of a UTF-16 surrogate pair on its own: no character, and PostgreSQL's jsonb refuses it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Keys that class-transformer drops silently instead of letting the whitelist refuse them. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first problem in `value` that validation would not see (iterative, any depth): a NUL
 * character, which PostgreSQL text cannot hold, a lone surrogate, which its jsonb (the audit
 * snapshots) cannot, or a reserved key such as `constructor`.
 */
export function unsafeInput(value: unknown, root: string): FieldError | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string' && v.includes('\u0000')) {
      return {
        field: path,
        code: FieldErrorCode.TEXT,
        message: `${path || 'the value'} must not contain NUL characters`,
      };
    }
    if (typeof v === 'string' && LONE_SURROGATE.test(v)) {
      return {
        field: path,
        code: FieldErrorCode.TEXT,
        message: `${path || 'the value'} must be valid Unicode text`,
      };
    }
    if (typeof v === 'object' && v !== null) {
      for (const [key, child] of Object.entries(v)) {
        const field = path ? `${path}.${key}` : key;
        if (RESERVED_KEYS.has(key) || key.includes('\u0000')) {
          return { field, code: FieldErrorCode.UNKNOWN_FIELD, message: 'unknown field' };
        }
        stack.push([child, field]);
      }
    }
  }
  return null;
}

/** Strict validation everywhere: unknown fields are refused, input is transformed to the DTO. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    // `value` is read to tell a missing field from a bad one, `target` to find the limits of a
    // failed constraint (its params); neither is sent back.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => DomainError.validation(toFieldErrors(errors)),
  });
}
