// `npm start`: the whole product on one machine with embedded defaults and demo data.
// Installs dependencies if missing, builds, starts PostgreSQL (DATABASE_URL, else embedded)
// and Redis (found or started), migrates as the owner, loads the demo data once (into the embedded
// database, or into DATABASE_URL when SEED_DEMO=true), runs the API and the worker as the
// application's role, and prints the URL. Ctrl-C stops everything it started.
// `npm start -- --with-sso` also starts a local OpenID provider and lets the demo region sign in
// through it (docs/operations.md, "Single sign-on"); the demo's passwords stay on.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  capture,
  ensureDependencies,
  ensureProjectNode,
  fail,
  freePort,
  ROOT,
  run,
  say,
  waitFor,
} from './lib/proc.mjs';
import { startEmbeddedPostgres } from './lib/postgres.mjs';
import { ensureRedis } from './lib/redis.mjs';

const DATA = join(ROOT, '.data');
const LOGS = join(DATA, 'logs');
const LOCK = join(DATA, 'start.pid');
const NX_ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

const cleanups = [];
const children = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('\nStopping Hyrkoll …');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 4000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((error) => process.stderr.write(`cleanup failed: ${error.message}\n`));
  }
  rmSync(LOCK, { force: true });
  say('Stopped.');
  process.exit(code);
}

function refuseSecondStart() {
  if (!existsSync(LOCK)) return;
  const pid = Number(readFileSync(LOCK, 'utf8'));
  try {
    process.kill(pid, 0);
    fail(`Hyrkoll is already running from this folder (pid ${pid}). Stop it first with Ctrl-C.`);
  } catch {
    rmSync(LOCK, { force: true });
  }
}

/** A random secret kept in .data/ so that it stays the same from one start to the next. */
function localSecret(name) {
  const file = join(DATA, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Starts a Node process of the backend; JSON logs go to a file, warnings and errors also here. */
function startProcess(name, script, env) {
  const log = createWriteStream(join(LOGS, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(ROOT, 'dist/backend', script)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => {
    log.write(chunk);
    for (const line of String(chunk).split('\n')) {
      const match = /"level":(\d+).*?"msg":"([^"]*)"/.exec(line);
      if (match && Number(match[1]) >= 40)
        say(`[${name}] ${Number(match[1]) >= 50 ? 'error' : 'warning'}: ${match[2]}`);
    }
  });
  child.stderr.on('data', (chunk) => {
    log.write(chunk);
    process.stderr.write(`[${name}] ${chunk}`);
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(
        `\n[${name}] stopped unexpectedly (${signal ?? `exit code ${code}`}); see ${join(LOGS, `${name}.log`)}\n`,
      );
      void stopAll(1);
    }
  });
  children.push({ name, child });
  return child;
}

/**
 * The demo data (nine accounts with a known password) is loaded into the embedded database, and
 * into a given DATABASE_URL only when SEED_DEMO=true asks for it; there, production mode (an
 * explicit NODE_ENV=production) refuses it (docs/operations.md, "Demo data").
 */
function demoSeed(givenDatabase) {
  if (!givenDatabase) return [['seed:demo', '--allow-production']];
  if (process.env.SEED_DEMO !== 'true') {
    say('Demo data: not loaded into DATABASE_URL (SEED_DEMO=true loads it)');
    return [];
  }
  return [['seed:demo', ...(process.env.NODE_ENV ? [] : ['--allow-production'])]];
}

/** Demo people at the local OpenID provider: their login names are their e-mail's local parts. */
const SSO_DEMO_PEOPLE = [
  ['eva.lindqvist', 'Eva Lindqvist'],
  ['johan.berg', 'Johan Berg'],
  ['maria.nilsson', 'Maria Nilsson'],
  ['per.holmberg', 'Per Holmberg'],
  ['lena.forsberg', 'Lena Forsberg'],
  ['karin.ek', 'Karin Ek'],
  ['lars.oberg', 'Lars Öberg'],
  ['sofia.wikstrom', 'Sofia Wikström'],
  ['anders.sjoberg', 'Anders Sjöberg'],
];
const SSO_DEMO_CLIENT = 'hyrkoll-demo';

