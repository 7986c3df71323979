import { Module } from '@nestjs/common';

import { RateLimiter } from '../../common/redis/rate-limiter';
import { ClientErrorsController, ClientErrorsLimit } from './client-errors.controller';

@Module({ controllers: [ClientErrorsController], providers: [RateLimiter, ClientErrorsLimit] })
export class ClientErrorsModule {}
