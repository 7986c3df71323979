import { Module } from '@nestjs/common';

import { IdentityHasher } from '../../common/identity-hasher';
import { RateLimiter } from '../../common/redis/rate-limiter';
import { AgreementController } from './agreement.controller';
import { AgreementService } from './agreement.service';
import { FormerEmployeesService } from './former-employees.service';

@Module({
  controllers: [AgreementController],
  providers: [AgreementService, FormerEmployeesService, IdentityHasher, RateLimiter],
  exports: [AgreementService, FormerEmployeesService, IdentityHasher],
})
export class AgreementModule {}
