import { Module } from '@nestjs/common';

import { RollupsModule } from './rollups.module';
import { RollupsProcessor } from './rollups.processor';
import { RollupsService } from './rollups.service';

/** The consumer side of the rollup queue, for the worker process. */
@Module({
  imports: [RollupsModule],
  providers: [RollupsService, RollupsProcessor],
  exports: [RollupsService],
})
export class RollupsWorkerModule {}
