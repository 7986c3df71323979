import { BullModule } from '@nestjs/bullmq';
import { Global, Injectable, Module } from '@nestjs/common';
import { Outbox, SqlRunner } from '../../common/outbox/outbox';
import { ROLLUP_JOB, ROLLUP_JOB_OPTIONS, RollupJobData, ROLLUPS_QUEUE } from '../imports/imports.queue';

/** Queues the recompute of one (region, month) through the outbox, in the transaction of the change. */
@Injectable()
export class RollupsProducer {
  constructor(private readonly outbox: Outbox) {}

  /** `cause` makes the job id unique per change, e.g. `dispensation-<id>-<version>`. */
  async enqueue(run: SqlRunner, regionId: string, month: string, cause: string): Promise<void> {
    const data: RollupJobData = { regionId, month: `${month}-01` };
    await this.outbox.add(run, {
      queue: ROLLUPS_QUEUE,
      name: ROLLUP_JOB,
      jobId: `rollup-${regionId}-${month}-${cause}`,
      data,
      options: ROLLUP_JOB_OPTIONS,
    });
  }
}

@Global()
@Module({
  imports: [BullModule.registerQueue({ name: ROLLUPS_QUEUE })],
  providers: [RollupsProducer],
  exports: [RollupsProducer],
})
export class RollupsProducerModule {}
