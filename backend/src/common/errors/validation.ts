import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '@hyrkoll/contracts';
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

/** Strict validation everywhere: unknown fields are refused, input is transformed to the DTO. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
