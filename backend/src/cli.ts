import 'reflect-metadata';

import { hostname } from 'node:os';
import { parseArgs } from 'node:util';

import Redis from 'ioredis';
import { DataSource } from 'typeorm';

import { exitOnStartupError } from './bootstrap/fail-fast';
import { workerHeartbeatKey } from './common/redis/redis.module';
import { AppConfig } from './config/app-config';
import { runMigrations } from './database/migrate';
import { loadDemoHistory, seedDemo } from './database/seeds/demo';
import { DEMO_REGION } from './database/seeds/demo-region';
import { typeormOptions } from './database/typeorm-options';
import { AuditService } from './modules/audit/audit.service';
import { RollupsService } from './modules/rollups/rollups.service';
import { OnboardingInputError, RegionOnboarding } from './onboarding/region-onboarding';

interface Command {
  summary: string;
  /** `--name value` options the command takes, with what each means. */
  options?: Record<string, string>;
  run(config: AppConfig, options: Record<string, string | undefined>): Promise<string>;
}

/** A wrong use of a command: printed with the usage, exit code 2. */
class UsageError extends Error {}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The part of the rollups `--region CODE [--month YYYY-MM]` name: every region when none is given. */
async function rollupScope(
  dataSource: DataSource,
  options: Record<string, string | undefined>,
): Promise<{ regionId?: string; month?: string; text: string }> {
  const { region, month } = options;
  if (month !== undefined && !MONTH.test(month)) {
    throw new UsageError(`--month must be a month of the form YYYY-MM, not "${month}"`);
  }
  if (region === undefined) {
    if (month !== undefined) throw new UsageError('--month needs --region');
    return { text: 'every region' };
  }
  const [found] = await dataSource.query<{ id: string; name: string }[]>(
    'SELECT id, name FROM regions WHERE code = $1',
    [region],
  );
  if (!found) throw new UsageError(`--region: no region has the code "${region}"`);
  return {
    regionId: found.id,
    month: month === undefined ? undefined : `${month}-01`,
    text: month === undefined ? found.name : `${found.name}, ${month}`,
  };
}

const ROLLUP_OPTIONS = {
  region: 'the two-digit code of one region (default: every region)',
  month: 'one month of that region, YYYY-MM',
};

