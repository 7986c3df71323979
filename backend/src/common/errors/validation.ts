import { ErrorCode, FieldError } from '@hyrkoll/contracts';
import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';

import { blankRequiredText } from '../validation/required-text';
import { DomainError } from './domain-error';

/** Flattens class-validator's nested errors into field-keyed details (`items.0.hours`). */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.values(error.constraints ?? {});
    const own =
      error.value === undefined && constraints.length > 0 && !error.constraints?.['whitelistValidation']
        ? [{ field, message: `${field} is required` }]
        : constraints.map((message) => ({
            field,
            message: message.replace(/^property (\S+) should not exist$/, 'unknown field'),
          }));
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
      throw new DomainError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Send the body as JSON (content-type application/json)',
      );
    }
    // `null` would be validated as `{}`; a list or a single value is no body of any route
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new DomainError(ErrorCode.MALFORMED_REQUEST, 'The body must be a JSON object');
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
      return { field: path, message: `${path || 'the value'} must not contain NUL characters` };
    }
    if (typeof v === 'string' && LONE_SURROGATE.test(v)) {
      return { field: path, message: `${path || 'the value'} must be valid Unicode text` };
    }
    if (typeof v === 'object' && v !== null) {
      for (const [key, child] of Object.entries(v)) {
        const field = path ? `${path}.${key}` : key;
        if (RESERVED_KEYS.has(key)) return { field, message: 'unknown field' };
        if (key.includes('\u0000')) return { field, message: 'unknown field' };
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
    // `value` is read to tell a missing field from a bad one; it is never sent back.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => DomainError.validation(toFieldErrors(errors)),
  });
}
