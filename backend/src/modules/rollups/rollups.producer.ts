import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Global, Injectable, Logger, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ROLLUP_JOB, ROLLUP_JOB_OPTIONS, RollupJobData, ROLLUPS_QUEUE } from '../imports/imports.queue';

/** Queues the recompute of one (region, month), after the change that needs it has committed. */
@Injectable()
export class RollupsProducer {
  private readonly logger = new Logger(RollupsProducer.name);

  constructor(@InjectQueue(ROLLUPS_QUEUE) private readonly queue: Queue<RollupJobData>) {}

  /** `cause` makes the job id unique per change, e.g. `dispensation-<id>-<version>`. */
  async enqueue(regionId: string, month: string, cause: string): Promise<void> {
    try {
      await this.queue.add(
        ROLLUP_JOB,
        { regionId, month: `${month}-01` },
        { ...ROLLUP_JOB_OPTIONS, jobId: `rollup-${regionId}-${month}-${cause}` },
      );
    } catch (error) {
      this.logger.error(`rollup of ${regionId} ${month} not queued: ${(error as Error).message}`);
    }
  }
}

@Global()
@Module({
  imports: [BullModule.registerQueue({ name: ROLLUPS_QUEUE })],
  providers: [RollupsProducer],
  exports: [RollupsProducer],
})
export class RollupsProducerModule {}
