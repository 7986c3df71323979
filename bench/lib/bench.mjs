// The benchmark behind `npm run bench` (bench/run.mjs, which installs the dependencies first).
//
// Builds the backend, generates a deterministic history into a throwaway database, runs the
// built API and worker as child processes, and measures each figure against a baseline in the
// same run. Prints a markdown table and writes bench/results/<profile>-<time>.json. Exits 0
// when it could measure (even when a target does not hold) and non-zero when it crashed.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import Redis from 'ioredis';
import { freePort, ROOT, run, say } from '../../.ci/lib/proc.mjs';
import { ensureRedis } from '../../.ci/lib/redis.mjs';
import { runCli, startApp, waitForIdleQueues } from './app.mjs';
import { connect, createThrowawayDatabase, ensurePostgresServer } from './database.mjs';
import {
  bigImport,
  importToMetricsLatency,
  metricsLoad,
  orderSubmitLoad,
  rollupRecompute,
} from './figures.mjs';
import { HISTORY_END, PROFILES, sizesOf } from './profiles.mjs';
import { loadHistory } from './history.mjs';
import { login } from './http.mjs';
import { machine, markdownTable, thousands, writeResults } from './report.mjs';
import { buildWorld, insertWorld, PASSWORD } from './world.mjs';

const RESULTS = join(ROOT, 'bench/results');
/** The figures, in the order they run; `--only` picks some (the setup always runs). */
const FIGURES = ['rollups', 'metrics', 'submit', 'latency', 'import'];

const cleanups = [];
async function cleanUp() {
  while (cleanups.length > 0) {
    const [what, cleanup] = cleanups.pop();
    await cleanup().catch((error) => process.stderr.write(`cleanup (${what}) failed: ${error.message}\n`));
  }
}

