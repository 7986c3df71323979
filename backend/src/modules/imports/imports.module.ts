import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { RollupsModule } from '../rollups/rollups.module';
import { ImportActionsService } from './import-actions.service';
import { ImportsController } from './imports.controller';
import { ImportsProducer } from './imports.producer';
import { IMPORTS_QUEUE } from './imports.queue';
import { ImportsService } from './imports.service';

@Module({
  imports: [BullModule.registerQueue({ name: IMPORTS_QUEUE }), RollupsModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportActionsService, ImportsProducer],
})
export class ImportsModule {}
