import { Module } from '@nestjs/common';

import { LoginThrottle } from '../auth/login-throttle';
import { OperatorController } from './operator.controller';
import { OperatorService } from './operator.service';

/** The deployment's operator: its login, its switch for the queue board's writing, its record. */
@Module({
  controllers: [OperatorController],
  providers: [OperatorService, LoginThrottle],
  exports: [OperatorService],
})
export class OperatorModule {}
