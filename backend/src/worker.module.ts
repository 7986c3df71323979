import { DynamicModule, Module } from '@nestjs/common';
import { LoggingModule } from './common/logging/logging.module';
import { QueuesModule } from './common/queues/queues.module';
import { RedisModule } from './common/redis/redis.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { WorkerHeartbeatService } from './modules/health/worker-heartbeat.service';

/** Root module of the worker process: BullMQ processors and the heartbeat, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, RedisModule, QueuesModule],
      providers: [WorkerHeartbeatService],
    };
  }
}
