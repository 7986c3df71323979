import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import {
  ERROR_CODES,
  ErrorCode,
  FIELD_ERROR_CODES,
  FieldErrorCode,
  STATUS_OF_CODE,
} from '@hyrkoll/contracts';

/** Every TypeScript source file of the backend, specs left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

const SOURCES = sources(join(__dirname, '..', '..')).map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));

/** The general codes: a fallback of the exception filter, never what a throw site says. */
const GENERAL: readonly ErrorCode[] = [
  ErrorCode.MALFORMED_REQUEST,
  ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.CONFLICT,
  ErrorCode.INVALID_STATE,
  ErrorCode.RATE_LIMITED,
];

describe('the catalogue of error codes', () => {
  it('gives every code an HTTP status of an error', () => {
    for (const code of ERROR_CODES) expect([code, STATUS_OF_CODE[code] >= 400]).toEqual([code, true]);
    expect(Object.keys(STATUS_OF_CODE).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('has no code twice, top-level or field', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(new Set(FIELD_ERROR_CODES).size).toBe(FIELD_ERROR_CODES.length);
  });

  it('knows every code a throw site names', () => {
    const unknown: string[] = [];
    for (const { path, text } of SOURCES) {
      for (const [, name] of text.matchAll(/\bErrorCode\.([A-Z_0-9]+)/g)) {
        if (!(name in ErrorCode)) unknown.push(`${path}: ErrorCode.${name}`);
      }
      for (const [, name] of text.matchAll(/\bFieldErrorCode\.([A-Z_0-9]+)/g)) {
        if (!(name in FieldErrorCode)) unknown.push(`${path}: FieldErrorCode.${name}`);
      }
      // a code written as a string instead of through the catalogue
      for (const [, code] of text.matchAll(/new DomainError\(\s*'([^']*)'/g)) {
        if (!ERROR_CODES.includes(code as ErrorCode)) unknown.push(`${path}: '${code}'`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('has every throw site say a specific code, not a general one', () => {
    const general: string[] = [];
    for (const { path, text } of SOURCES) {
      for (const [, code] of text.matchAll(/new DomainError\(\s*(?:ErrorCode\.)?'?([A-Z_]+)/g)) {
        if (GENERAL.includes(code as ErrorCode)) general.push(`${path}: ${code}`);
      }
      // an error body written by hand, outside the exception filter
      for (const [, code] of text.matchAll(/\bcode: '([A-Z_]+)'/g)) {
        if (!ERROR_CODES.includes(code as ErrorCode)) general.push(`${path}: unknown '${code}'`);
        else if (GENERAL.includes(code as ErrorCode)) general.push(`${path}: ${code}`);
      }
    }
    expect(general).toEqual([]);
  });
});