/**
 * `--with-sso`: the reference OpenID provider on loopback, with the demo's people (linked to their
 * demo accounts by e-mail on the first sign-in) and one person Hyrkoll does not know (`ny.person`).
 */
async function startDemoProvider(appUrl, secret) {
  const accounts = Object.fromEntries(
    SSO_DEMO_PEOPLE.map(([login, name], i) => [
      login,
      {
        name,
        email: `${login}@demo.hyrkoll.se`,
        hsa_id: `SE2321000222-DEMO${String(i + 1).padStart(2, '0')}`,
      },
    ]),
  );
  accounts['ny.person'] = { name: 'Ny Person', email: 'ny.person@example.se', hsa_id: 'SE2321000222-NY001' };
  const settings = {
    client: {
      id: SSO_DEMO_CLIENT,
      secret,
      redirectUris: [`${appUrl}/api/auth/oidc/callback`],
      postLogoutRedirectUris: [`${appUrl}/login`],
      backchannelLogoutUri: `${appUrl}/api/auth/oidc/24/backchannel-logout`,
    },
    accounts,
  };
  const log = createWriteStream(join(LOGS, 'oidc-provider.log'), { flags: 'a' });
  const child = spawn(process.execPath, [join(ROOT, '.ci/lib/oidc-provider.mjs')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OIDC_PROVIDER_SETTINGS: JSON.stringify(settings) },
  });
  child.stderr.pipe(log);
  children.push({ name: 'oidc-provider', child });
  const issuer = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk).split('\n')[0]).issuer));
    child.once('exit', (code) => reject(new Error(`the local OpenID provider exited (${code})`)));
  });
  return issuer;
}

/**
 * The database roles (docs/decisions/022): DATABASE_OWNER_URL and DATABASE_URL as given when both
 * are set; otherwise the one URL (DATABASE_URL or the embedded server's) is the owner, which
 * migrates and creates the application's login role `hyrkoll_api` with a local password.
 */
function databaseRoles(url) {
  if (process.env.DATABASE_OWNER_URL && process.env.DATABASE_URL) {
    return { owner: process.env.DATABASE_OWNER_URL, app: process.env.DATABASE_URL };
  }
  const app = new URL(url);
  app.username = 'hyrkoll_api';
  app.password = localSecret('api-database-password');
  return { owner: url, app: app.toString() };
}

async function healthy(url) {
  try {
    const response = await fetch(`${url}/api/health`);
    return response.status === 200;
  } catch {
    return false;
  }
}

