import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller';
import { IMPORTS_QUEUE } from './imports.queue';
import { ImportsService } from './imports.service';

@Module({
  imports: [BullModule.registerQueue({ name: IMPORTS_QUEUE })],
  controllers: [ImportsController],
  providers: [ImportsService],
})
export class ImportsModule {}
