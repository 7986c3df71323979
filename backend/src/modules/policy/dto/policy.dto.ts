import { DispensationPolicy, PROFESSION_GROUPS } from '@hyrkoll/contracts';
import { ORDER_LIMITS } from '@hyrkoll/domain';
import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

import { IsDecimalAmount, IsNestedObject } from '../../../common/validation/decorators';

class HiringStopBody {
  @ApiProperty() @IsBoolean() enabled!: boolean;
  @ApiProperty({ description: 'A stop on every order' }) @IsBoolean() all!: boolean;
  @ApiProperty({ enum: PROFESSION_GROUPS, isArray: true })
  @IsIn(PROFESSION_GROUPS, {
    each: true,
    message: `each profession group must be one of ${PROFESSION_GROUPS.join(', ')}`,
  })
  @ArrayMaxSize(3)
  professionGroups!: string[];
  @ApiProperty({ type: [String], example: ['Psykiatri'] })
  @MaxLength(100, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(100)
  specialties!: string[];
  @ApiProperty({ type: [String], description: 'Area ids' })
  @IsUUID('all', { each: true, message: 'each area id must be a UUID' })
  @ArrayMaxSize(100)
  areaIds!: string[];
  @ApiProperty({ example: 'Regionstyrelsens beslut om anställningsstopp' })
  @MaxLength(1000)
  @IsString()
  reason!: string;
}

class MaxDurationBody {
  @ApiProperty() @IsBoolean() enabled!: boolean;
  @ApiProperty({ example: 12 }) @Max(36) @Min(1) @IsInt() maxMonths!: number;
}

class ToggleBody {
  @ApiProperty() @IsBoolean() enabled!: boolean;
}

class KarensBody {
  @ApiProperty() @IsBoolean() enabled!: boolean;
  @ApiProperty({ example: 12 }) @Max(60) @Min(1) @IsInt() months!: number;
  @ApiProperty({ enum: ['BLOCK', 'WARN'], description: 'BLOCK: no dispensation lifts it' })
  @IsIn(['BLOCK', 'WARN'], { message: 'mode must be BLOCK or WARN' })
  mode!: 'BLOCK' | 'WARN';
}

class SecondStepBody {
  @ApiProperty({
    nullable: true,
    type: String,
    example: '500000.00',
    description: `An estimate above it needs a second step; 0.01 to ${ORDER_LIMITS.estimateColumnMax}`,
  })
  @ValidateIf((_, v) => v !== null)
  @IsDecimalAmount({ integerDigits: 12, max: ORDER_LIMITS.estimateColumnMax })
  costThresholdSek!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 183 })
  @ValidateIf((_, v) => v !== null)
  @Max(3650)
  @Min(1)
  @IsInt()
  durationThresholdDays!: number | null;
}

export class PolicyBody implements DispensationPolicy {
  @ApiProperty({ type: HiringStopBody })
  @IsNestedObject(() => HiringStopBody)
  hiringStop!: HiringStopBody;
  @ApiProperty({ type: MaxDurationBody })
  @IsNestedObject(() => MaxDurationBody)
  maxDuration!: MaxDurationBody;
  @ApiProperty({ type: ToggleBody }) @IsNestedObject(() => ToggleBody) offAgreement!: ToggleBody;
  @ApiProperty({ type: ToggleBody }) @IsNestedObject(() => ToggleBody) priceAboveTariff!: ToggleBody;
  @ApiProperty({ type: KarensBody }) @IsNestedObject(() => KarensBody) karens!: KarensBody;
  @ApiProperty({ type: SecondStepBody })
  @IsNestedObject(() => SecondStepBody)
  secondStep!: SecondStepBody;
  @ApiProperty({ example: 2 }) @Max(60) @Min(1) @IsInt() reminderAfterWorkingDays!: number;
}

export class UpdatePolicyBody {
  @ApiProperty({
    example: 1,
    description: 'The version the change is based on (0 when the region has the default policy)',
  })
  @Max(2_147_483_647)
  @Min(0)
  @IsInt()
  version!: number;

  @ApiProperty({ type: PolicyBody }) @IsNestedObject(() => PolicyBody) policy!: PolicyBody;

  @ApiProperty({ required: false }) @IsOptional() @MaxLength(500) @IsString() note?: string;
}

export class PolicyResponse {
  @ApiProperty({ example: 1, description: '0 while the region uses the default policy' }) version!: number;
  @ApiProperty({ type: PolicyBody }) policy!: DispensationPolicy;
}
