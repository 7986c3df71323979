import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ImportActionsService } from './import-actions.service';
import { ImportsController } from './imports.controller';
import { IMPORTS_QUEUE } from './imports.queue';
import { ImportsService } from './imports.service';

@Module({
  imports: [BullModule.registerQueue({ name: IMPORTS_QUEUE })],
  controllers: [ImportsController],
  providers: [ImportsService, ImportActionsService],
})
export class ImportsModule {}
