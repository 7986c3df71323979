import { Module } from '@nestjs/common';

import { NoticeSource } from '../notifications/notice-source';
import { NotificationsModule } from '../notifications/notifications.module';
import { DispensationLifecycleService } from './dispensation-lifecycle.service';
import { DispensationNotices } from './dispensation-notices';

/**
 * What the worker needs of dispensations: the time-driven checks (expiry and reminders), and the
 * dispensations as the notification e-mails read them (`NoticeSource`).
 */
@Module({
  imports: [NotificationsModule],
  providers: [DispensationLifecycleService, { provide: NoticeSource, useClass: DispensationNotices }],
  exports: [DispensationLifecycleService, NoticeSource],
})
export class DispensationsWorkerModule {}
