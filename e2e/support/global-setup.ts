import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort, LOG_DIR, runToEnd, startProcess, waitUntilHealthy } from './app-server';
import { e2eDatabase } from './database';
import { SSO_CLIENT, SSO_LABEL, startSsoProvider } from './sso-provider';

/**
 * Starts the built product as `npm start` does, on a throwaway database with the demo
 * data: migrations (as the owner) and seed through the CLI, then the API and a worker process.
 */
export default async function globalSetup(): Promise<void> {
  const { url: databaseUrl } = await e2eDatabase();
  // the product connects as the application's role, made by `migrate` (docs/decisions/022)
  const appUrl = new URL(databaseUrl);
  appUrl.username = 'hyrkoll_e2e_app';
  appUrl.password = 'hyrkoll-e2e-app';
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const sso = await startSsoProvider(baseUrl);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: appUrl.toString(),
    REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `hyrkoll-e2e-${randomBytes(4).toString('hex')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    WORKER_HEARTBEAT_SECONDS: '1',
    IDENTITY_HASH_KEY: 'e2e-tests-identity-hash-key-0123456789abcdef',
    AUDIT_CHAIN_KEY: 'e2e-tests-audit-chain-key-0123456789abcdef',
    PUBLIC_URL: baseUrl,
    // the demo region signs in through the loopback provider, and the demo's passwords stay on
    PASSWORD_LOGIN: 'on',
    E2E_SSO_SECRET: SSO_CLIENT.secret,
  };
  await runToEnd(['cli.js', 'migrate'], { ...env, DATABASE_OWNER_URL: databaseUrl });
  // production mode, as `npm start` runs: the demo data must be asked for explicitly
  await runToEnd(['cli.js', 'seed:demo', '--allow-production'], env);
  await runToEnd(
    [
      'cli.js',
      'sso:configure',
      '--county',
      '24',
      '--label',
      SSO_LABEL,
      '--issuer',
      sso.issuer,
      '--client-id',
      SSO_CLIENT.id,
      '--secret-env',
      'E2E_SSO_SECRET',
      '--scopes',
      'openid profile email hsa groups',
      '--user-claim',
      'hsa_id',
    ],
    env,
  );
  const api = startProcess('api', 'main.js', env);
  const worker = startProcess('worker', 'worker.js', env);
  process.env['E2E_BASE_URL'] = baseUrl;
  process.env['E2E_DATABASE_URL'] = databaseUrl;
  writeFileSync(
    join(LOG_DIR, 'run.json'),
    JSON.stringify({ databaseUrl, pids: [api.pid, worker.pid, sso.pid], baseUrl }, null, 2),
  );
  await waitUntilHealthy(baseUrl, 30_000);
}
