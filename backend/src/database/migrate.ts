import type { DataSource, Migration } from 'typeorm';

/** Any constant works; it only has to be the same for every process of this application. */
const MIGRATION_LOCK_KEY = 482_719_301;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that several API
 * replicas starting at once migrate exactly once; each migration runs in its own transaction.
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
