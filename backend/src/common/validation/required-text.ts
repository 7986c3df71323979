import { type FieldError, FieldErrorCode } from '@hyrkoll/contracts';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

/** The required text fields (`@IsString()` without `@IsOptional()`) of a validated class, by class. */
const requiredTextOf = new Map<abstract new (...args: never[]) => unknown, Set<string>>();

function requiredText(type: abstract new (...args: never[]) => unknown): Set<string> {
  let fields = requiredTextOf.get(type);
  if (!fields) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
    const optional = new Set(
      metadata.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION).map((m) => m.propertyName),
    );
    fields = new Set(
      metadata
        .filter((m) => m.name === 'isString' && !m.each && !optional.has(m.propertyName))
        .map((m) => m.propertyName),
    );
    requiredTextOf.set(type, fields);
  }
  return fields;
}

/**
 * The first required text field, at any depth of a validated body or query, that holds nothing
 * but spaces and line breaks: such text is missing, as if it had not been sent (a return "for
 * information" with the comment "   " says nothing). Optional text may stay blank.
 */
export function blankRequiredText(value: unknown, path = ''): FieldError | null {
  if (typeof value !== 'object' || value === null) return null;
  const required = Array.isArray(value)
    ? new Set<string>()
    : requiredText(value.constructor as abstract new (...args: never[]) => unknown);
  for (const [key, child] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    if (typeof child === 'string') {
      if (required.has(key) && child.trim() === '')
        return { field, code: FieldErrorCode.REQUIRED, message: `${field} is required` };
    } else {
      const problem = blankRequiredText(child, field);
      if (problem) return problem;
    }
  }
  return null;
}
