import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from 'pg';

import { MIGRATIONS } from '../src/database/migrations';
import { createThrowawayDatabase, databaseEnv, dropDatabase } from './support/databases';
import { eventuallyValue } from './support/eventually';
import { testEnv } from './support/test-env';
import { DIST } from './support/worker-process';

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
}

/**
 * Runs a built entry point (`['cli.js', 'migrate']`) until it exits, or until `until`
 * matches its stdout, when it is asked to stop.
 */
function runEntry(args: string[], env: Record<string, string | undefined>, until?: RegExp): Promise<Exit> {
  const [script, ...rest] = args;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(DIST, script ?? ''), ...rest], {
      env: { PATH: process.env['PATH'], ...env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not finish; stderr: ${stderr}`));
    }, 20_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (until && until.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

async function tablesOf(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

async function appliedMigrations(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

describe('start-up of the built processes', () => {
  const databases: string[] = [];

  beforeAll(() => {
    if (!existsSync(join(DIST, 'main.js'))) {
      throw new Error('dist/backend is missing: build the backend first (the test command does)');
    }
  });

  afterAll(async () => {
    for (const url of databases) await dropDatabase(url);
  });

  async function freshDatabase(): Promise<string> {
    const url = await createThrowawayDatabase('hyrkoll_it_start');
    databases.push(url);
    return url;
  }

  it('stops with one clear line naming a bad variable', async () => {
    const result = await runEntry(['main.js'], { ...testEnv(), PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Configuration error: PORT must be an integer from 1 to 65535 (got "eighty")',
    ]);
  });

  it('names a missing required variable, in the worker too', async () => {
    const env = { ...testEnv() } as Record<string, string | undefined>;
    delete env['REDIS_URL'];
    const result = await runEntry(['worker.js'], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration error: REDIS_URL is required but not set');
  });

  it('the API refuses a database that lacks migrations; cli.js migrate applies them as the owner', async () => {
    const url = await freshDatabase();
    const env = { ...testEnv(), ...databaseEnv(url), PORT: '39517', LOG_LEVEL: 'info' };
    const refused = await runEntry(['main.js'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `lacks ${MIGRATIONS.length} migration\\(s\\).*run \`node cli.js migrate\` with DATABASE_OWNER_URL`,
      ),
    );
    expect(await tablesOf(url)).toEqual([]);

    const { DATABASE_OWNER_URL: _, ...withoutOwner } = env;
    const noOwner = await runEntry(['cli.js', 'migrate'], withoutOwner);
    expect(noOwner.code).toBe(1);
    expect(noOwner.stderr).toContain('DATABASE_OWNER_URL is not set');

    const migrated = await runEntry(['cli.js', 'migrate'], env);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/hyrkoll_it_app (is|now) .*member of hyrkoll_app/);
    expect(await tablesOf(url)).toEqual(
      expect.arrayContaining(['audit_events', 'schema_migrations', 'units', 'users']),
    );
    expect(await appliedMigrations(url)).toBe(MIGRATIONS.length);
    const started = await runEntry(['main.js'], env, /Nest application successfully started/);
    expect(started.stderr).toBe('');
  }, 90_000);

  it('in production, the API refuses to connect as the owner of the audit trail', async () => {
    const url = await freshDatabase();
    const env = { ...testEnv(), ...databaseEnv(url), PORT: '39518', LOG_LEVEL: 'info' };
    expect((await runEntry(['cli.js', 'migrate'], env)).code).toBe(0);
    const asOwner = await runEntry(['main.js'], { ...env, NODE_ENV: 'production', DATABASE_URL: url });
    expect(asOwner.code).toBe(1);
    expect(asOwner.stderr).toMatch(/role of DATABASE_URL is a superuser, owns audit_events, may update/);
    const sameRole = await runEntry(['cli.js', 'migrate'], { ...env, DATABASE_URL: url });
    expect(sameRole.code).toBe(1);
    expect(sameRole.stderr).toMatch(/DATABASE_URL connects as postgres, the owner of the tables/);
  }, 90_000);

  it('the worker never migrates', async () => {
    const url = await freshDatabase();
    const result = await runEntry(
      ['worker.js'],
      { ...testEnv(), DATABASE_URL: url, LOG_LEVEL: 'info' },
      /worker started/,
    );
    expect(result.stderr).toBe('');
    expect(await tablesOf(url)).toEqual([]);
  });

  it('worker:alive answers 0 while a worker on this host beats, 1 when none does', async () => {
    const env = {
      ...testEnv(),
      QUEUE_PREFIX: `hyrkoll-it-alive-${process.pid}`,
      WORKER_HEARTBEAT_SECONDS: '1',
    };
    expect((await runEntry(['cli.js', 'worker:alive'], env)).code).toBe(1);
    const worker = spawn(process.execPath, [join(DIST, 'worker.js')], {
      env: { PATH: process.env['PATH'], ...env },
    });
    try {
      const alive = await eventuallyValue(
        'worker:alive to answer 0',
        () => runEntry(['cli.js', 'worker:alive'], env),
        (exit) => exit.code === 0,
        20_000,
        250,
      );
      expect(alive.code).toBe(0);
      expect(alive.stdout).toMatch(/^worker:alive: alive \(/);
    } finally {
      await new Promise((resolve) => {
        worker.once('exit', resolve);
        worker.kill('SIGTERM');
      });
    }
    const after = await runEntry(['cli.js', 'worker:alive'], env);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('no recent heartbeat');
  });

  it('the CLI reverts every migration and applies them again', async () => {
    const url = await freshDatabase();
    const env = { ...testEnv(), ...databaseEnv(url) };
    expect((await runEntry(['cli.js', 'no-such-command'], env)).code).toBe(2);
    expect((await runEntry(['cli.js', 'migrate'], env)).code).toBe(0);
    const migrated = await tablesOf(url);
    expect(migrated).toContain('units');
    for (let i = 0; i < MIGRATIONS.length; i++) {
      expect((await runEntry(['cli.js', 'migrate:revert'], env)).code).toBe(0);
    }
    expect(await tablesOf(url)).toEqual(['schema_migrations']);
    expect((await runEntry(['cli.js', 'migrate'], env)).code).toBe(0);
    expect(await tablesOf(url)).toEqual(migrated);
    // one CLI process per migration (about 0.7 s each): the time grows with their number
  }, 180_000);
});