async function main() {
  await ensureDependencies();
  await ensureProjectNode();

  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  mkdirSync(LOGS, { recursive: true });
  refuseSecondStart();
  writeFileSync(LOCK, String(process.pid));

  say('Building the backend and the frontend …');
  if (
    (await run(
      'npx',
      ['nx', 'run-many', '-t', 'build', '-p', 'backend', 'frontend', '--outputStyle=static'],
      { env: NX_ENV },
    )) !== 0
  ) {
    fail('The build failed; see the output above.');
  }

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    say('PostgreSQL: using DATABASE_URL');
  } else {
    const pg = await startEmbeddedPostgres(join(DATA, 'postgres'));
    cleanups.push(() => pg.stop());
    await pg.createDatabase('hyrkoll');
    databaseUrl = pg.adminUrl('hyrkoll');
    say(`PostgreSQL: embedded, port ${pg.port}, data in .data/postgres`);
  }
  const roles = databaseRoles(databaseUrl);

  const redis = await ensureRedis();
  cleanups.push(redis.stop);
  say(`Redis: ${redis.description}`);

  const wanted = Number(process.env.PORT || 3000);
  const port = await freePort(wanted);
  if (port !== wanted) say(`Port ${wanted} is taken; using ${port} instead.`);

  const env = {
    ...process.env,
    IDENTITY_HASH_KEY: process.env.IDENTITY_HASH_KEY || localSecret('identity-hash-key'),
    AUDIT_CHAIN_KEY: process.env.AUDIT_CHAIN_KEY || localSecret('audit-chain-key'),
    AUDIT_HEAD_FILE: process.env.AUDIT_HEAD_FILE || join(DATA, 'audit-heads.jsonl'),
    // without a mail server, e-mails (a new user's password link among them) land here as .eml files
    MAIL_DIR: process.env.MAIL_DIR || join(DATA, 'mail'),
    NODE_ENV: process.env.NODE_ENV || 'production',
    DATABASE_URL: roles.app,
    DATABASE_OWNER_URL: '',
    REDIS_URL: redis.url,
    PORT: String(port),
    HOST: process.env.HOST || '127.0.0.1',
  };

  const withSso = process.argv.includes('--with-sso');
  const ssoSecret = localSecret('sso-demo-client-secret');
  let ssoIssuer = null;
  if (withSso) {
    ssoIssuer = await startDemoProvider(`http://localhost:${port}`, ssoSecret);
    env.HYRKOLL_DEMO_SSO_SECRET = ssoSecret;
    env.PASSWORD_LOGIN = process.env.PASSWORD_LOGIN || 'on';
    say(`Single sign-on: a local OpenID provider at ${ssoIssuer} for the demo region`);
  }
  const ssoSetup = withSso
    ? [
        [
          'sso:configure',
          '--county',
          '24',
          '--label',
          'Testinloggning',
          '--issuer',
          ssoIssuer,
          '--client-id',
          SSO_DEMO_CLIENT,
          '--secret-env',
          'HYRKOLL_DEMO_SSO_SECRET',
          '--scopes',
          'openid profile email hsa',
          '--user-claim',
          'hsa_id',
        ],
      ]
    : [];
  for (const args of [['migrate'], ...demoSeed(Boolean(process.env.DATABASE_URL)), ...ssoSetup]) {
    // only the migrations run as the owner; the API and the worker never get its URL
    const commandEnv = args[0] === 'migrate' ? { ...env, DATABASE_OWNER_URL: roles.owner } : env;
    if (
      (await run(process.execPath, [join(ROOT, 'dist/backend/cli.js'), ...args], { env: commandEnv })) !== 0
    ) {
      await stopAll(1);
    }
  }

  // a demo database keeps no provider of an earlier `--with-sso` start, whose address is gone
  if (!withSso && !process.env.DATABASE_URL) {
    await capture(process.execPath, [join(ROOT, 'dist/backend/cli.js'), 'sso:remove', '--county', '24'], {
      env,
    });
  }
  startProcess('api', 'main.js', env);
  startProcess('worker', 'worker.js', env);

  const url = `http://localhost:${port}`;
  try {
    await waitFor(() => healthy(url), {
      timeoutMs: 90_000,
      intervalMs: 500,
      what: 'the API to report healthy',
    });
  } catch (error) {
    process.stderr.write(`${error.message}; see the logs in ${LOGS}\n`);
    await stopAll(1);
  }
  say('');
  say(`Hyrkoll is running at ${url}`);
  say(`  API documentation: ${url}/api/docs`);
  say(`  Health:            ${url}/api/health`);
  say(`  Logs:              ${LOGS}`);
  say(
    env.SMTP_URL
      ? '  E-mail:            sent through SMTP_URL'
      : `  E-mail:            written as .eml files to ${env.MAIL_DIR} (no SMTP_URL)`,
  );
  if (withSso) {
    say(`  Single sign-on:    "Logga in med Testinloggning", user name = a demo e-mail's part before @`);
    say('                     (e.g. eva.lindqvist), or ny.person for someone without access');
  }
  say('Press Ctrl-C to stop.');
}

main().catch(async (error) => {
  process.stderr.write(`\n✖ ${error?.stack ?? error}\n`);
  await stopAll(1);
});
