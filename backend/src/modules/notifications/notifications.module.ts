import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { NotificationsProducer } from './notifications.producer';
import { NOTIFICATIONS_QUEUE } from './notifications.queue';

/** The producer side of the notification queue, for the features that announce their changes. */
@Module({
  imports: [BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE })],
  providers: [NotificationsProducer],
  exports: [NotificationsProducer],
})
export class NotificationsModule {}
