import { Module } from '@nestjs/common';

import { IdentityHasher } from '../../common/identity-hasher';
import { AgreementController } from './agreement.controller';
import { AgreementService } from './agreement.service';
import { FormerEmployeesService } from './former-employees.service';

@Module({
  controllers: [AgreementController],
  providers: [AgreementService, FormerEmployeesService, IdentityHasher],
  exports: [AgreementService, FormerEmployeesService, IdentityHasher],
})
export class AgreementModule {}
