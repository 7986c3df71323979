import {
  ApiPath,
  DispensationInUseDto,
  DispensationRegisterDto,
  MetricFilters,
  MetricSeriesDto,
  NationalComparisonDto,
  Permission,
  RatioSeriesDto,
  RegionRatioDto,
} from '@hyrkoll/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { DispensationMetricsService } from './dispensation-metrics.service';
import { MetricFilterQuery, MonthQuery, MonthRangeQuery, RatioQuery, SeriesQuery } from './dto/metrics.dto';
import {
  DispensationInUseResponse,
  DispensationRegisterResponse,
  MetricSeriesResponse,
  NationalComparisonResponse,
  RatioSeriesResponse,
  RegionRatioResponse,
} from './dto/metrics-response.dto';
import { MetricsService } from './metrics.service';

/** The filters of a query, without the ones not given. */
function filtersOf(query: Partial<MetricFilterQuery>): MetricFilters {
  const { area, unit, careSetting, professionGroup, supplier } = query;
  return Object.fromEntries(
    Object.entries({ area, unit, careSetting, professionGroup, supplier }).filter(([, v]) => v !== undefined),
  );
}

@ApiTags('metrics')
@Controller(ApiPath.metrics)
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly dispensations: DispensationMetricsService,
  ) {}

  @Get('skr-ratio')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({
    summary:
      'R12 hired cost / R12 own-staff cost per month, by region, area, care setting or profession group, with the 2 % target; the filters (area, careSetting, professionGroup) combine',
  })
  @ApiOkResponse({ type: RatioSeriesResponse })
  skrRatio(@CurrentUser() user: AuthUser, @Query() query: RatioQuery): Promise<RatioSeriesDto> {
    return this.metrics.skrRatio(user, query.from, query.to, query.level, filtersOf(query));
  }

  @Get('region-ratio')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({
    summary:
      "The region's own R12 SKR ratio at one month: the one comparison figure every user with metrics:read may see",
  })
  @ApiOkResponse({ type: RegionRatioResponse })
  regionRatio(@CurrentUser() user: AuthUser, @Query() query: MonthQuery): Promise<RegionRatioDto> {
    return this.metrics.regionRatio(user, query.month);
  }

  @Get('dispensations-in-use')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({
    summary:
      'Granted dispensations of your units or areas valid at some time in the period, with the hours and cost used of them; the filters (area, unit, careSetting, professionGroup, supplier: the awarded supplier) combine',
  })
  @ApiOkResponse({ type: [DispensationInUseResponse] })
  inUse(@CurrentUser() user: AuthUser, @Query() query: MetricFilterQuery): Promise<DispensationInUseDto[]> {
    return this.dispensations.dispensationsInUse(user, query.from, query.to, filtersOf(query));
  }

  @Get('costs')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({
    summary:
      'Hired cost (SEK) per month and group, with the same period last year for month, year to date and R12; the filters (area, unit, careSetting, professionGroup, supplier) combine',
  })
  @ApiOkResponse({ type: MetricSeriesResponse })
  costs(@CurrentUser() user: AuthUser, @Query() query: SeriesQuery): Promise<MetricSeriesDto> {
    return this.metrics.series(user, 'cost', query.from, query.to, query.groupBy ?? 'none', filtersOf(query));
  }

  @Get('hours')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({
    summary:
      'Purchased hours per month and group, with the same period last year for month, year to date and R12; the filters (area, unit, careSetting, professionGroup, supplier) combine',
  })
  @ApiOkResponse({ type: MetricSeriesResponse })
  hours(@CurrentUser() user: AuthUser, @Query() query: SeriesQuery): Promise<MetricSeriesDto> {
    return this.metrics.series(
      user,
      'hours',
      query.from,
      query.to,
      query.groupBy ?? 'none',
      filtersOf(query),
    );
  }

  @Get('dispensation-register')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({
    summary:
      'Granted dispensations per month by rule type, area and profession group, with the hours and cost booked under them; the filters (area, unit, careSetting, professionGroup, supplier) combine',
  })
  @ApiOkResponse({ type: DispensationRegisterResponse })
  register(
    @CurrentUser() user: AuthUser,
    @Query() query: MetricFilterQuery,
  ): Promise<DispensationRegisterDto> {
    return this.dispensations.dispensationRegister(user, query.from, query.to, filtersOf(query));
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
