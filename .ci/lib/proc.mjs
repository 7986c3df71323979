// Small process helpers for the start and test scripts. Node built-ins only: these run
// before `npm install` on a fresh machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createServer, connect } from 'node:net';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

export function say(message) {
  process.stdout.write(`${message}\n`);
}

export function fail(message) {
  process.stderr.write(`\n✖ ${message}\n`);
  process.exit(1);
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs a command and collects its output (stdout and stderr together). */
export function capture(command, args, options = {}) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const collect = (chunk) => {
      output += chunk;
      if (options.echo) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

export function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Resolves true when something accepts TCP connections on host:port. */
export function portOpen(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A free TCP port: the preferred one if free, else one the kernel picks. */
export async function freePort(preferred = 0) {
  const tryListen = (port) =>
    new Promise((resolve) => {
      const server = createServer();
      server.unref();
      server.once('error', () => resolve(null));
      server.listen({ port, host: '127.0.0.1' }, () => {
        const { port: bound } = server.address();
        server.close(() => resolve(bound));
      });
    });
  return (preferred && (await tryListen(preferred))) || (await tryListen(0));
}

export async function waitFor(check, { timeoutMs, intervalMs = 250, what }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
}

/** Installs npm dependencies when node_modules is missing or older than the lockfile. */
export async function ensureDependencies() {
  const marker = join(ROOT, 'node_modules/.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say('Installing dependencies (npm install) …');
  const code = await run('npm', ['install', '--no-audit', '--no-fund']);
  if (code !== 0) fail('npm install failed; see the output above.');
}

/** The Node.js major version the project runs on (package.json `engines`, `.nvmrc`, the image). */
export const NODE_MAJOR = 24;

/**
 * Runs this script again on the project's own Node.js when the machine's is older: the npm
 * package `node` (a dev dependency) brings a Node 24 binary into `node_modules/.bin`, which is put
 * first on PATH so that every tool started from here (npx, Nx, jest, Playwright) runs on it too.
 * Call after `ensureDependencies`; on Node 24 or later it returns at once.
 */
export async function ensureProjectNode() {
  if (Number(process.versions.node.split('.')[0]) >= NODE_MAJOR) return;
  const bin = join(ROOT, 'node_modules/.bin');
  const node = join(bin, 'node');
  if (!existsSync(node)) {
    fail(
      `Node.js ${process.versions.node} is too old and ${node} is missing: run npm install, or install Node.js ${NODE_MAJOR}.`,
    );
  }
  say(
    `Node.js ${process.versions.node} here: running on the project's Node.js ${NODE_MAJOR} (node_modules/.bin/node).`,
  );
  const child = spawn(node, [...process.execArgv, ...process.argv.slice(1)], {
    cwd: process.cwd(),
    stdio: 'inherit',
    env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
  });
  // This process waits for the other and passes signals on (the start script stops once).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) => {
    child.on('error', () => resolve(127));
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
  });
  process.exit(code);
}