/** Runs `work` with an initialised data source and always closes it. */
async function withDatabase<T>(config: AppConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(typeormOptions(config, 'hyrkoll-cli'));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Operations commands, run as `node dist/backend/cli.js <command>`. */
const COMMANDS: Record<string, Command> = {
  migrate: {
    summary: 'apply pending migrations',
    run: (config) =>
      withDatabase(config, async (dataSource) => {
        const applied = await runMigrations(dataSource);
        return applied.length === 0
          ? 'database is up to date'
          : `applied ${applied.map((m) => m.name).join(', ')}`;
      }),
  },
  'migrate:revert': {
    summary: 'undo the newest migration',
    run: (config) =>
      withDatabase(config, async (dataSource) => {
        await dataSource.undoLastMigration({ transaction: 'each' });
        return 'reverted the newest migration';
      }),
  },
  'seed:demo': {
    summary:
      'load the demo data (region, users, agreement data, policy, history 2021–2024) unless it is there',
    run: (config) =>
      withDatabase(config, async (dataSource) => {
        const loaded = await dataSource.transaction((manager) => seedDemo(manager, config.identityHashKey));
        const history = await dataSource.transaction((manager) => loadDemoHistory(manager));
        if (history.length === 0) return loaded;
        const [{ id }] = await dataSource.query<{ id: string }[]>('SELECT id FROM regions WHERE code = $1', [
          DEMO_REGION.code,
        ]);
        for (const month of history) await new RollupsService(dataSource).recompute(id, `${month}-01`);
        return `${loaded}; history ${history[0]} to ${history[history.length - 1]} with its rollups`;
      }),
  },
  'region:create': {
    summary:
      "create a region, its county's municipalities and its first administrator (prints a one-time link)",
    options: {
      county: 'the two-digit county code, e.g. 24',
      name: 'the region\'s name, e.g. "Region Västerbotten"',
      'admin-email': "the first administrator's e-mail address",
      'admin-name': "the first administrator's name",
    },
    run: (config, o) =>
      withDatabase(config, (dataSource) =>
        new RegionOnboarding(dataSource, config).createRegion(o['county'], o['name'], {
          email: o['admin-email'],
          name: o['admin-name'],
        }),
      ),
  },
  'region:add-admin': {
    summary: 'add an administrator to a region (prints a one-time link), e.g. the second one',
    options: {
      county: 'the two-digit code of the region',
      'admin-email': "the administrator's e-mail address",
      'admin-name': "the administrator's name",
    },
    run: (config, o) =>
      withDatabase(config, (dataSource) =>
        new RegionOnboarding(dataSource, config).addAdministrator(o['county'], {
          email: o['admin-email'],
          name: o['admin-name'],
        }),
      ),
  },
  'audit:verify': {
    summary: 'recompute the hash chain of the audit trail; exit 1 and list the rows that do not match',
    run: (config) =>
      withDatabase(config, async (dataSource) => {
        const result = await new AuditService(dataSource).verify();
        if (result.breaks.length > 0) {
          const lines = result.breaks.map((b) => `  region ${b.regionId}, seq ${b.seq}: ${b.reason}`);
          throw new Error(`the audit trail has been altered:\n${lines.join('\n')}`);
        }
        return `${result.events} events in ${result.regions} regions verified, chain intact`;
      }),
  },
  'rollups:recompute': {
    summary: 'recompute the monthly rollups from the raw rows',
    options: ROLLUP_OPTIONS,
    run: (config, options) =>
      withDatabase(config, async (dataSource) => {
        const scope = await rollupScope(dataSource, options);
        const rollups = new RollupsService(dataSource);
        if (scope.regionId && scope.month) {
          await rollups.recompute(scope.regionId, scope.month);
          return `recomputed ${scope.text}`;
        }
        return `${await rollups.recomputeAll(scope.regionId)} region-months recomputed (${scope.text})`;
      }),
  },
  'rollups:check': {
    summary: 'compare the rollups with a recompute from the raw rows; exit 1 and list any difference',
    options: ROLLUP_OPTIONS,
    run: (config, options) =>
      withDatabase(config, async (dataSource) => {
        const scope = await rollupScope(dataSource, options);
        const differences = await new RollupsService(dataSource).check(scope);
        if (differences.length > 0) {
          const lines = differences.map((d) => `  ${d.table}, ${d.side}: ${JSON.stringify(d.row)}`);
          throw new Error(`the rollups of ${scope.text} differ from the raw rows:\n${lines.join('\n')}`);
        }
        return `the rollups of ${scope.text} match the raw rows`;
      }),
  },
  'worker:alive': {
    summary: 'exit 0 when a worker on this host has sent a recent heartbeat (container health check)',
    async run(config) {
      const redis = new Redis(config.redis.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
      });
      try {
        await redis.connect();
        const beats = await redis.zrange(workerHeartbeatKey(config), 0, -1, 'WITHSCORES');
        const freshAfter = Date.now() - config.worker.heartbeatSeconds * 3000;
        const prefix = `${hostname()}:`;
        for (let i = 0; i < beats.length; i += 2) {
          if (beats[i]?.startsWith(prefix) && Number(beats[i + 1]) >= freshAfter)
            return `alive (${beats[i]})`;
        }
        throw new Error(`no recent heartbeat from a worker on ${hostname()}`);
      } finally {
        redis.disconnect();
      }
    },
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).flatMap(([name, c]) => [
    `  ${name.padEnd(18)} ${c.summary}`,
    ...Object.entries(c.options ?? {}).map(([option, text]) => `      --${option.padEnd(12)} ${text}`),
  ]);
  return ['usage: cli.js <command> [--option value …]', ...lines].join('\n');
}

async function main(): Promise<void> {
  const [name = '', ...args] = process.argv.slice(2);
  const command = COMMANDS[name];
  if (!command) {
    console.error(usage());
    process.exit(2);
  }
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(Object.keys(command.options ?? {}).map((o) => [o, { type: 'string' }])),
      strict: true,
      allowPositionals: false,
    });
    const options = values as Record<string, string | undefined>;
    process.stdout.write(`${name}: ${await command.run(AppConfig.fromEnv(), options)}\n`);
  } catch (error) {
    // node's own errors for an unknown option or a missing value carry a code
    const misuse =
      error instanceof UsageError ||
      error instanceof OnboardingInputError ||
      (error instanceof TypeError && String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS'));
    if (!misuse) throw error;
    console.error(`${name}: ${error.message}\n${usage()}`);
    process.exit(2);
  }
}

main().catch((error: unknown) => exitOnStartupError('cli', error));
