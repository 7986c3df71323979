import { Module } from '@nestjs/common';

import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { MetricsCache } from './metrics-cache';

@Module({ controllers: [MetricsController], providers: [MetricsService, MetricsCache] })
export class MetricsModule {}
