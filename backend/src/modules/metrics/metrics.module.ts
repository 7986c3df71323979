import { Module } from '@nestjs/common';
import { MetricsCache } from './metrics-cache';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({ controllers: [MetricsController], providers: [MetricsService, MetricsCache] })
export class MetricsModule {}
