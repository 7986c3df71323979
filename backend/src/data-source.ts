import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { AppConfig } from './config/app-config';
import { typeormOptions } from './database/typeorm-options';

/** For the TypeORM CLI (`npm run db:migration:generate`): the same options as the app. */
export default new DataSource(typeormOptions(AppConfig.fromEnv(), 'hyrkoll-typeorm-cli'));
