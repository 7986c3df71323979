import { Module } from '@nestjs/common';

import { PurchasedHoursController } from './purchased-hours.controller';
import { PurchasedHoursService } from './purchased-hours.service';

@Module({ controllers: [PurchasedHoursController], providers: [PurchasedHoursService] })
export class PurchasedHoursModule {}
