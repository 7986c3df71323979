import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { RollupsProducer } from './rollups.producer';
import { ROLLUPS_QUEUE } from './rollups.queue';

/** The producer side of the rollup queue, for the features whose changes move the rollups. */
@Module({
  imports: [BullModule.registerQueue({ name: ROLLUPS_QUEUE })],
  providers: [RollupsProducer],
  exports: [RollupsProducer],
})
export class RollupsModule {}
