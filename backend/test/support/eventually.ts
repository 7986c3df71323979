/** What a wait is for; a function when the failure message should show the state at the timeout. */
export type Waited = string | (() => string);

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The value for a failure message: JSON where it can be, cut to a readable length. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

/**
 * Reads until `accept` holds for what `read` returns, every `intervalMs`, and returns that value;
 * reads once more at the deadline, then fails naming `what` and the last value read.
 */
export async function eventuallyValue<T, U extends T>(
  what: Waited,
  read: () => Promise<T> | T,
  accept: (value: T) => value is U,
  timeoutMs?: number,
  intervalMs?: number,
): Promise<U>;
export async function eventuallyValue<T>(
  what: Waited,
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  timeoutMs?: number,
  intervalMs?: number,
): Promise<T>;
export async function eventuallyValue<T>(
  what: Waited,
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const result = await poll(read, accept, timeoutMs, intervalMs);
  if (result.accepted) return result.value;
  throw new Error(
    `timed out waiting for ${typeof what === 'string' ? what : what()}; last read: ${shown(result.value)}`,
  );
}

/** Waits until `check` holds, polling every `intervalMs`; fails naming `what` after the timeout. */
export async function eventually(
  what: Waited,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<void> {
  const result = await poll(check, (ok) => ok, timeoutMs, intervalMs);
  if (!result.accepted) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
}

async function poll<T>(
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  timeoutMs: number,
  intervalMs: number,
): Promise<{ accepted: boolean; value: T }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return { accepted: true, value };
    if (Date.now() >= deadline) return { accepted: false, value };
    await pause(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}
