import { BidInput } from '@hyrkoll/contracts';
import { ORDER_LIMITS } from '@hyrkoll/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

import { VersionBody } from '../../../common/dto/bodies';
import { IsDecimalAmount, IsIsoDate, IsNotBlank } from '../../../common/validation/decorators';

const BID_LIMITS = {
  /** Hours worked at the unit before: fifty full-time years, inside the numeric(10, 2) column. */
  maxEarlierHours: '100000.00',
};

export class RegisterBidBody implements BidInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'supplierId must be a supplier id' })
  supplierId!: string;

  @ApiProperty({ example: 'Anna Konsult' })
  @IsNotBlank()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  consultantName!: string;

  @ApiProperty({
    example: '19811218-9876',
    description: 'Checked against the former-employee register; stored only hashed',
  })
  @MaxLength(20)
  @IsString()
  consultantIdentityNumber!: string;

  @ApiProperty({
    example: '480.00',
    description: `Hours of the ordered period the consultant covers, 0.01 to ${ORDER_LIMITS.maxHours}`,
  })
  @IsDecimalAmount({ integerDigits: 5, max: ORDER_LIMITS.maxHours })
  hoursOffered!: string;

  @ApiPropertyOptional({
    example: '120.00',
    description: `Hours the consultant has worked at the unit before (continuity), 0 to ${BID_LIMITS.maxEarlierHours}`,
  })
  @IsOptional()
  @IsDecimalAmount({ integerDigits: 6, allowZero: true, max: BID_LIMITS.maxEarlierHours })
  earlierHoursAtUnit?: string;

  @ApiPropertyOptional({
    example: '1125.00',
    description: `Hourly price of the bid (default: the tariff), SEK, 0.01 to ${ORDER_LIMITS.maxHourlyRate}`,
  })
  @IsOptional()
  @IsDecimalAmount({ integerDigits: 5, max: ORDER_LIMITS.maxHourlyRate })
  hourlyRate?: string;

  @ApiProperty({ example: '2012-06-01' }) @IsIsoDate() licensedOn!: string;
  @ApiPropertyOptional({ example: '2018-09-01' }) @IsOptional() @IsIsoDate() specialistCertifiedOn?: string;
  @ApiProperty({ description: 'At least 50 % Nordic work in the last 4 years' })
  @IsBoolean()
  recentNordicExperience!: boolean;
  @ApiProperty({ example: '2025-01-15' }) @IsIsoDate() ivoExtractOn!: string;
  @ApiProperty({ example: '2025-01-15' }) @IsIsoDate() hospExtractOn!: string;
  @ApiProperty({ example: '2024-10-01' }) @IsIsoDate() cprTrainingOn!: string;
  @ApiProperty() @IsBoolean() cvAttached!: boolean;
  @ApiProperty({ example: 2 }) @Max(20) @Min(0) @IsInt() references!: number;
}

export class AwardBody extends VersionBody {
  @ApiProperty({ format: 'uuid', description: 'The bid to award: the best-ranked eligible one' })
  @IsUUID('all', { message: 'bidId must be a bid id' })
  bidId!: string;
}
