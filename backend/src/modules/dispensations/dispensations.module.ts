import { Module } from '@nestjs/common';
import { DispensationsController } from './dispensations.controller';
import { DispensationsService } from './dispensations.service';

@Module({
  controllers: [DispensationsController],
  providers: [DispensationsService],
  exports: [DispensationsService],
})
export class DispensationsModule {}
