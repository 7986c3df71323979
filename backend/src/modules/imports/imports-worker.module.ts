import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { RollupsModule } from '../rollups/rollups.module';
import { ImportsProcessor } from './imports.processor';
import { IMPORTS_QUEUE } from './imports.queue';

/** The consumer side of the import queue, for the worker process. */
@Module({
  imports: [BullModule.registerQueue({ name: IMPORTS_QUEUE }), RollupsModule],
  providers: [ImportsProcessor],
})
export class ImportsWorkerModule {}
