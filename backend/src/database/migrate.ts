import { DataSource, Migration } from 'typeorm';

import type { AppConfig } from '../config/app-config';
import { ensureApplicationLogin } from './application-role';
import { typeormOptions } from './typeorm-options';

/** Any constant works; it only has to be the same for every process of this application. */
const MIGRATION_LOCK_KEY = 482_719_301;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that several processes
 * starting at once migrate exactly once; each migration runs in its own transaction.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Runs `work` connected as the owner of the tables (DATABASE_OWNER_URL, decision 022); the
 * application's own role (DATABASE_URL) may not change the schema.
 */
export async function withOwner<T>(config: AppConfig, work: (owner: DataSource) => Promise<T>): Promise<T> {
  if (!config.database.ownerUrl) {
    throw new Error(
      "DATABASE_OWNER_URL is not set: migrations run as the owner of the tables, DATABASE_URL is the application's role",
    );
  }
  const owner = new DataSource(
    typeormOptions({ database: { ...config.database, url: config.database.ownerUrl } }, 'hyrkoll-migrate'),
  );
  await owner.initialize();
  try {
    return await work(owner);
  } finally {
    await owner.destroy();
  }
}

/** `cli.js migrate`: the pending migrations as the owner, then the application's login role. */
export async function migrateAsOwner(config: AppConfig): Promise<{ applied: string[]; role: string }> {
  return withOwner(config, async (owner) => {
    const applied = (await runMigrations(owner)).map((m) => m.name);
    const role = await ensureApplicationLogin(owner, config.database.url);
    return { applied, role };
  });
}
