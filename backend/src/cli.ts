import 'reflect-metadata';

import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';

import Redis from 'ioredis';
import { DataSource } from 'typeorm';

import { exitOnStartupError } from './bootstrap/fail-fast';
import { workerHeartbeatKey } from './common/redis/redis.module';
import { AppConfig } from './config/app-config';
import { migrateAsOwner, withOwner } from './database/migrate';
import { demoSeedRefusal, loadDemoHistory, seedDemo } from './database/seeds/demo';
import { DEMO_REGION } from './database/seeds/demo-region';
import { typeormOptions } from './database/typeorm-options';
import { AuditService } from './modules/audit/audit.service';
import { readHeads } from './modules/audit/audit-heads';
import { sealUnkeyedChains } from './modules/audit/audit-seal';
import { verifyAuditTrail } from './modules/audit/audit-verify';
import { OperatorService } from './modules/operator/operator.service';
import { RollupsService } from './modules/rollups/rollups.service';
import { IdentityProviderSetup } from './onboarding/identity-provider-setup';
import { OnboardingInputError, RegionOnboarding } from './onboarding/region-onboarding';

interface Command {
  summary: string;
  /** `--name value` options the command takes, with what each means. */
  options?: Record<string, string>;
  /** `--name` switches the command takes, with what each means. */
  flags?: Record<string, string>;
  run(
    config: AppConfig,
    options: Record<string, string | undefined>,
    flags: ReadonlySet<string>,
  ): Promise<string>;
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

/** The e-mail address an operator command names, checked before anything is written. */
function operatorEmail(options: Record<string, string | undefined>): string {
  const email = options['email']?.trim() ?? '';
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254) {
    throw new UsageError(`--email must be an e-mail address, not "${email}"`);
  }
  return email;
}

/** Who runs an operator command: the operating-system account, for the operators' record. */
function cliActor(): { name: string } {
  try {
    return { name: `${userInfo().username}@${hostname()}` };
  } catch {
    return { name: `unknown@${hostname()}` };
  }
}

