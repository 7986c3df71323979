import { isIsoDate } from '@hyrkoll/domain';
import { Transform, Type } from 'class-transformer';
import {
  IsObject,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import Decimal from 'decimal.js';

/**
 * A required JSON object validated as `type`. `ValidateNested` alone lets a missing property
 * through, which the code after it would read as an object.
 */
export function IsNestedObject(type: () => new () => object) {
  const decorators = [IsObject({ message: '$property must be an object' }), ValidateNested(), Type(type)];
  return (object: object, propertyName: string) => {
    for (const decorate of decorators) decorate(object, propertyName);
  };
}

/**
 * An exact decimal amount as a string with at most `integerDigits` digits before and two after
 * the point, e.g. "1125.50" (money in SEK, hours), and at most `max` when one is given (the
 * stated range of the field). A JSON number is refused: floats are not exact.
 */
export function IsDecimalAmount(
  options: { integerDigits: number; allowZero?: boolean; max?: string },
  validation?: ValidationOptions,
) {
  const pattern = new RegExp(`^\\d{1,${options.integerDigits}}(\\.\\d{1,2})?$`);
  const { max } = options;
  const least = options.allowZero ? '0' : '0.01';
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isDecimalAmount',
      target: object.constructor,
      propertyName,
      // read back for the field error's params (maxDigits, min, max)
      constraints: [options],
      options: validation,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          pattern.test(value) &&
          (options.allowZero || Number(value) > 0) &&
          (max === undefined || new Decimal(value).lte(max)),
        defaultMessage: (args: ValidationArguments) =>
          max === undefined
            ? `${args.property} must be a decimal string such as "1125.50" (up to ${options.integerDigits} digits and 2 decimals${
                options.allowZero ? '' : ', above 0'
              })`
            : `${args.property} must be a decimal string from ${least} to ${max} with at most 2 decimals, such as "1125.50"`,
      },
    });
  };
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function IsIsoDate(validation?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be a date of the form YYYY-MM-DD`,
      },
    });
  };
}

/**
 * Text that keeps at least `minLength` characters once spaces and line breaks around it are
 * trimmed (the services store it trimmed): a name of only whitespace is no name.
 */
export function IsNotBlank(minLength = 1, validation?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isNotBlank',
      target: object.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value.trim().length >= minLength,
        defaultMessage: (args: ValidationArguments) =>
          minLength === 1
            ? `${args.property} must not be blank`
            : `${args.property} must be at least ${minLength} characters besides spaces`,
      },
    });
  };
}

/**
 * A whole number given as text (a query parameter): only plain decimal digits become a number.
 * Anything else ("1e3", "0x2", " 2") stays text, so the `IsInt` after it refuses it as
 * `wholeNumber`; a JSON number passes through unchanged.
 */
export function ToWholeNumber() {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  );
}
