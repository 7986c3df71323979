import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { PasswordSetupController } from './password-setup.controller';
import { PasswordSetupService } from './password-setup.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [NotificationsModule],
  controllers: [UsersController, PasswordSetupController],
  providers: [UsersService, PasswordSetupService],
})
export class UsersModule {}
