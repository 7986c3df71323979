import { METRIC_GROUPINGS, MetricGrouping, RATIO_LEVELS, RatioLevel } from '@hyrkoll/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

/**
 * A month `YYYY-MM` from 1900-01 to 9999-12: a year before 1900 (the API compares with up to two
 * years earlier) would reach dates PostgreSQL refuses, such as year 0.
 */
const MONTH = /^(19\d\d|[2-9]\d{3})-(0[1-9]|1[0-2])$/;

export class MonthRangeQuery {
  @ApiProperty({ example: '2024-01', description: 'First month, YYYY-MM' })
  @Matches(MONTH, {
    message: 'from must be a month of the form YYYY-MM, from 1900-01 to 9999-12',
    context: { code: 'month' },
  })
  from!: string;

  @ApiProperty({ example: '2024-10', description: 'Last month, YYYY-MM (at most 10 years after from)' })
  @Matches(MONTH, {
    message: 'to must be a month of the form YYYY-MM, from 1900-01 to 9999-12',
    context: { code: 'month' },
  })
  to!: string;
}

export class SeriesQuery extends MonthRangeQuery {
  @ApiPropertyOptional({ enum: METRIC_GROUPINGS, default: 'none' })
  @IsOptional()
  @IsIn(METRIC_GROUPINGS, { message: `groupBy must be one of ${METRIC_GROUPINGS.join(', ')}` })
  groupBy?: MetricGrouping;
}

export class RatioQuery extends MonthRangeQuery {
  @ApiPropertyOptional({ enum: RATIO_LEVELS, default: 'region' })
  @IsOptional()
  @IsIn(RATIO_LEVELS, { message: `level must be one of ${RATIO_LEVELS.join(', ')}` })
  level?: RatioLevel;
}
