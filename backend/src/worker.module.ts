import { DynamicModule, Module } from '@nestjs/common';

import { LoggingModule } from './common/logging/logging.module';
import { OutboxModule } from './common/outbox/outbox.module';
import { QueuesModule } from './common/queues/queues.module';
import { RedisModule } from './common/redis/redis.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './modules/audit/audit.module';
import { WorkerHeartbeatService } from './modules/health/worker-heartbeat.service';
import { PolicyModule } from './modules/policy/policy.module';
import { QUEUES } from './queues';

/** Root module of the worker process: the consumer of every queue and the heartbeat, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        RedisModule,
        QueuesModule,
        OutboxModule,
        AuditModule,
        PolicyModule,
        ...QUEUES.map((queue) => queue.worker),
      ],
      providers: [WorkerHeartbeatService],
    };
  }
}
