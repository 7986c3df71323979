import {
  CARE_SETTINGS,
  FieldErrorCode,
  METRIC_GROUPINGS,
  MetricGrouping,
  PROFESSION_GROUPS,
  RATIO_LEVELS,
  RatioLevel,
} from '@hyrkoll/contracts';
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';

/**
 * A month `YYYY-MM` from 1900-01 to 9999-12: a year before 1900 (the API compares with up to two
 * years earlier) would reach dates PostgreSQL refuses, such as year 0.
 */
const MONTH = /^(19\d\d|[2-9]\d{3})-(0[1-9]|1[0-2])$/;

/**
 * A supplier's key as the series grouped by supplier give it: the id of a supplier of the
 * agreement, or `unknown:` and the name of one outside it (as the rollup keys it).
 */
const SUPPLIER_KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|unknown:.{1,200})$/is;

const monthOf = (field: string) =>
  Matches(MONTH, {
    message: `${field} must be a month of the form YYYY-MM, from 1900-01 to 9999-12`,
    context: { code: FieldErrorCode.MONTH },
  });

export class MonthRangeQuery {
  @ApiProperty({ example: '2024-01', description: 'First month, YYYY-MM' })
  @monthOf('from')
  from!: string;

  @ApiProperty({ example: '2024-10', description: 'Last month, YYYY-MM (at most 10 years after from)' })
  @monthOf('to')
  to!: string;
}

export class MonthQuery {
  @ApiProperty({ example: '2024-10', description: 'The month, YYYY-MM' })
  @monthOf('month')
  month!: string;
}

/**
 * Every filter of the metrics, validated once: each route takes all of them or the ones its
 * measure has (`PickType`), so a malformed filter is refused alike everywhere, with 400 naming
 * the field and its field code (`id`, `oneOf`, `format`); a filter a measure does not have is
 * an `unknownField`.
 */
export class MetricFilterQuery extends MonthRangeQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this area (within your scope)' })
  @IsOptional()
  @IsUUID('all', { message: 'area must be the id of an area' })
  area?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this unit (within your scope)' })
  @IsOptional()
  @IsUUID('all', { message: 'unit must be the id of a unit' })
  unit?: string;

  @ApiPropertyOptional({ enum: CARE_SETTINGS })
  @IsOptional()
  @IsIn(CARE_SETTINGS, { message: `careSetting must be one of ${CARE_SETTINGS.join(', ')}` })
  careSetting?: string;

  @ApiPropertyOptional({ enum: PROFESSION_GROUPS })
  @IsOptional()
  @IsIn(PROFESSION_GROUPS, { message: `professionGroup must be one of ${PROFESSION_GROUPS.join(', ')}` })
  professionGroup?: string;

  @ApiPropertyOptional({
    example: '5b9f2f4e-…',
    description:
      'Only this supplier: the key the series grouped by supplier give it (a supplier id, or unknown:<name>)',
  })
  @IsOptional()
  @Matches(SUPPLIER_KEY, {
    message:
      'supplier must be a supplier key: a supplier id, or unknown: and a name of at most 200 characters',
  })
  supplier?: string;
}

export class RatioQuery extends PickType(MetricFilterQuery, [
  'from',
  'to',
  'area',
  'careSetting',
  'professionGroup',
] as const) {
  @ApiPropertyOptional({ enum: RATIO_LEVELS, default: 'region' })
  @IsOptional()
  @IsIn(RATIO_LEVELS, { message: `level must be one of ${RATIO_LEVELS.join(', ')}` })
  level?: RatioLevel;
}

export class SeriesQuery extends MetricFilterQuery {
  @ApiPropertyOptional({ enum: METRIC_GROUPINGS, default: 'none' })
  @IsOptional()
  @IsIn(METRIC_GROUPINGS, { message: `groupBy must be one of ${METRIC_GROUPINGS.join(', ')}` })
  groupBy?: MetricGrouping;
}
