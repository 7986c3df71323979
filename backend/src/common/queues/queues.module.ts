import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';

/** The BullMQ connection shared by every queue of the process (API producers, worker consumers). */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (c: AppConfig) => ({
        connection: { url: c.redis.url, maxRetriesPerRequest: null },
        prefix: c.redis.queuePrefix,
      }),
    }),
  ],
})
export class QueuesModule {}
