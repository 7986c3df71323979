import {
  DISPENSATION_SORTS,
  DISPENSATION_STATUSES,
  DispensationSort,
  DispensationStatus,
} from '@hyrkoll/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

import { JustificationBody, VersionBody } from '../../../common/dto/bodies';
import { ListQuery } from '../../../common/dto/list-query';
import { IsDecimalAmount, IsIsoDate, IsNestedObject } from '../../../common/validation/decorators';

export class ApproveBody extends VersionBody {
  @ApiPropertyOptional({ example: 'Beviljas under förutsättning att rekrytering pågår', maxLength: 4000 })
  @IsOptional()
  @MaxLength(4000)
  @IsString()
  comment?: string;

  @ApiPropertyOptional({
    example: 'Avrop får ske för högst 12 veckor; uppföljning efter 6 veckor',
    maxLength: 4000,
  })
  @IsOptional()
  @MaxLength(4000)
  @IsString()
  conditions?: string;

  @ApiPropertyOptional({
    example: '2025-03-01',
    description:
      "Default: the order's first day. Not before it, and a start given here not before today (400 naming validFrom)",
  })
  @IsOptional()
  @IsIsoDate()
  validFrom?: string;

  @ApiPropertyOptional({
    example: '2025-05-31',
    description:
      "Default: the order's last day. At most 14 days after it, and not before validFrom (400 naming validTo)",
  })
  @IsOptional()
  @IsIsoDate()
  validTo?: string;

  @ApiPropertyOptional({ example: '480.00', description: 'Most hours that may be booked against the order' })
  @IsOptional()
  @IsDecimalAmount({ integerDigits: 6 })
  hoursCap?: string;

  @ApiPropertyOptional({
    example: '800000.00',
    description: 'Most cost (SEK) that may be booked against the order',
  })
  @IsOptional()
  @IsDecimalAmount({ integerDigits: 10 })
  costCap?: string;

  @ApiPropertyOptional({ example: 'Delegationsordning HSF 2024 p. 4.2', maxLength: 200 })
  @IsOptional()
  @MaxLength(200)
  @IsString()
  delegationReference?: string;
}

export class CommentedDecisionBody extends VersionBody {
  @ApiProperty({ example: 'Underlaget saknar beskrivning av vidtagna åtgärder', maxLength: 4000 })
  @MaxLength(4000)
  @MinLength(1, { message: 'comment is required for this decision' })
  @IsString()
  comment!: string;
}

export class ResubmitBody extends VersionBody {
  @ApiProperty({ type: JustificationBody })
  @IsNestedObject(() => JustificationBody)
  justification!: JustificationBody;
}

export class DispensationListQuery extends ListQuery {
  @ApiPropertyOptional({
    enum: DISPENSATION_STATUSES,
    isArray: true,
    description: 'Comma-separated statuses',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsIn(DISPENSATION_STATUSES, {
    each: true,
    message: `each status must be one of ${DISPENSATION_STATUSES.join(', ')}`,
  })
  status?: DispensationStatus[];

  @ApiPropertyOptional({ description: 'Only those the caller can decide now' })
  @IsOptional()
  // validated after the transform: the text "true"/"false" has become a boolean by then
  @IsIn([true, false], { message: 'waitingForMe must be true or false' })
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' ? false : value))
  waitingForMe?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'areaId must be an area id' })
  areaId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({
    description: "Free text: the order's reference, the unit's name, the profession code",
  })
  @IsOptional()
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  @IsString({ message: 'q must be text' })
  q?: string;

  @ApiPropertyOptional({
    enum: DISPENSATION_SORTS,
    default: 'priority',
    description: 'priority: waiting ones first, oldest first; ties are broken by id',
  })
  @IsOptional()
  @IsIn(DISPENSATION_SORTS, { message: `sort must be one of ${DISPENSATION_SORTS.join(', ')}` })
  sort?: DispensationSort;
}

export class DispensationIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a dispensation id' }) id!: string;
}
