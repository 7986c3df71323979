import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { GrantRequestsController } from './grant-requests.controller';
import { GrantRequestsService } from './grant-requests.service';
import { PasswordSetupController } from './password-setup.controller';
import { PasswordSetupService } from './password-setup.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [NotificationsModule],
  controllers: [UsersController, GrantRequestsController, PasswordSetupController],
  providers: [UsersService, GrantRequestsService, PasswordSetupService],
})
export class UsersModule {}
