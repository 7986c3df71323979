import { Module } from '@nestjs/common';

import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

/** A region's administrator's status of its own imports, rollups and jobs. */
@Module({ controllers: [OperationsController], providers: [OperationsService] })
export class OperationsModule {}
