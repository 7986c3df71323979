import 'reflect-metadata';

import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';

import Redis from 'ioredis';
import { DataSource } from 'typeorm';

import { exitOnStartupError } from './bootstrap/fail-fast';
import { workerHeartbeatKey } from './common/redis/redis.module';
import { AppConfig } from './config/app-config';
import { migrateAsOwner, withOwner } from './database/migrate';
import { loadDemoHistory, seedDemo } from './database/seeds/demo';
import { DEMO_REGION } from './database/seeds/demo-region';
import { typeormOptions } from './database/typeorm-options';
import { AuditService } from './modules/audit/audit.service';
import { readHeads } from './modules/audit/audit-heads';
import { sealUnkeyedChains } from './modules/audit/audit-seal';
import { verifyAuditTrail } from './modules/audit/audit-verify';
import { RollupsService } from './modules/rollups/rollups.service';

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
    summary: "apply pending migrations as the owner (DATABASE_OWNER_URL); make DATABASE_URL's login role",
    async run(config) {
      const { applied, role } = await migrateAsOwner(config);
      return `${applied.length === 0 ? 'database is up to date' : `applied ${applied.join(', ')}`}; ${role}`;
    },
  },
  'migrate:revert': {
    summary: 'undo the newest migration, as the owner (DATABASE_OWNER_URL)',
    run: (config) =>
      withOwner(config, async (dataSource) => {
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
  'audit:verify': {
    summary:
      'recompute the keyed chain of the audit trail and check the exported heads; exit 1 listing what does not match',
    options: { heads: 'a file of exported heads or of worker log lines (default: AUDIT_HEAD_FILE)' },
    run: (config, options) =>
      withDatabase(config, async (dataSource) => {
        const file = options['heads'] ?? config.audit.headFile;
        if (options['heads'] !== undefined && !existsSync(file)) {
          throw new UsageError(`--heads: no file ${file}`);
        }
        const heads = file ? readHeads(file) : [];
        const result = await verifyAuditTrail(dataSource.manager, config.audit.chainKey, heads);
        if (result.breaks.length > 0) {
          const lines = result.breaks.map((b) => `  region ${b.regionId}, seq ${b.seq}: ${b.reason}`);
          throw new Error(`the audit trail has been altered:\n${lines.join('\n')}`);
        }
        const checked = file ? `${result.heads} exported heads on it` : 'no head file given';
        return `${result.events} events in ${result.regions} regions verified, chain intact; ${checked}`;
      }),
  },
  'audit:seal': {
    summary: 'once, when the chain becomes keyed: seal each region whose newest event is unkeyed',
    run: (config) =>
      withDatabase(config, async (dataSource) => {
        const audit = new AuditService(dataSource, config);
        const sealed = await sealUnkeyedChains(dataSource, audit, config.audit.chainKey);
        return sealed === 0 ? 'no chain needed sealing' : `sealed ${sealed} chain(s) with the key`;
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
      (error instanceof TypeError && String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS'));
    if (!misuse) throw error;
    console.error(`${name}: ${error.message}\n${usage()}`);
    process.exit(2);
  }
}

main().catch((error: unknown) => exitOnStartupError('cli', error));
