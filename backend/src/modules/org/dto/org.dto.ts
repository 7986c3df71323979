import type { PriceZone } from '@hyrkoll/contracts';
import {
  AreaDto,
  CARE_SETTINGS,
  CareSetting,
  CreateAreaRequest,
  CreateUnitRequest,
  MunicipalityDto,
  UnitDto,
  UpdateAreaRequest,
  UpdateUnitRequest,
} from '@hyrkoll/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** Area codes and cost centres: what the import files can carry as a key. */
const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const NOT_BLANK = /\S/;
const MUNICIPALITY_CODE = /^[0-9]{4}$/;

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

export class OrgIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class CreateAreaBody implements CreateAreaRequest {
  @ApiProperty({
    example: 'NSO-NORR',
    description: 'Unique within the region; 1–32 letters, digits, - or _ (area_code in imports)',
  })
  @Matches(CODE, { message: 'code must be 1–32 letters, digits, - or _' })
  @IsString()
  code!: string;

  @ApiProperty({ example: 'NSO Norra Lappland' })
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank', context: { code: 'required' } })
  @IsString()
  name!: string;
}

export class UpdateAreaBody implements UpdateAreaRequest {
  @ApiPropertyOptional({ example: 'NSO-NORR' })
  @IsOptional()
  @Matches(CODE, { message: 'code must be 1–32 letters, digits, - or _' })
  @IsString()
  code?: string;

  @ApiPropertyOptional({ example: 'NSO Norra Lappland' })
  @IsOptional()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank', context: { code: 'required' } })
  @IsString()
  name?: string;
}

export class CreateUnitBody implements CreateUnitRequest {
  @ApiProperty({
    example: '120199',
    description: 'Cost centre (kostnadsställe), unique within the region; unit_code in imports',
  })
  @Matches(CODE, { message: 'costCentre must be 1–32 letters, digits, - or _' })
  @IsString()
  costCentre!: string;

  @ApiProperty({ example: 'Hälsocentral Kåge' })
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank', context: { code: 'required' } })
  @IsString()
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'An area of the region' })
  @IsUUID('all', { message: 'areaId must be an area id' })
  areaId!: string;

  @ApiProperty({ enum: CARE_SETTINGS, example: 'PRIMARVARD' })
  @IsIn(CARE_SETTINGS, { message: `careSetting must be one of ${CARE_SETTINGS.join(', ')}` })
  careSetting!: CareSetting;

  @ApiProperty({ example: '2482', description: 'Municipality code (kommunkod) of the region' })
  @Matches(MUNICIPALITY_CODE, { message: 'municipalityCode must be a four-digit municipality code' })
  @IsString()
  municipalityCode!: string;
}

export class UpdateUnitBody implements UpdateUnitRequest {
  @ApiPropertyOptional({ example: '120199' })
  @IsOptional()
  @Matches(CODE, { message: 'costCentre must be 1–32 letters, digits, - or _' })
  @IsString()
  costCentre?: string;

  @ApiPropertyOptional({ example: 'Hälsocentral Kåge' })
  @IsOptional()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank', context: { code: 'required' } })
  @IsString()
  name?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'areaId must be an area id' })
  areaId?: string;

  @ApiPropertyOptional({ enum: CARE_SETTINGS })
  @IsOptional()
  @IsIn(CARE_SETTINGS, { message: `careSetting must be one of ${CARE_SETTINGS.join(', ')}` })
  careSetting?: CareSetting;

  @ApiPropertyOptional({ example: '2482' })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE, { message: 'municipalityCode must be a four-digit municipality code' })
  @IsString()
  municipalityCode?: string;
}
