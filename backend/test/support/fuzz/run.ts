import { execFileSync } from 'node:child_process';

import fc from 'fast-check';

import { TestSession } from '../sessions';

/** The fuzzing's run settings (seed, number of runs, time-out), session headers and the check that runs a property. */

// Run settings: a seed from FUZZ_SEED (on CI the commit's, elsewhere random by default) and the
// number of runs per property.

/** The commit's seed: its id's first 31 bits, so that CI's run of a commit can be repeated exactly. */
function commitSeed(): number | null {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: __dirname,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^[0-9a-f]{8}/.test(head) ? parseInt(head.slice(0, 8), 16) % 2 ** 31 : null;
  } catch {
    return null;
  }
}

/**
 * The seed of this run; fast-check prints it with every counterexample, replay with FUZZ_SEED.
 * Each commit explores other inputs on CI; a local run draws a new seed every time.
 */
export const FUZZ_SEED = process.env['FUZZ_SEED']
  ? Number(process.env['FUZZ_SEED'])
  : ((process.env['CI'] === 'true' ? commitSeed() : null) ?? Math.floor(Math.random() * 2 ** 31));

/** Multiplies every property's runs (FUZZ_RUNS_SCALE=10 for a long session of fuzzing). */
const SCALE = Number(process.env['FUZZ_RUNS_SCALE'] ?? 1) || 1;

/** Time allowed to each test of the fuzzing spec. */
export const FUZZ_TIMEOUT = 90_000 * Math.max(1, SCALE);

export function runs(n: number): number {
  return Math.max(1, Math.round(n * SCALE));
}

/**
 * Runs per property (each scaled by FUZZ_RUNS_SCALE): per GET route, per write route with
 * refused requests, per write route with well-formed bodies, upload requests, CSV files.
 */
export const RUNS = { query: 20, refused: 40, wellFormed: 20, uploads: 50, csv: 70 };

/** Percent-encodes every byte of the UTF-8 form of `s` except the unreserved characters. */
export function pct(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');
}

/** The cookie (and CSRF token) of a session of `pool`, by key; none for an unknown key. */
export function sessionHeaders(
  pool: Record<string, TestSession>,
  key: string | undefined,
  csrf = true,
): Record<string, string> {
  const s = key ? pool[key] : undefined;
  return s ? { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) } : {};
}

/** A key of a session of `pool` that may call a route of this access rule (any one for public and logged-in routes). */
export function sessionFor(
  access: { kind: string; permission?: string },
  pool: Record<string, TestSession>,
): fc.Arbitrary<string | undefined> {
  const keys = Object.entries(pool)
    .filter(([, s]) => access.kind !== 'permission' || s.me.permissions.includes(access.permission as never))
    .map(([key]) => key);
  return keys.length > 0 ? fc.constantFrom(...keys) : fc.constant(undefined);
}

/**
 * Checks a property and returns null, or the failure report of fast-check (the shrunk
 * counterexample, the seed and the path to replay it) prefixed with `label`.
 */
export async function check<T>(
  label: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  numRuns: number,
): Promise<string | null> {
  try {
    await fc.assert(fc.asyncProperty(arbitrary, predicate), {
      seed: FUZZ_SEED,
      numRuns: runs(numRuns),
      includeErrorInReport: true,
      // a run that hangs fails with its seed and path, and so does a property that runs out of
      // time (shrinking included), before the test's own timeout would hide both
      timeout: 30_000,
      interruptAfterTimeLimit: FUZZ_TIMEOUT - 20_000,
      markInterruptAsFailure: true,
    });
    return null;
  } catch (error) {
    // the problem first, then the shrunk counterexample and the seed and path to replay it
    const lines = (error as Error).message
      .split('\n')
      .filter((l) => !/^\s+at /.test(l) && !l.startsWith('Hint:'));
    const got = lines.find((l) => l.startsWith('Got error:')) ?? '';
    const rest = lines.filter((l) => l !== got && l.trim() !== '').map((l) => l.slice(0, 600));
    return [`${label}: ${got.slice(0, 800)}`, ...rest].join('\n');
  }
}
