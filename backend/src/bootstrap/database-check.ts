import type { LoggerService } from '@nestjs/common';
import type { DataSource } from 'typeorm';

import type { AppConfig } from '../config/app-config';
import { auditPowers, pendingMigrations } from '../database/application-role';

/**
 * Start-up checks of the database (decision 022). The API refuses a database that lacks
 * migrations of its build (they are applied by `cli.js migrate`, as the owner). Both processes
 * refuse, in production, a role that could change the audit trail; elsewhere they warn.
 */
export async function checkDatabase(
  dataSource: DataSource,
  config: AppConfig,
  logger: LoggerService,
  options: { requireMigrated: boolean },
): Promise<void> {
  if (options.requireMigrated) {
    const pending = await pendingMigrations(dataSource);
    if (pending.length > 0) {
      throw new Error(
        `the database lacks ${pending.length} migration(s) of this build (${pending.join(', ')}): ` +
          'run `node cli.js migrate` with DATABASE_OWNER_URL first',
      );
    }
  }
  const powers = await auditPowers(dataSource);
  if (powers.length === 0) return;
  const text =
    `the role of DATABASE_URL ${powers.join(', ')}: connect as a member of hyrkoll_app, ` +
    'which may only insert into and read the audit trail (docs/operations.md)';
  if (config.env === 'production') throw new Error(text);
  logger.warn(text);
}
