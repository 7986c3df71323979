// The services the test command needs, started when they are not running: PostgreSQL and
// Redis as the machine's own services (commands of DEVELOPERS.md), else private ones;
// Debian's Chromium for Playwright, installed with apt-get when missing.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, fail, isRoot, portOpen, ROOT, run, say, waitFor } from './proc.mjs';
import { startEmbeddedPostgres } from './postgres.mjs';
import { ensureRedis, installRedisServer, redisAnswers } from './redis.mjs';

const MACHINE_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs the command that starts a machine service; true once `ready()` holds. */
async function startMachineService(what, command, args, ready) {
  say(`${what} is not running; starting the machine's service (${command}) …`);
  await run(command, args);
  return waitFor(ready, { timeoutMs: 15_000, what }).then(
    () => true,
    () => false,
  );
}

async function startMachinePostgres() {
  if (!existsSync('/etc/postgresql') || !commandExists('pg_ctlcluster')) return false;
  const [version] = readdirSync('/etc/postgresql');
  if (!version) return false;
  return startMachineService(
    'PostgreSQL',
    'pg_ctlcluster',
    ['--skip-systemctl-redirect', version, 'main', 'start'],
    () => portOpen(5432),
  );
}

/** @returns {Promise<{ adminUrl: string, stop: () => Promise<void> }>} */
async function ensurePostgres() {
  if (process.env.TEST_DATABASE_ADMIN_URL) {
    return { adminUrl: process.env.TEST_DATABASE_ADMIN_URL, stop: async () => undefined };
  }
  if ((await portOpen(5432)) || (await startMachinePostgres())) {
    return { adminUrl: MACHINE_PG, stop: async () => undefined };
  }
  say('No PostgreSQL on 127.0.0.1:5432; starting a private embedded one for this run …');
  const dataDir = join(ROOT, 'tmp/test-postgres');
  rmSync(dataDir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres(dataDir, { preferredPort: 0 });
  return {
    adminUrl: pg.adminUrl('postgres'),
    stop: async () => {
      await pg.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// prettier-ignore
const MACHINE_REDIS_ARGS = [
  '--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', '6379', '--save', '', '--appendonly', 'no',
  '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log',
];

async function startMachineRedis() {
  if (!commandExists('redis-server') || !existsSync('/var/lib/redis')) return false;
  return startMachineService('Redis', 'redis-server', MACHINE_REDIS_ARGS, () => redisAnswers(6379));
}

/**
 * The Redis of the test run; and the `redis-server` program itself, which the fault tests start
 * privately to stop and restart it.
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
async function ensureTestRedis() {
  if (!commandExists('redis-server') && !(await installRedisServer())) {
    fail('The fault tests need redis-server. Install it (sudo apt-get install redis-server).');
  }
  if (!process.env.REDIS_URL && !(await redisAnswers(6379)) && (await startMachineRedis())) {
    return { url: 'redis://127.0.0.1:6379', stop: async () => undefined };
  }
  return ensureRedis();
}

export async function ensureChromium() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (!isRoot() || !commandExists('apt-get')) {
    fail(
      `Chromium is needed for the e2e tests but ${path} does not exist. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  say('Installing Debian Chromium for the e2e tests (apt-get install chromium) …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const args = ['install', '-y', '--no-install-recommends', 'chromium'];
  if ((await run('apt-get', args, { env })) !== 0) {
    await run('apt-get', ['update'], { env });
    if ((await run('apt-get', args, { env })) !== 0) fail('apt-get could not install chromium.');
  }
  if (!existsSync(path)) fail(`chromium was installed but ${path} is still missing; set CHROMIUM_PATH.`);
  return path;
}

/** Makes PostgreSQL, Redis and Chromium available; returns the env for the test tiers. */
export async function ensureTestServices() {
  const postgres = await ensurePostgres();
  const redis = await ensureTestRedis();
  const chromium = await ensureChromium();
  say(
    `Services: PostgreSQL ${new URL(postgres.adminUrl).host}, Redis ${new URL(redis.url).host}, Chromium ${chromium}`,
  );
  return {
    env: { TEST_DATABASE_ADMIN_URL: postgres.adminUrl, REDIS_URL: redis.url, CHROMIUM_PATH: chromium },
    stop: async () => {
      await redis.stop();
      await postgres.stop();
    },
  };
}
