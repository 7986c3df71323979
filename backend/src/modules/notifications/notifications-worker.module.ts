import { DynamicModule, Module, Type } from '@nestjs/common';

import { Mailer } from './mailer';
import { NotificationsModule } from './notifications.module';
import { NotificationsProcessor } from './notifications.processor';

/**
 * The consumer side of the notification queue (the e-mail), for the worker process. What the
 * e-mails are about comes from the module given to `withNotices`, which must export
 * `NoticeSource` (the queue list passes the dispensations' worker module).
 */
@Module({})
export class NotificationsWorkerModule {
  static withNotices(notices: Type): DynamicModule {
    return {
      module: NotificationsWorkerModule,
      imports: [NotificationsModule, notices],
      providers: [Mailer, NotificationsProcessor],
    };
  }
}
