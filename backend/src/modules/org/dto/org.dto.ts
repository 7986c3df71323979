import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AreaDto, CARE_SETTINGS, CareSetting, MunicipalityDto, UnitDto } from '@hyrkoll/contracts';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { PriceZone } from '@hyrkoll/contracts';

export class UnitQuery {
  @ApiPropertyOptional({ description: 'Only units of this area (area code)', example: 'NSO-SKE' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'area must be an area code such as NSO-SKE' })
  area?: string;

  @ApiPropertyOptional({ enum: CARE_SETTINGS })
  @IsOptional()
  @IsIn(CARE_SETTINGS, { message: `careSetting must be one of ${CARE_SETTINGS.join(', ')}` })
  careSetting?: CareSetting;
}

export class MunicipalityResponse implements MunicipalityDto {
  @ApiProperty({ example: '2482' }) code!: string;
  @ApiProperty({ example: 'Skellefteå' }) name!: string;
  @ApiProperty({ enum: [1, 2, 3], example: 2 }) priceZone!: PriceZone;
  @ApiProperty({ description: 'True when the zone is illustrative (demo data)' })
  priceZoneIllustrative!: boolean;
}

export class AreaResponse implements AreaDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'NSO-SKE' }) code!: string;
  @ApiProperty({ example: 'NSO Skellefteå' }) name!: string;
  @ApiProperty({ example: 8 }) unitCount!: number;
}

class AreaRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'NSO-SKE' }) code!: string;
  @ApiProperty({ example: 'NSO Skellefteå' }) name!: string;
}

export class UnitResponse implements UnitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '120101', description: 'Cost centre (kostnadsställe)' }) costCentre!: string;
  @ApiProperty({ example: 'Hälsocentral Norrböle' }) name!: string;
  @ApiProperty({ enum: CARE_SETTINGS, example: 'PRIMARVARD' }) careSetting!: CareSetting;
  @ApiProperty({ type: AreaRef }) area!: AreaRef;
  @ApiProperty({ type: MunicipalityResponse }) municipality!: MunicipalityResponse;
}
