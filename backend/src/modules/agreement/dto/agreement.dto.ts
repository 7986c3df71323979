import type { PriceZone } from '@hyrkoll/contracts';
import {
  COMPETENCE_LEVELS,
  CompetenceLevel,
  FormerEmployeeDto,
  Lot,
  LOTS,
  PriceDto,
  Profession,
  PROFESSION_CODES,
  SupplierDto,
  SupplierStatus,
  TravelAllowanceDto,
} from '@hyrkoll/contracts';
import { ORDER_LIMITS } from '@hyrkoll/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

import { IsDecimalAmount, IsIsoDate, IsNotBlank, ToWholeNumber } from '../../../common/validation/decorators';

export class SupplierResponse implements SupplierDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '556712-3459' }) organisationNumber!: string;
  @ApiProperty({ example: 'Norrlandsbemanning AB' }) name!: string;
  @ApiProperty({ enum: LOTS, isArray: true }) lots!: Lot[];
  @ApiProperty({ enum: ['ACTIVE', 'QUARANTINED'] }) status!: SupplierStatus;
  @ApiProperty({ nullable: true, type: String }) quarantineReason!: string | null;
  @ApiProperty({ example: 1 }) version!: number;
}

export class CreateSupplierBody {
  @ApiProperty({ example: '556712-3459', description: 'Swedish organisation number (checked)' })
  @MaxLength(20)
  @IsString()
  organisationNumber!: string;

  @ApiProperty({ example: 'Norrlandsbemanning AB' })
  @IsNotBlank()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  name!: string;

  @ApiProperty({ enum: LOTS, isArray: true, example: ['LAKARE'] })
  @IsIn(LOTS, { each: true, message: `each lot must be one of ${LOTS.join(', ')}` })
  @ArrayMaxSize(2)
  @ArrayMinSize(1)
  lots!: Lot[];
}

export class UpdateSupplierBody {
  @ApiProperty({ example: 1 }) @Max(2_147_483_647) @Min(1) @IsInt() version!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNotBlank()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  name?: string;

  @ApiPropertyOptional({ enum: LOTS, isArray: true })
  @IsOptional()
  @IsIn(LOTS, { each: true, message: `each lot must be one of ${LOTS.join(', ')}` })
  @ArrayMaxSize(2)
  @ArrayMinSize(1)
  lots?: Lot[];

  @ApiPropertyOptional({
    enum: ['ACTIVE', 'QUARANTINED'],
    description: 'QUARANTINED needs a quarantineReason',
  })
  @IsOptional()
  @IsIn(['ACTIVE', 'QUARANTINED'], { message: 'status must be ACTIVE or QUARANTINED' })
  status?: SupplierStatus;

  @ApiPropertyOptional({ example: 'Avtalsbrott: upprepade missade bekräftelser' })
  @IsOptional()
  @MaxLength(1000)
  @MinLength(1)
  @IsString()
  quarantineReason?: string;
}

export class PriceResponse implements PriceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PROFESSION_CODES }) profession!: Profession;
  @ApiProperty({ enum: COMPETENCE_LEVELS }) competenceLevel!: CompetenceLevel;
  @ApiProperty({ enum: [1, 2, 3] }) priceZone!: PriceZone;
  @ApiProperty({ example: '1125.00' }) hourlyRate!: string;
  @ApiProperty({ example: '2024-01-01' }) validFrom!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) validTo!: string | null;
  @ApiProperty() illustrative!: boolean;
}

export class CreatePriceBody {
  @ApiProperty({ enum: PROFESSION_CODES })
  @IsIn(PROFESSION_CODES, { message: `profession must be one of ${PROFESSION_CODES.join(', ')}` })
  profession!: Profession;

  @ApiProperty({ enum: COMPETENCE_LEVELS })
  @IsIn(COMPETENCE_LEVELS, { message: `competenceLevel must be one of ${COMPETENCE_LEVELS.join(', ')}` })
  competenceLevel!: CompetenceLevel;

