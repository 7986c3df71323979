import {
  CARE_SETTINGS,
  METRIC_GROUPINGS,
  MetricGrouping,
  PROFESSION_GROUPS,
  RATIO_LEVELS,
  RatioLevel,
} from '@hyrkoll/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Length, Matches } from 'class-validator';

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

export class MonthQuery {
  @ApiProperty({ example: '2024-10', description: 'The month, YYYY-MM' })
  @Matches(MONTH, { message: 'month must be a month of the form YYYY-MM, from 1900-01 to 9999-12' })
  month!: string;
}

/** The filters every measure with an area and a profession group takes (the register). */
export class AreaProfessionFilterQuery extends MonthRangeQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this area (within your scope)' })
  @IsOptional()
  @IsUUID('all', { message: 'area must be the id of an area' })
  area?: string;

  @ApiPropertyOptional({ enum: PROFESSION_GROUPS })
  @IsOptional()
  @IsIn(PROFESSION_GROUPS, { message: `professionGroup must be one of ${PROFESSION_GROUPS.join(', ')}` })
  professionGroup?: string;
}

export class RatioQuery extends AreaProfessionFilterQuery {
  @ApiPropertyOptional({ enum: RATIO_LEVELS, default: 'region' })
  @IsOptional()
  @IsIn(RATIO_LEVELS, { message: `level must be one of ${RATIO_LEVELS.join(', ')}` })
  level?: RatioLevel;

  @ApiPropertyOptional({ enum: CARE_SETTINGS })
  @IsOptional()
  @IsIn(CARE_SETTINGS, { message: `careSetting must be one of ${CARE_SETTINGS.join(', ')}` })
  careSetting?: string;
}

export class SeriesQuery extends AreaProfessionFilterQuery {
  @ApiPropertyOptional({ enum: METRIC_GROUPINGS, default: 'none' })
  @IsOptional()
  @IsIn(METRIC_GROUPINGS, { message: `groupBy must be one of ${METRIC_GROUPINGS.join(', ')}` })
  groupBy?: MetricGrouping;

  @ApiPropertyOptional({ enum: CARE_SETTINGS })
  @IsOptional()
  @IsIn(CARE_SETTINGS, { message: `careSetting must be one of ${CARE_SETTINGS.join(', ')}` })
  careSetting?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this unit (within your scope)' })
  @IsOptional()
  @IsUUID('all', { message: 'unit must be the id of a unit' })
  unit?: string;

  @ApiPropertyOptional({
    example: '5b9f…',
    description: 'Only this supplier: the key the series grouped by supplier give it',
  })
  @IsOptional()
  @Length(1, 200, { message: 'supplier must be a supplier key of 1 to 200 characters' })
  supplier?: string;
}
