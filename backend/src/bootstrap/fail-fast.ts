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
    console.error(
      `${processName} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  process.exit(1);
}