  @ApiProperty({ enum: [1, 2, 3] })
  @IsIn([1, 2, 3], { message: 'priceZone must be 1, 2 or 3' })
  priceZone!: PriceZone;

  @ApiProperty({ example: '1150.00', description: `SEK per hour, 0.01 to ${ORDER_LIMITS.maxHourlyRate}` })
  @IsDecimalAmount({ integerDigits: 5, max: ORDER_LIMITS.maxHourlyRate })
  hourlyRate!: string;

  @ApiProperty({ example: '2025-01-01', description: 'An open-ended earlier price is closed the day before' })
  @IsIsoDate()
  validFrom!: string;

  @ApiPropertyOptional({ example: '2025-12-31' }) @IsOptional() @IsIsoDate() validTo?: string;
}

export class PriceQuery {
  @ApiPropertyOptional({ enum: PROFESSION_CODES })
  @IsOptional()
  @IsIn(PROFESSION_CODES, { message: `profession must be one of ${PROFESSION_CODES.join(', ')}` })
  profession?: Profession;

  @ApiPropertyOptional({ example: '2025-03-01', description: 'Only prices valid on this day' })
  @IsOptional()
  @IsIsoDate()
  on?: string;
}

export class TravelAllowanceResponse implements TravelAllowanceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2500.00' }) amountPerWeek!: string;
  @ApiProperty({ example: '2024-01-01' }) validFrom!: string;
  @ApiProperty({ nullable: true, type: String }) validTo!: string | null;
}

export class CreateTravelAllowanceBody {
  @ApiProperty({
    example: '2500.00',
    description: `SEK per started calendar week of an assignment, 0 to ${ORDER_LIMITS.maxTravelAllowancePerWeek}`,
  })
  @IsDecimalAmount({ integerDigits: 5, allowZero: true, max: ORDER_LIMITS.maxTravelAllowancePerWeek })
  amountPerWeek!: string;

  @ApiProperty({ example: '2025-01-01' }) @IsIsoDate() validFrom!: string;
  @ApiPropertyOptional({ example: '2025-12-31' }) @IsOptional() @IsIsoDate() validTo?: string;
}

export class MunicipalityCodeParam {
  @ApiProperty({ example: '2482' })
  @Matches(/^[0-9]{4}$/, { message: 'code must be a four-digit municipality code' })
  code!: string;
}

export class SetPriceZoneBody {
  @ApiProperty({ enum: [1, 2, 3] })
  @ToWholeNumber()
  @Max(3)
  @Min(1)
  @IsInt({ message: 'priceZone must be 1, 2 or 3' })
  priceZone!: PriceZone;
}

export class FormerEmployeeResponse implements FormerEmployeeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '********-**30' }) identityMasked!: string;
  @ApiProperty({ example: '2024-08-31' }) employmentEndedOn!: string;
  @ApiProperty({ example: '2025-08-31' }) karensUntil!: string;
}

export class CreateFormerEmployeeBody {
  @ApiProperty({ example: '19750612-1230', description: 'Stored only as a keyed hash; shown masked' })
  @MaxLength(20)
  @IsString()
  identityNumber!: string;

  @ApiProperty({ example: '2024-08-31' }) @IsIsoDate() employmentEndedOn!: string;
}

export class KarensCheckBody {
  @ApiProperty({ example: '19750612-1230' }) @MaxLength(20) @IsString() identityNumber!: string;
  @ApiPropertyOptional({ example: '2025-03-01', description: 'The assignment start (default today)' })
  @IsOptional()
  @IsIsoDate()
  on?: string;
}

export class KarensCheckResponse {
  @ApiProperty() inKarens!: boolean;
  @ApiProperty({ nullable: true, type: String, example: '2025-08-31' }) karensUntil!: string | null;
}

export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class MunicipalityZoneResponse {
  @ApiProperty({ example: '2418' }) code!: string;
  @ApiProperty({ example: 'Malå' }) name!: string;
  @ApiProperty({ enum: [1, 2, 3], example: 3 }) priceZone!: PriceZone;
}
