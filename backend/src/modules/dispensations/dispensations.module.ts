import { Module } from '@nestjs/common';
import { DispensationRequests } from './dispensation-requests.service';
import { DispensationsController } from './dispensations.controller';
import { DispensationsService } from './dispensations.service';

@Module({
  controllers: [DispensationsController],
  providers: [DispensationsService, DispensationRequests],
  exports: [DispensationsService, DispensationRequests],
})
export class DispensationsModule {}
