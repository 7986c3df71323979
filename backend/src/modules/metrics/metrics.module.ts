import { Module } from '@nestjs/common';

import { DispensationMetricsService } from './dispensation-metrics.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { MetricsCache } from './metrics-cache';

@Module({
  controllers: [MetricsController],
  providers: [MetricsService, DispensationMetricsService, MetricsCache],
})
export class MetricsModule {}
