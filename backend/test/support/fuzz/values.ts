import fc from 'fast-check';

/** Arbitraries for hostile strings and JSON values. */

// Hostile strings.

export const SQL_FRAGMENTS = [
  "' OR 1=1 --",
  "'; DROP TABLE orders; --",
  '" OR ""="',
  "1' UNION SELECT password_hash FROM users --",
  '1; SELECT pg_sleep(10)',
  '$$; SELECT 1; $$',
  "E'\\x00'",
  '\\',
  '%',
  '_%',
  "admin'--",
];

export const SCRIPT_FRAGMENTS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  '<!--',
  ']]>',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
];

export const ODD_UNICODE = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '\u202eabc\u202c',
  '\u200f\u200e\u061c',
  '\u200b\u200c\u200d\u2060',
  '\ufeff',
  'e\u0301\u0301\u0301\u0301\u0301',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358',
  '👩‍⚕️🏥🇸🇪',
  'A\u030a',
  '\u0085\u2028\u2029',
  '\u001b[31m',
  '\r\n\t\u000b\u000c',
  'ﬁ\uFFFD\uFFFF',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
];

export const NUMBERISH = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  '9007199254740993',
  '1,5',
  '1 000',
  '٣',
  '+1',
  '1.',
  '.5',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
];

export const PATH_TRICKS = [
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e/%2e%2e/',
  '/etc/passwd',
  'C:\\boot.ini',
  '\\\\server\\share\\x.csv',
  'con',
  '.',
  '..',
  '~/.ssh/id_rsa',
];

/** Strings that are hostile in some way: injection, odd Unicode, numbers in disguise, huge. */
export function oddString(): fc.Arbitrary<string> {
  const fragments = fc.constantFrom(
    ...SQL_FRAGMENTS,
    ...SCRIPT_FRAGMENTS,
    ...ODD_UNICODE,
    ...NUMBERISH,
    ...PATH_TRICKS,
    '',
    ' ',
  );
  return fc.oneof(
    { arbitrary: fragments, weight: 6 },
    {
      arbitrary: fc.tuple(fragments, fragments, fc.string({ maxLength: 8 })).map((p) => p.join('')),
      weight: 2,
    },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 3 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }), weight: 2 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(300, 5_000, 100_000), fc.constantFrom('x', 'å', '😀', '\u0301', "'"))
        .map(([n, c]) => c.repeat(n)),
      weight: 1,
    },
  );
}

// ---------------------------------------------------------------------------------------------
// JSON values.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Nested arrays or objects `depth` levels deep (built iteratively: no recursion limits here). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A value of any JSON type, mostly small, sometimes odd. */
export function anyJson(): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(0, -1, 1.5, 2 ** 31, -(2 ** 53), 1e308, Number.MIN_VALUE),
    fc.integer(),
    oddString(),
    fc.array(fc.oneof(fc.integer(), oddString()), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), oddString()), { maxKeys: 3 }),
  );
}
