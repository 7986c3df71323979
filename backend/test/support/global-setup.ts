import 'reflect-metadata';

import { AppConfig } from '../../src/config/app-config';
import { migrateAsOwner } from '../../src/database/migrate';
import { appUrlOf, createThrowawayDatabase } from './databases';
import { testEnv } from './test-env';

/**
 * One throwaway database per test run, migrated once by its owner (the server's administrator);
 * the app under test connects as the application's role (decision 022). Every test file shares it.
 */
export default async function globalSetup(): Promise<void> {
  const ownerUrl = await createThrowawayDatabase('hyrkoll_it');
  process.env['HYRKOLL_IT_OWNER_URL'] = ownerUrl;
  process.env['HYRKOLL_IT_DATABASE_URL'] = appUrlOf(ownerUrl);
  await migrateAsOwner(AppConfig.fromEnv(testEnv()));
}
