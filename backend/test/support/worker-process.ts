import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

import { eventually } from './eventually';

/** The built backend (`npm test` builds it before the integration tier). */
export const DIST = join(__dirname, '../../../dist/backend');

/** A built worker (`worker.js`) as a process of its own, with only PATH and `env` as environment. */
export function startWorkerProcess(env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, [join(DIST, 'worker.js')], {
    env: { PATH: process.env['PATH'], ...env },
    stdio: 'ignore',
  });
}

/** Waits until `check` holds, asking every 20 ms; fails naming `what` after `timeoutMs`. */
export function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  return eventually(what, check, timeoutMs, 20);
}