const SHOWN_ONCE =
  'it is shown this once and stored only as a hash: keep it in a password manager and clear this terminal';

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
    flags: {
      'allow-production': 'load it although NODE_ENV is production (never on a real deployment)',
    },
    run: (config, _options, flags) => {
      const refusal = demoSeedRefusal(config.env, flags.has('allow-production'));
      if (refusal) throw new UsageError(refusal);
      return withDatabase(config, async (dataSource) => {
        const loaded = await dataSource.transaction((manager) => seedDemo(manager, config.identityHashKey));
        const history = await dataSource.transaction((manager) => loadDemoHistory(manager));
        if (history.length === 0) return loaded;
        const [{ id }] = await dataSource.query<{ id: string }[]>('SELECT id FROM regions WHERE code = $1', [
          DEMO_REGION.code,
        ]);
        for (const month of history) await new RollupsService(dataSource).recompute(id, `${month}-01`);
        return `${loaded}; history ${history[0]} to ${history[history.length - 1]} with its rollups`;
      });
    },
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
        new RegionOnboarding(dataSource, config).createRegion(
          o['county'],
          o['name'],
          { email: o['admin-email'], name: o['admin-name'] },
          cliActor(),
        ),
      ),
  },
  'region:add-admin': {
    summary:
      'add an administrator to a region, e.g. the second one (the one-time link is mailed; printed only if the region has no active administrator)',
    options: {
      county: 'the two-digit code of the region',
      'admin-email': "the administrator's e-mail address",
      'admin-name': "the administrator's name",
    },
    run: (config, o) =>
      withDatabase(config, (dataSource) =>
        new RegionOnboarding(dataSource, config).addAdministrator(
          o['county'],
          { email: o['admin-email'], name: o['admin-name'] },
          cliActor(),
        ),
      ),
  },
  'sso:configure': {
    summary:
      'let a region sign in through its OpenID provider (decision 024); the secret stays in the environment or a file',
    options: {
      county: 'the two-digit code of the region',
      label: 'the name on the login button, "Logga in med <label>", e.g. "SITHS-kort"',
      issuer: "the provider's issuer URL (https), e.g. https://login.microsoftonline.com/<tenant>/v2.0",
      'client-id': "Hyrkoll's client id at the provider",
      'secret-env': 'the environment variable that holds the client secret (API processes)',
      'secret-file': 'or: the file that holds the client secret',
      'private-key-file': 'or: a PEM private key for private_key_jwt',
      'client-auth': 'client_secret_basic (default) or client_secret_post',
      scopes: 'the scopes asked for (default "openid profile email")',
      'user-claim': 'the claim that names the user: sub (default), email, or e.g. hsa_id',
      'groups-claim': 'the claim that lists groups, for proposed roles',
      'group-roles': 'JSON: group → role proposed, e.g. {"<group id>":"PURCHASER"}',
      'email-link':
        'verified (default: link a first sign-in by a verified e-mail address), trusted (any address the provider gives), or off',
    },
    run: (config, o) =>
      withDatabase(config, (dataSource) =>
        new IdentityProviderSetup(dataSource, config).configure({
          county: o['county'],
          label: o['label'],
          issuer: o['issuer'],
          clientId: o['client-id'],
          secretEnv: o['secret-env'],
          secretFile: o['secret-file'],
          privateKeyFile: o['private-key-file'],
          clientAuth: o['client-auth'],
          scopes: o['scopes'],
          userClaim: o['user-claim'],
          groupsClaim: o['groups-claim'],
          groupRoles: o['group-roles'],
          emailLink: o['email-link'],
        }),
      ),
  },
  'sso:remove': {
    summary:
      "stop a region's sign-in through its OpenID provider (its users' provider sessions stay until they end)",
    options: { county: 'the two-digit code of the region' },
    run: (config, o) =>
      withDatabase(config, (dataSource) => new IdentityProviderSetup(dataSource, config).remove(o['county'])),
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
  'operator:create': {
    summary:
      "create the deployment's operator (no region; the queue board); prints its generated password once",
    options: { email: "the operator's e-mail address (its login)", name: "the operator's name" },
    run: (config, options) => {
      const email = operatorEmail(options);
      const name = options['name']?.trim() ?? '';
      if (name.length < 1 || name.length > 200) throw new UsageError('--name must be 1 to 200 characters');
      return withDatabase(config, async (dataSource) => {
        const password = await new OperatorService(dataSource).create(email, name, cliActor());
        return `created the operator ${email}; password: ${password}\n(${SHOWN_ONCE})`;
      });
    },
  },
  'operator:password': {
    summary: 'give an operator a new generated password (printed once), unlock it and end its sessions',
    options: { email: "the operator's e-mail address" },
    run: (config, options) => {
      const email = operatorEmail(options);
      return withDatabase(config, async (dataSource) => {
        const password = await new OperatorService(dataSource).resetPassword(email, cliActor());
        return `new password of the operator ${email}: ${password}\n(${SHOWN_ONCE})`;
      });
    },
  },
  'operator:deactivate': {
    summary: 'stop an operator from logging in and end its sessions',
    options: { email: "the operator's e-mail address" },
    run: (config, options) => {
      const email = operatorEmail(options);
      return withDatabase(config, async (dataSource) => {
        await new OperatorService(dataSource).deactivate(email, cliActor());
        return `the operator ${email} can no longer log in`;
      });
    },
  },
  'operator:events': {
    summary: "print the operators' record (logins, writing switched on, every change on the queue board)",
    options: { limit: 'how many of the newest events (default 50, at most 1000)' },
    run: (config, options) => {
      const limit = Number(options['limit'] ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new UsageError(`--limit must be a whole number from 1 to 1000, not "${options['limit']}"`);
      }
      return withDatabase(config, async (dataSource) => {
        const events = await new OperatorService(dataSource).latest(limit);
        const lines = events.map(
          (e) =>
            `  ${e.seq} ${e.occurred_at.toISOString()} ${e.actor_name}: ${e.action} ${e.outcome}` +
            `${e.queue ? ` queue=${e.queue}` : ''}${e.job_id ? ` job=${e.job_id}` : ''} ${JSON.stringify(e.detail)}`,
        );
        return `${events.length} events, newest first\n${lines.join('\n')}`;
      });
    },
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
    ...Object.entries(c.flags ?? {}).map(([flag, text]) => `      --${flag.padEnd(12)} ${text}`),
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
      options: Object.fromEntries([
        ...Object.keys(command.options ?? {}).map((o) => [o, { type: 'string' as const }]),
        ...Object.keys(command.flags ?? {}).map((f) => [f, { type: 'boolean' as const }]),
      ]),
      strict: true,
      allowPositionals: false,
    });
    const given = Object.entries(values as Record<string, string | boolean | undefined>);
    const options = Object.fromEntries(given.filter(([, v]) => typeof v === 'string'));
    const flags = new Set(given.filter(([, v]) => v === true).map(([key]) => key));
    process.stdout.write(
      `${name}: ${await command.run(AppConfig.fromEnv(), options as Record<string, string>, flags)}\n`,
    );
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
