import { DataSource } from 'typeorm';

/**
 * The run's database as the owner of its tables (decision 022): for test set-up and tampering
 * that the application's role may not do (triggers, TRUNCATE, rewriting the audit trail). The
 * app under test connects as a member of `hyrkoll_app` (HYRKOLL_IT_DATABASE_URL).
 */
export function ownerUrl(): string {
  const url = process.env['HYRKOLL_IT_OWNER_URL'];
  if (!url) throw new Error('HYRKOLL_IT_OWNER_URL is not set: run through jest.int.config.cts');
  return url;
}

/** A data source connected as the owner; the caller destroys it. */
export async function ownerDataSource(): Promise<DataSource> {
  const db = new DataSource({ type: 'postgres', url: ownerUrl(), extra: { max: 2 } });
  return db.initialize();
}
