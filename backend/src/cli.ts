import 'reflect-metadata';
import { hostname } from 'node:os';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { exitOnStartupError } from './bootstrap/fail-fast';
import { AppConfig } from './config/app-config';
import { workerHeartbeatKey } from './common/redis/redis.module';
import { runMigrations } from './database/migrate';
import { loadDemoHistory, seedDemo } from './database/seeds/demo';
import { DEMO_REGION } from './database/seeds/demo-region';
import { typeormOptions } from './database/typeorm-options';
import { AuditService } from './modules/audit/audit.service';
import { RollupsService } from './modules/rollups/rollups.service';

interface Command {
  summary: string;
  run(config: AppConfig): Promise<string>;
}

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
    summary: 'recompute every monthly rollup from the raw rows (all regions)',
    run: (config) =>
      withDatabase(
        config,
        async (dataSource) =>
          `${await new RollupsService(dataSource).recomputeAll()} region-months recomputed`,
      ),
  },
  'rollups:check': {
    summary: 'compare the rollups with a recompute from the raw rows; exit 1 and list any difference',
    run: (config) =>
      withDatabase(config, async (dataSource) => {
        const differences = await new RollupsService(dataSource).check();
        if (differences.length > 0) {
          const lines = differences.map((d) => `  ${d.table}, ${d.side}: ${JSON.stringify(d.row)}`);
          throw new Error(`the rollups differ from the raw rows:\n${lines.join('\n')}`);
        }
        return 'rollups match the raw rows';
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

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const command = COMMANDS[name];
  if (!command) {
    const usage = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(16)} ${c.summary}`);
    console.error(['usage: cli.js <command>', ...usage].join('\n'));
    process.exit(2);
  }
  process.stdout.write(`${name}: ${await command.run(AppConfig.fromEnv())}\n`);
}

main().catch((error: unknown) => exitOnStartupError('cli', error));
