import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';

import { QueueBoardQueuesModule } from './bootstrap/queue-board';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { LoggingModule } from './common/logging/logging.module';
import { OutboxModule } from './common/outbox/outbox.module';
import { QueuesModule } from './common/queues/queues.module';
import { RedisModule } from './common/redis/redis.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AgreementModule } from './modules/agreement/agreement.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BoardCommentsModule } from './modules/board-comments/board-comments.module';
import { ClientErrorsModule } from './modules/client-errors/client-errors.module';
import { DispensationsModule } from './modules/dispensations/dispensations.module';
import { HealthModule } from './modules/health/health.module';
import { ImportsModule } from './modules/imports/imports.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { OperationsModule } from './modules/operations/operations.module';
import { OperatorModule } from './modules/operator/operator.module';
import { OrdersModule } from './modules/orders/orders.module';
import { OrgModule } from './modules/org/org.module';
import { PolicyModule } from './modules/policy/policy.module';
import { PurchasedHoursModule } from './modules/purchased-hours/purchased-hours.module';
import { UsersModule } from './modules/users/users.module';

/** Root module of the HTTP API process. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        RedisModule,
        QueuesModule,
        AuditModule,
        AuthModule,
        IdempotencyModule,
        OutboxModule,
        PolicyModule,
        HealthModule,
        OrgModule,
        ClientErrorsModule,
        UsersModule,
        AgreementModule,
        DispensationsModule,
        OrdersModule.withApprovals(DispensationsModule),
        ImportsModule,
        MetricsModule,
        BoardCommentsModule,
        PurchasedHoursModule,
        OperationsModule,
        OperatorModule,
        QueueBoardQueuesModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
