import {
  CARE_SETTINGS,
  CareSetting,
  PROFESSION_GROUPS,
  ProfessionGroup,
  PURCHASED_HOURS_DEFAULT_PAGE_SIZE,
  PURCHASED_HOURS_MAX_PAGE_SIZE,
  PurchasedHoursPageDto,
  PurchasedHoursQuery,
  PurchasedHoursRowDto,
} from '@hyrkoll/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

import { ToWholeNumber } from '../../../common/validation/decorators';

/**
 * A month `YYYY-MM` from 1900-01 to 9999-12: a year before 1900 (the API compares with up to two
 * years earlier) would reach dates PostgreSQL refuses, such as year 0.
 */
const MONTH = /^(19\d\d|[2-9]\d{3})-(0[1-9]|1[0-2])$/;

/** Highest page number accepted: far beyond any real list, and safe as an SQL offset. */
const MAX_PAGE = 1_000_000;

export class PurchasedHoursListQuery implements PurchasedHoursQuery {
  @ApiPropertyOptional({ example: '2024-01', description: 'First month, YYYY-MM' })
  @IsOptional()
  @Matches(MONTH, {
    message: 'from must be a month of the form YYYY-MM, from 1900-01 to 9999-12',
    context: { code: 'month' },
  })
  from?: string;

  @ApiPropertyOptional({ example: '2024-10', description: 'Last month, YYYY-MM (not before from)' })
  @IsOptional()
  @Matches(MONTH, {
    message: 'to must be a month of the form YYYY-MM, from 1900-01 to 9999-12',
    context: { code: 'month' },
  })
  to?: string;

  @ApiPropertyOptional({
    example: 'Vårdkraft',
    description:
      "Part of the supplier's name (as imported or as registered, any case), or its organisation number",
    maxLength: 100,
  })
  @IsOptional()
  @IsString({ message: 'supplier must be text' })
  @MaxLength(100, { message: 'supplier must be at most 100 characters' })
  supplier?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only rows of this area' })
  @IsOptional()
  @IsUUID('all', { message: 'areaId must be an area id' })
  areaId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only rows of this unit' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ enum: PROFESSION_GROUPS })
  @IsOptional()
  @IsIn(PROFESSION_GROUPS, { message: `professionGroup must be one of ${PROFESSION_GROUPS.join(', ')}` })
  professionGroup?: ProfessionGroup;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only rows without an order (unmatched); false: only rows linked to an order',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'unmatched must be true or false' })
  unmatched?: 'true' | 'false';

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @ToWholeNumber()
  @Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE}` })
  @Min(1, { message: 'page must be at least 1' })
  @IsInt({ message: 'page must be a whole number' })
  page?: number;

  @ApiPropertyOptional({
    default: PURCHASED_HOURS_DEFAULT_PAGE_SIZE,
    minimum: 1,
    maximum: PURCHASED_HOURS_MAX_PAGE_SIZE,
  })
  @IsOptional()
  @ToWholeNumber()
  @Max(PURCHASED_HOURS_MAX_PAGE_SIZE, {
    message: `pageSize must be at most ${PURCHASED_HOURS_MAX_PAGE_SIZE}`,
  })
  @Min(1, { message: 'pageSize must be at least 1' })
  @IsInt({ message: 'pageSize must be a whole number' })
  pageSize?: number;
}

class SupplierRef {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id!: string | null;
  @ApiProperty({ example: 'Vårdkraft Bemanning AB' }) name!: string;
  @ApiProperty({ description: 'False for a supplier the agreement does not know (off-agreement buying)' })
  onAgreement!: boolean;
}

class UnitRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '120101' }) costCentre!: string;
  @ApiProperty({ example: 'Hälsocentral Norrböle' }) name!: string;
}

class AreaRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'NSO-SKE' }) code!: string;
  @ApiProperty({ example: 'NSO Skellefteå' }) name!: string;
}

class OrderRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HK-2024-000123' }) reference!: string;
}

export class PurchasedHoursRowResponse implements PurchasedHoursRowDto {
  @ApiProperty({ example: '81234' }) id!: string;
  @ApiProperty({ example: '2024-10' }) month!: string;
  @ApiProperty({ type: SupplierRef }) supplier!: SupplierRef;
  @ApiProperty({ type: UnitRef }) unit!: UnitRef;
  @ApiProperty({ type: AreaRef, description: 'The area the row was recorded under' }) area!: AreaRef;
  @ApiProperty({ enum: CARE_SETTINGS }) careSetting!: CareSetting;
  @ApiProperty({ enum: PROFESSION_GROUPS }) professionGroup!: ProfessionGroup;
  @ApiProperty({ example: '162.50' }) hours!: string;
  @ApiProperty({ example: '211250.00', description: 'SEK; negative for credit notes' }) costSek!: string;
  @ApiProperty({ type: OrderRef, nullable: true, description: 'Null when the row is unmatched' })
  order!: OrderRef | null;
  @ApiProperty({ description: 'False when the row has no order (unmatched)' }) matched!: boolean;
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({
    example: 'heroma',
    description: "The source of the import that wrote the row; 'legacy' for rows from before sources",
  })
  source!: string;
}

export class PurchasedHoursPageResponse implements PurchasedHoursPageDto {
  @ApiProperty({ type: [PurchasedHoursRowResponse] }) items!: PurchasedHoursRowResponse[];
  @ApiProperty({ example: 128, description: 'Rows matching the filters' }) total!: number;
  @ApiProperty({ example: '20480.00', description: 'Hours of every row matching the filters' })
  totalHours!: string;
  @ApiProperty({ example: '24576000.00', description: 'Cost (SEK) of every row matching the filters' })
  totalCostSek!: string;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({
    example: '2024-10',
    nullable: true,
    type: String,
    description: 'The latest month the region has purchased hours for',
  })
  latestMonth!: string | null;
}
