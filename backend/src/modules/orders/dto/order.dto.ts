import {
  COMPETENCE_LEVELS,
  CompetenceLevel,
  MAX_PAGE_SIZE,
  ORDER_REASONS,
  ORDER_SORTS,
  ORDER_STATUSES,
  OrderInput,
  OrderReason,
  OrderSort,
  OrderStatus,
  Profession,
  PROFESSION_CODES,
  PublishManyInput,
} from '@hyrkoll/contracts';
import { daysInclusive, isIsoDate, ORDER_LIMITS } from '@hyrkoll/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';

import { JustificationBody, VersionBody } from '../../../common/dto/bodies';
import { ListQuery } from '../../../common/dto/list-query';
import { IsDecimalAmount, IsIsoDate } from '../../../common/validation/decorators';

/**
 * A period end at most `ORDER_LIMITS.maxPeriodDays` days (both ends counted) from the body's
 * `periodStart`: the bound that keeps the travel allowance, and with it the estimate, inside its
 * column. An end before the start, or a malformed date, is reported by the other checks.
 */
function IsWithinPeriodLimit() {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isWithinPeriodLimit',
      target: object.constructor,
      propertyName,
      constraints: [ORDER_LIMITS.maxPeriodDays],
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const start = (args.object as { periodStart?: unknown }).periodStart;
          if (typeof value !== 'string' || typeof start !== 'string') return true;
          if (!isIsoDate(value) || !isIsoDate(start) || value < start) return true;
          return daysInclusive(start, value) <= ORDER_LIMITS.maxPeriodDays;
        },
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be at most ${ORDER_LIMITS.maxPeriodDays} days (five years) from periodStart, both counted`,
      },
    });
  };
}

export class OrderBody implements OrderInput {
  @ApiProperty({ format: 'uuid', description: 'The ordering unit (the unit manager must cover it)' })
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @ApiProperty({ enum: PROFESSION_CODES, example: 'LAKARE' })
  @IsIn(PROFESSION_CODES, { message: `profession must be one of ${PROFESSION_CODES.join(', ')}` })
  profession!: Profession;

  @ApiProperty({ enum: COMPETENCE_LEVELS, example: 'SPECIALIST' })
  @IsIn(COMPETENCE_LEVELS, { message: `competenceLevel must be one of ${COMPETENCE_LEVELS.join(', ')}` })
  competenceLevel!: CompetenceLevel;

  @ApiPropertyOptional({ example: 'Allmänmedicin', maxLength: 100 })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  specialty?: string;

  @ApiProperty({ example: '2025-03-03' }) @IsIsoDate() periodStart!: string;
  @ApiProperty({
    example: '2025-05-25',
    description: `At most ${ORDER_LIMITS.maxPeriodDays} days from periodStart, both counted`,
  })
  @IsWithinPeriodLimit()
  @IsIsoDate()
  periodEnd!: string;

  @ApiProperty({
    example: '480.00',
    description: `Hours ordered in the period (decimal string), 0.01 to ${ORDER_LIMITS.maxHours}`,
  })
  @IsDecimalAmount({ integerDigits: 5, max: ORDER_LIMITS.maxHours })
  hours!: string;

  @ApiPropertyOptional({ example: 'Mån–fre 08–17, jour var fjärde helg', maxLength: 1000 })
  @IsOptional()
  @MaxLength(1000)
  @IsString()
  schedule?: string;

  @ApiProperty({ enum: ORDER_REASONS, example: 'VACANCY' })
  @IsIn(ORDER_REASONS, { message: `reason must be one of ${ORDER_REASONS.join(', ')}` })
  reason!: OrderReason;

  @ApiPropertyOptional({ example: 'Vakant distriktsläkartjänst sedan januari', maxLength: 2000 })
  @IsOptional()
  @MaxLength(2000)
  @IsString()
  reasonText?: string;

  @ApiPropertyOptional({ example: 'Svenska i tal och skrift; erfarenhet av glesbygd', maxLength: 4000 })
  @IsOptional()
  @MaxLength(4000)
  @IsString()
  requirements?: string;

  @ApiPropertyOptional({ default: false, description: 'To be bought outside the national agreement' })
  @IsOptional()
  @IsBoolean()
  offAgreement?: boolean;

  @ApiPropertyOptional({
    example: '1500.00',
    description: `A rate other than the tariff (needs a dispensation when higher), SEK, 0.01 to ${ORDER_LIMITS.maxHourlyRate}`,
  })
  @IsOptional()
  @IsDecimalAmount({ integerDigits: 5, max: ORDER_LIMITS.maxHourlyRate })
  requestedHourlyRate?: string;

  @ApiPropertyOptional({
    example: '5000.00',
    description: `Extras on top of the hourly price, SEK, 0 to ${ORDER_LIMITS.maxExtrasSek}`,
  })
  @IsOptional()
  @IsDecimalAmount({ integerDigits: 8, allowZero: true, max: ORDER_LIMITS.maxExtrasSek })
  extrasSek?: string;
}

export class UpdateOrderBody extends OrderBody {
  @ApiProperty({ example: 1, description: 'The version the change is based on' })
  @Max(2_147_483_647)
  @Min(1)
  @IsInt()
  version!: number;
}

export class SubmitOrderBody {
  @ApiProperty({ example: 1 }) @Max(2_147_483_647) @Min(1) @IsInt() version!: number;

  @ApiPropertyOptional({
    type: JustificationBody,
    description: 'Required when the order triggers a rule of the policy',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => JustificationBody)
  justification?: JustificationBody;
}

export class CancelOrderBody extends VersionBody {
  @ApiProperty({ example: 'Tjänsten tillsatt med egen personal', maxLength: 2000 })
  @MaxLength(2000)
  @MinLength(1)
  @IsString()
  reason!: string;
}

export class OrderListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES, isArray: true, description: 'Comma-separated statuses' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsIn(ORDER_STATUSES, { each: true, message: `each status must be one of ${ORDER_STATUSES.join(', ')}` })
  status?: OrderStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'areaId must be an area id' })
  areaId?: string;

  @ApiPropertyOptional({ enum: PROFESSION_CODES })
  @IsOptional()
  @IsIn(PROFESSION_CODES, { message: `profession must be one of ${PROFESSION_CODES.join(', ')}` })
  profession?: Profession;

  @ApiPropertyOptional({
    example: '2025-01-01',
    description: 'Orders whose period ends on or after this day',
  })
  @IsOptional()
  @IsIsoDate()
  from?: string;
  @ApiPropertyOptional({
    example: '2025-12-31',
    description: 'Orders whose period starts on or before this day',
  })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Free text: reference, specialty, unit name, profession code' })
  @IsOptional()
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  @IsString()
  q?: string;

  @ApiPropertyOptional({ enum: ORDER_SORTS, default: 'created', description: 'Ties are broken by id' })
  @IsOptional()
  @IsIn(ORDER_SORTS, { message: `sort must be one of ${ORDER_SORTS.join(', ')}` })
  sort?: OrderSort;
}

export class PublishManyItem extends VersionBody {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be an order id' }) id!: string;
}

export class PublishManyBody implements PublishManyInput {
  @ApiProperty({ type: [PublishManyItem], maxItems: MAX_PAGE_SIZE })
  @ArrayMaxSize(MAX_PAGE_SIZE, { message: `orders must hold at most ${MAX_PAGE_SIZE} orders` })
  @ArrayMinSize(1, { message: 'orders must hold at least one order' })
  @IsArray({ message: 'orders must be a list' })
  @ValidateNested({ each: true })
  @Type(() => PublishManyItem)
  orders!: PublishManyItem[];
}

export class OrderIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be an order id' }) id!: string;
}
