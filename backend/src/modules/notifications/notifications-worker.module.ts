import { Module } from '@nestjs/common';

import { Mailer } from './mailer';
import { NotificationsModule } from './notifications.module';
import { NotificationsProcessor } from './notifications.processor';

/** The consumer side of the notification queue (the e-mail), for the worker process. */
@Module({
  imports: [NotificationsModule],
  providers: [Mailer, NotificationsProcessor],
})
export class NotificationsWorkerModule {}
