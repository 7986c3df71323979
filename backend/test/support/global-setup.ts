import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { AppConfig } from '../../src/config/app-config';
import { runMigrations } from '../../src/database/migrate';
import { typeormOptions } from '../../src/database/typeorm-options';
import { createThrowawayDatabase } from './databases';
import { testEnv } from './test-env';

/** One throwaway database per test run, migrated once; every test file shares it. */
export default async function globalSetup(): Promise<void> {
  const url = await createThrowawayDatabase('hyrkoll_it');
  process.env['HYRKOLL_IT_DATABASE_URL'] = url;
  const dataSource = new DataSource(typeormOptions(AppConfig.fromEnv(testEnv()), 'hyrkoll-it-setup'));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
