import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs the built operations CLI (`dist/backend/cli.js <command> [options]`); resolves with its exit
 * code and output.
 */
export function runCli(
  command: string,
  env: Record<string, string | undefined>,
  options: readonly string[] = [],
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const cliJs = join(__dirname, '../../../dist/backend/cli.js');
    const child = spawn(process.execPath, [cliJs, command, ...options], {
      env: { PATH: process.env['PATH'], ...env },
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** Runs a CLI command that must succeed. */
export async function cli(command: string, env: Record<string, string | undefined>): Promise<string> {
  const { code, out } = await runCli(command, env);
  if (code !== 0) throw new Error(`cli.js ${command} failed: ${out}`);
  return out;
}
