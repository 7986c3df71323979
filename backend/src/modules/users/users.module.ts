import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { AccessRequestsController } from './access-requests.controller';
import { AccessRequestsService } from './access-requests.service';
import { GrantRequestsController } from './grant-requests.controller';
import { GrantRequestsService } from './grant-requests.service';
import { PasswordSetupController } from './password-setup.controller';
import { PasswordSetupService } from './password-setup.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [NotificationsModule],
  controllers: [UsersController, GrantRequestsController, PasswordSetupController, AccessRequestsController],
  providers: [UsersService, GrantRequestsService, PasswordSetupService, AccessRequestsService],
  exports: [AccessRequestsService],
})
export class UsersModule {}
