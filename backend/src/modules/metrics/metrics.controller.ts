import {
  ApiPath,
  DispensationRegisterDto,
  MetricSeriesDto,
  NationalComparisonDto,
  Permission,
  RatioSeriesDto,
} from '@hyrkoll/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { MonthRangeQuery, RatioQuery, SeriesQuery } from './dto/metrics.dto';
import {
  DispensationRegisterResponse,
  MetricSeriesResponse,
  NationalComparisonResponse,
  RatioSeriesResponse,
} from './dto/metrics-response.dto';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@Controller(ApiPath.metrics)
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('skr-ratio')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({
    summary:
      'R12 hired cost / R12 own-staff cost per month, by region, area, care setting or profession group, with the 2 % target',
  })
  @ApiOkResponse({ type: RatioSeriesResponse })
  skrRatio(@CurrentUser() user: AuthUser, @Query() query: RatioQuery): Promise<RatioSeriesDto> {
    return this.metrics.skrRatio(user, query.from, query.to, query.level ?? 'region');
  }

  @Get('costs')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({
    summary:
      'Hired cost (SEK) per month and group, with the same period last year for month, year to date and R12',
  })
  @ApiOkResponse({ type: MetricSeriesResponse })
  costs(@CurrentUser() user: AuthUser, @Query() query: SeriesQuery): Promise<MetricSeriesDto> {
    return this.metrics.series(user, 'cost', query.from, query.to, query.groupBy ?? 'none');
  }

  @Get('hours')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({
    summary:
      'Purchased hours per month and group, with the same period last year for month, year to date and R12',
  })
  @ApiOkResponse({ type: MetricSeriesResponse })
  hours(@CurrentUser() user: AuthUser, @Query() query: SeriesQuery): Promise<MetricSeriesDto> {
    return this.metrics.series(user, 'hours', query.from, query.to, query.groupBy ?? 'none');
  }

  @Get('dispensation-register')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({
    summary:
      'Granted dispensations per month by rule type, area and profession group, with the hours and cost booked under them',
  })
  @ApiOkResponse({ type: DispensationRegisterResponse })
  register(@CurrentUser() user: AuthUser, @Query() query: MonthRangeQuery): Promise<DispensationRegisterDto> {
    return this.metrics.dispensationRegister(user, query.from, query.to);
  }

  @Get('national-comparison')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({
    summary:
      "Every region's share of hired staff per month (national comparison), as the user's region imported it",
  })
  @ApiOkResponse({ type: NationalComparisonResponse })
  national(@CurrentUser() user: AuthUser, @Query() query: MonthRangeQuery): Promise<NationalComparisonDto> {
    return this.metrics.nationalComparison(user.regionId, query.from, query.to);
  }
}
