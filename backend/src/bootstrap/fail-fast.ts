import { ConfigError } from '../config/env';

/**
 * Prints why a process could not start — one line per configuration problem — and exits.
 * Used before any logger exists, so it writes plain lines to stderr.
 */
export function exitOnStartupError(processName: string, error: unknown): never {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) {
      console.error(`Configuration error: ${problem}`);
    }
  } else {
    // A plain Error is an expected failure with a message for people; anything else a bug.
    const plain = error instanceof Error && error.constructor === Error;
    const text =
      error instanceof Error ? (plain ? error.message : (error.stack ?? error.message)) : String(error);
    console.error(`${processName} failed: ${text}`);
  }
  process.exit(1);
}
