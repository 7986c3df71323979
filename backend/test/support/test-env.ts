import { randomBytes } from 'node:crypto';

import type { Env } from '../../src/config/env';

const runId = randomBytes(4).toString('hex');
let apps = 0;

/** A Redis prefix of its own for each app a test starts (queues, throttles, heartbeats). */
export function uniquePrefix(): string {
  return `hyrkoll-it-${runId}-${++apps}`;
}

/**
 * Environment of the app under test: the run's throwaway database (as the application's role;
 * the owner's URL for `cli.js migrate`), a private queue prefix, keys of its own.
 */
export function testEnv(overrides: Env = {}): Env {
  const databaseUrl = process.env['HYRKOLL_IT_DATABASE_URL'];
  if (!databaseUrl) throw new Error('HYRKOLL_IT_DATABASE_URL is not set: run through jest.int.config.cts');
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_OWNER_URL: process.env['HYRKOLL_IT_OWNER_URL'],
    REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `hyrkoll-it-${runId}`,
    LOG_LEVEL: 'silent',
    FRONTEND_DIST: '/nonexistent',
    WORKER_HEARTBEAT_SECONDS: '1',
    IDENTITY_HASH_KEY: 'integration-tests-identity-hash-key-0123456789',
    AUDIT_CHAIN_KEY: 'integration-tests-audit-chain-key-0123456789',
    ...overrides,
  };
}
