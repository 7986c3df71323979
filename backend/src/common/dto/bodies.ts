import type { Justification } from '@hyrkoll/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

import { IsNotBlank } from '../validation/decorators';

/** Request bodies that several features take (orders, bids and dispensations). */

export class VersionBody {
  @ApiProperty({ example: 3, description: 'The version the action is based on' })
  @Max(2_147_483_647)
  @Min(1)
  @IsInt()
  version!: number;
}

export class JustificationBody implements Justification {
  @ApiProperty({
    example: 'Hälsocentralen saknar läkare; 4 000 listade patienter utan läkarkontakt',
    maxLength: 4000,
  })
  @MaxLength(4000)
  @IsNotBlank(10)
  @MinLength(10, { message: 'patientSafetyNeed must be at least 10 characters: describe the need' })
  @IsString()
  patientSafetyNeed!: string;

  @ApiProperty({
    example: 'Annonserat två gånger; intern bemanningspool saknar läkare; övertid för befintlig personal',
    maxLength: 4000,
  })
  @MaxLength(4000)
  @IsNotBlank(10)
  @MinLength(10, { message: 'alternativesTried must be at least 10 characters: say what was tried' })
  @IsString()
  alternativesTried!: string;
}