function header(title) {
  say(`\n━━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

/** Times a step and says how long it took. */
async function step(title, work) {
  header(title);
  const started = performance.now();
  const result = await work();
  say(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

function options() {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'quick' },
      seed: { type: 'string', default: '20251231' },
      'skip-build': { type: 'boolean', default: false },
      'keep-database': { type: 'boolean', default: false },
      only: { type: 'string', default: FIGURES.join(',') },
    },
  });
  const only = new Set(values.only.split(',').filter(Boolean));
  const unknown = [...only].filter((f) => !FIGURES.includes(f));
  if (unknown.length > 0) throw new Error(`--only takes figures among ${FIGURES.join(', ')}`);
  const profile = PROFILES[values.profile];
  if (!profile) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  return { ...values, name: values.profile, profile, seed: Number(values.seed), only };
}

/** The URL of the application's login role (made by `cli.js migrate`) on the owner's database. */
function applicationUrl(ownerUrl) {
  const url = new URL(ownerUrl);
  url.username = 'hyrkoll_bench_app';
  url.password = 'hyrkoll-bench-app';
  return url.toString();
}

async function deleteRedisKeys(url, prefix) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
    for await (const keys of stream) if (keys.length > 0) await redis.unlink(...keys);
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const opts = options();
  const { profile } = opts;
  const sizes = sizesOf(profile);
  const startedAt = new Date().toISOString();
  const runId = randomBytes(4).toString('hex');
  const tmpDir = join(ROOT, 'tmp/bench', runId);
  mkdirSync(join(tmpDir, 'files'), { recursive: true });
  // The logs of the API and the worker stay in tmp/bench/<run>/; the generated files go.
  cleanups.push([
    'generated files',
    async () => rmSync(join(tmpDir, 'files'), { recursive: true, force: true }),
  ]);
  const host = machine();
  say(
    `Hyrkoll benchmark, profile "${opts.name}": ${profile.regions} regions × ${profile.years} years to ${HISTORY_END}`,
  );
  say(`Machine: ${host.cores} cores (${host.cpu}), ${host.memoryGiB} GiB, Node ${host.node}`);

  if (!opts['skip-build']) {
    await step('build the backend', async () => {
      const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
      const code = await run('npx', ['nx', 'build', 'backend', '--outputStyle=static'], { env });
      if (code !== 0) throw new Error('the backend build failed; see the output above');
    });
  }

  const server = await ensurePostgresServer();
  cleanups.push(['PostgreSQL', server.stop]);
  const redis = await ensureRedis();
  cleanups.push(['Redis', redis.stop]);
  const database = await createThrowawayDatabase(server.adminUrl);
  if (!opts['keep-database']) cleanups.push(['database', database.drop]);
  const queuePrefix = `hyrkoll-bench-${runId}`;
  cleanups.push(['Redis keys', () => deleteRedisKeys(redis.url, queuePrefix)]);
  say(`PostgreSQL: ${server.description}, database ${database.name}; Redis: ${redis.description}`);

  const env = {
    ...process.env,
    NODE_ENV: 'production',
    // the application's role (docs/decisions/022); the bench's own set-up keeps the owner's URL
    DATABASE_URL: applicationUrl(database.url),
    REDIS_URL: redis.url,
    QUEUE_PREFIX: queuePrefix,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LOG_LEVEL: 'info',
    IDENTITY_HASH_KEY: randomBytes(24).toString('hex'),
    AUDIT_CHAIN_KEY: randomBytes(24).toString('hex'),
  };
  const world = buildWorld(profile, opts.seed);
  const client = await connect(database.url);
  cleanups.push(['database connection', () => client.end()]);

  const setup = await step('set up: migrations, organisation, generated history (COPY)', async () => {
    await runCli(['migrate'], { ...env, DATABASE_OWNER_URL: database.url });
    const passwordHash = await hash(PASSWORD);
    await insertWorld(client, world, passwordHash);
    const counts = await loadHistory(client, world, profile, sizes, (what) => say(`  ${what} …`));
    await client.query('VACUUM ANALYZE');
    say(
      `  ${Object.entries(counts)
        .map(([k, v]) => `${k} ${thousands(v)}`)
        .join(', ')}`,
    );
    return counts;
  });

  const files = join(tmpDir, 'files');
  const figures = [];
  const wanted = (key) => opts.only.has(key);
  if (wanted('rollups')) {
    figures.push(
      await step('full rollup recompute against the raw aggregation', () =>
        rollupRecompute({ client, env, runs: profile.recomputeRuns, say }),
      ),
    );
  } else {
    await step('rollups (recompute, not measured)', () => runCli(['rollups:recompute'], env));
  }
  await client.query('VACUUM ANALYZE');

  const app = await step('start the API and the worker', () => startApp(env, tmpDir));
  cleanups.push(['API and worker', () => app.stop()]);
  const region = world.regions[0];
  const steering = await login(app.baseUrl, region.byKey.steering.email, PASSWORD);
  const purchaser = await login(app.baseUrl, region.byKey.purchaser.email, PASSWORD);
  // the load figures also count the CPU time of the API, the worker and PostgreSQL per request
  const load = { ...profile.load, pids: app.pids };
  const year = HISTORY_END.slice(0, 4);
  /** Between figures: both processes still up, and no work left over in the queues. */
  const settle = async () => {
    app.assertRunning();
    await waitForIdleQueues(redis.url, queuePrefix);
  };

  if (wanted('metrics')) {
    await settle();
    for (const [label, path] of [
      ['Metrics skr-ratio (12 months, by area)', `skr-ratio?from=${year}-01&to=${HISTORY_END}&level=area`],
      [
        'Metrics costs (12 months by area, with last year)',
        `costs?from=${year}-01&to=${HISTORY_END}&groupBy=area`,
      ],
    ]) {
      figures.push(
        ...(await step(`${label} under load, against the session endpoint`, () =>
          metricsLoad({
            baseUrl: app.baseUrl,
            session: steering,
            client,
            regionId: region.id,
            load,
            label,
            path: `/api/metrics/${path}`,
            say,
          }),
        )),
      );
    }
  }
  if (wanted('submit')) {
    await settle();
    // One unit manager per region: the submits spread over the regions' audit chains.
    const managers = [];
    for (const r of world.regions) {
      const session = await login(app.baseUrl, r.byKey['manager-0'].email, PASSWORD);
      managers.push({ session, unitId: r.units[0].id });
    }
    figures.push(
      ...(await step('order submit under load, against its statements in SQL and the session endpoint', () =>
        orderSubmitLoad({
          baseUrl: app.baseUrl,
          client,
          databaseUrl: database.url,
          // the baseline uses as many connections as the API's pool (its default: 10)
          poolSize: Number(env.DATABASE_POOL_SIZE ?? 10),
          managers,
          load,
          say,
        }),
      )),
    );
  }
  if (wanted('latency')) {
    await settle();
    figures.push(
      await step('import of one month → visible in the metrics', () =>
        importToMetricsLatency({
          purchaser,
          steering,
          world,
          profile,
          sizes,
          files,
          count: profile.latencyImports,
          say,
        }),
      ),
    );
  }
  if (wanted('import')) {
    await settle();
    figures.push(
      ...(await step(`import of ${thousands(profile.bigImportRows)} rows: throughput and memory`, () =>
        bigImport({ purchaser, app, client, world, profile, sizes, files, runs: profile.copyRuns, say }),
      )),
    );
  }
  await settle();

  const result = {
    profile: opts.name,
    seed: opts.seed,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: host,
    sizes: { ...profile, ...sizes, historyEnd: HISTORY_END, rows: setup },
    figures,
  };
  if (figures.length === 0) return;
  const file = writeResults(RESULTS, result);
  header(`results (${opts.name})`);
  say(`${host.cores} cores, ${host.memoryGiB} GiB memory, ${host.cpu}, Node ${host.node}\n`);
  say(markdownTable(figures));
  const targets = figures.filter((f) => f.holds !== null);
  const held = targets.filter((f) => f.holds).length;
  say(`\n${held} of ${targets.length} targets hold. Results: ${file.replace(`${ROOT}/`, '')}`);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    say(`\n${signal}: stopping and cleaning up …`);
    await cleanUp();
    process.exit(130);
  });
}

main()
  .then(async () => {
    await cleanUp();
    process.exit(0);
  })
  .catch(async (error) => {
    process.stderr.write(`\n✖ ${error?.stack ?? error}\n`);
    await cleanUp();
    process.exit(1);
  });
