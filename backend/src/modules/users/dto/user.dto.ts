import { CreateUserRequest, Role, RoleGrantInput, ROLES, UpdateUserRequest } from '@hyrkoll/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsEmail,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { IsNotBlank } from '../../../common/validation/decorators';

export class RoleGrantBody implements RoleGrantInput {
  @ApiProperty({ enum: ROLES, example: 'UNIT_MANAGER' })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for UNIT_MANAGER: the unit covered' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for AREA_CHIEF: the area covered' })
  @IsOptional()
  @IsUUID('all', { message: 'areaId must be an area id' })
  areaId?: string;
}

export class CreateUserBody implements CreateUserRequest {
  @ApiProperty({ example: 'ny.chef@region.se' })
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email!: string;

  @ApiProperty({ example: 'Ny Chef' })
  @IsNotBlank()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  name!: string;

  @ApiPropertyOptional({ enum: ['sv', 'en'], default: 'sv' })
  @IsOptional()
  @IsIn(['sv', 'en'], { message: 'locale must be sv or en' })
  locale?: 'sv' | 'en';

  @ApiProperty({ type: [RoleGrantBody] })
  @IsArray({ message: 'roles must be an array' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantBody)
  roles!: RoleGrantBody[];

  @ApiPropertyOptional({
    example: 'SE2321000222-1a2b',
    description: "The identity at the region's provider (its configured claim); never changed afterwards",
  })
  @IsOptional()
  @Matches(/^\S(.*\S)?$/s, { message: 'externalId must not start or end with spaces' })
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  externalId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The access request the user is created from' })
  @IsOptional()
  @IsUUID('all', { message: 'accessRequestId must be an access request id' })
  accessRequestId?: string;
}

export class UpdateUserBody implements UpdateUserRequest {
  @ApiProperty({ example: 3, description: 'The version the change is based on' })
  @Max(2_147_483_647)
  @Min(1)
  @IsInt()
  version!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNotBlank()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  name?: string;

  @ApiPropertyOptional({ enum: ['sv', 'en'] })
  @IsOptional()
  @IsIn(['sv', 'en'], { message: 'locale must be sv or en' })
  locale?: 'sv' | 'en';

  @ApiPropertyOptional({ description: 'false ends every session of the user and blocks login' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: [RoleGrantBody], description: 'Replaces every role of the user' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantBody)
  roles?: RoleGrantBody[];

  @ApiPropertyOptional({
    type: 'null',
    description: "Only null: removes the link to the provider's identity",
  })
  @ValidateIf((body: UpdateUserBody) => body.externalId !== undefined)
  @Equals(null, { message: 'externalId can only be removed (null); a link is set when the user is created' })
  externalId?: null;
}

export class UserIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a user id' })
  id!: string;
}

export class GrantRequestIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a grant request id' })
  id!: string;
}
