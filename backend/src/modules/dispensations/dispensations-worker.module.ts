import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { DispensationLifecycleService } from './dispensation-lifecycle.service';

/** What the worker's time-driven checks need of dispensations: expiry and reminders. */
@Module({
  imports: [NotificationsModule],
  providers: [DispensationLifecycleService],
  exports: [DispensationLifecycleService],
})
export class DispensationsWorkerModule {}
