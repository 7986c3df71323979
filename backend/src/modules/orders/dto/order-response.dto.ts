import {
  BID_ISSUES,
  BidDto,
  BidIssue,
  BidIssueCode,
  BidStatus,
  COMPETENCE_LEVELS,
  CompetenceLevel,
  CostEstimate,
  ORDER_REASONS,
  ORDER_STATUSES,
  OrderDecisionWait,
  OrderDto,
  OrderHoursDto,
  OrderReason,
  OrderStatus,
  Profession,
  PROFESSION_CODES,
} from '@hyrkoll/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { TriggeredRuleResponse } from '../../../common/dto/responses';

export class CostEstimateResponse implements CostEstimate {
  @ApiProperty({ nullable: true, type: String, example: '1375.00' }) hourlyRate!: string | null;
  @ApiProperty({ example: '480.00' }) hours!: string;
  @ApiProperty({ nullable: true, type: String, example: '660000.00' }) labourCost!: string | null;
  @ApiProperty({ example: '30000.00' }) travelAllowance!: string;
  @ApiProperty({ example: '0.00' }) extras!: string;
  @ApiProperty({ nullable: true, type: String, example: '690000.00' }) total!: string | null;
  @ApiProperty({ enum: [1, 2, 3], example: 2 }) priceZone!: 1 | 2 | 3;
  @ApiProperty({ nullable: true, type: String, example: null }) missingPrice!: string | null;
}

class OrderUnitRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Hälsocentral Norrböle' }) name!: string;
  @ApiProperty({ example: '120101' }) costCentre!: string;
  @ApiProperty({ format: 'uuid' }) areaId!: string;
  @ApiProperty({ example: 'NSO Skellefteå' }) areaName!: string;
}

class PersonRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Eva Lindqvist' }) name!: string;
}

class OrderDecisionWaitResponse implements OrderDecisionWait {
  @ApiProperty({ enum: [1, 2] }) step!: 1 | 2;
  @ApiProperty({ example: 2 }) stepsRequired!: number;
  @ApiProperty({ enum: ['AREA_CHIEF', 'HEALTHCARE_DIRECTOR'] })
  deciderRole!: 'AREA_CHIEF' | 'HEALTHCARE_DIRECTOR';
  @ApiProperty({ type: [String], example: ['Maria Berg'] }) deciders!: string[];
  @ApiProperty({ example: 'NSO Skellefteå' }) areaName!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2027-03-04',
    description: 'The day the deciders are reminded when nobody has decided; null once reminded',
  })
  remindOn!: string | null;
}

export class OrderResponse implements OrderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HK-2026-000042' }) reference!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ enum: PROFESSION_CODES }) profession!: Profession;
  @ApiProperty({ enum: COMPETENCE_LEVELS }) competenceLevel!: CompetenceLevel;
  @ApiProperty({ nullable: true, type: String, example: 'Allmänmedicin' }) specialty!: string | null;
  @ApiProperty({ example: '2027-03-01' }) periodStart!: string;
  @ApiProperty({ example: '2027-05-23' }) periodEnd!: string;
  @ApiProperty({ example: '480.00' }) hours!: string;
  @ApiProperty({ nullable: true, type: String }) schedule!: string | null;
  @ApiProperty({ enum: ORDER_REASONS }) reason!: OrderReason;
  @ApiProperty({ nullable: true, type: String }) reasonText!: string | null;
  @ApiProperty({ nullable: true, type: String }) requirements!: string | null;
  @ApiProperty() offAgreement!: boolean;
  @ApiProperty({ nullable: true, type: String }) requestedHourlyRate!: string | null;
  @ApiProperty({ nullable: true, type: String }) extrasSek!: string | null;
  @ApiProperty({ type: OrderUnitRef }) unit!: OrderUnitRef;
  @ApiProperty({ type: PersonRef }) createdBy!: PersonRef;
  @ApiProperty({ type: CostEstimateResponse }) estimate!: CostEstimateResponse;
  @ApiProperty({ type: [TriggeredRuleResponse] }) rules!: TriggeredRuleResponse[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) dispensationId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) awardedBidId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'End of the 2nd Swedish working day after the award',
  })
  confirmationDeadline!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ example: 3, description: 'Send it back with the next action' }) version!: number;
  @ApiPropertyOptional({
    nullable: true,
    type: OrderDecisionWaitResponse,
    description: 'Who decides the dispensation now (one order and the submit only)',
  })
  waitingFor?: OrderDecisionWaitResponse | null;
}

export class OrderPageResponse {
  @ApiProperty({ type: [OrderResponse] }) items!: OrderResponse[];
  @ApiProperty({ example: 42 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 25 }) pageSize!: number;
}

export class PublishOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HK-2025-000042', nullable: true, type: String }) reference!: string | null;
  @ApiProperty({ example: false }) published!: boolean;
  @ApiProperty({
    enum: ORDER_STATUSES,
    nullable: true,
    description: 'The state now (null when not yours to see)',
  })
  status!: OrderStatus | null;
  @ApiPropertyOptional({ example: 'INVALID_STATE', description: 'Why it was refused' }) code?: string;
  @ApiPropertyOptional({ example: 'The order is PUBLISHED' }) message?: string;
}

export class PublishManyResponse {
  @ApiProperty({ example: 2 }) published!: number;
  @ApiProperty({ example: 1 }) refused!: number;
  @ApiProperty({ type: [PublishOutcomeResponse] }) results!: PublishOutcomeResponse[];
}

export class AssessmentResponse {
  @ApiProperty({ type: CostEstimateResponse }) estimate!: CostEstimateResponse;
  @ApiProperty({ type: [TriggeredRuleResponse] }) rules!: TriggeredRuleResponse[];
  @ApiProperty({ example: true }) needsDispensation!: boolean;
  @ApiProperty({ example: 2, description: '2 when the health-care director must decide too' })
  stepsRequired!: number;
  @ApiProperty({ enum: [1, 2, 3] }) priceZone!: 1 | 2 | 3;
}

class BidIssueResponse implements BidIssue {
  @ApiProperty({ enum: BID_ISSUES, example: 'IVO_EXTRACT_OLD' }) code!: BidIssueCode;
  @ApiProperty({ example: 'The IVO extract of 2024-08-01 is more than 6 months old' }) message!: string;
  @ApiProperty({ example: { date: '2024-08-01' } }) params!: Record<string, string | number>;
}

class RankingResponse {
  @ApiProperty({ nullable: true, type: Number, example: 1 }) rank!: number | null;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ type: [BidIssueResponse], description: 'Why the bid is not eligible' })
  problems!: BidIssueResponse[];
  @ApiProperty({
    type: [String],
    example: [
      'Covers 100.00 % of the ordered hours (480.00 of 480.00 h)',
      '120.00 earlier hours at the unit (continuity)',
    ],
  })
  reasons!: string[];
  @ApiProperty({
    type: [BidIssueResponse],
    description: 'What to look at without making the bid ineligible (a karens that warns)',
  })
  warnings!: BidIssueResponse[];
  @ApiProperty({ example: '100.00' }) coveragePercent!: string;
}

class SupplierRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Norrlandsbemanning AB' }) name!: string;
}

export class BidResponse implements BidDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: SupplierRef }) supplier!: SupplierRef;
  @ApiProperty({ example: 'Anna Konsult' }) consultantName!: string;
  @ApiProperty({ example: '********-**76' }) consultantIdentityMasked!: string;
  @ApiProperty({ example: '480.00' }) hoursOffered!: string;
  @ApiProperty({ example: '120.00' }) earlierHoursAtUnit!: string;
  @ApiProperty({ nullable: true, type: String }) hourlyRate!: string | null;
  @ApiProperty({ example: '2012-06-01' }) licensedOn!: string;
  @ApiProperty({ nullable: true, type: String }) specialistCertifiedOn!: string | null;
  @ApiProperty() recentNordicExperience!: boolean;
  @ApiProperty({ example: '2026-10-20' }) ivoExtractOn!: string;
  @ApiProperty({ example: '2026-10-20' }) hospExtractOn!: string;
  @ApiProperty({ example: '2026-08-01' }) cprTrainingOn!: string;
  @ApiProperty() cvAttached!: boolean;
  @ApiProperty({ example: 2 }) references!: number;
  @ApiProperty({ enum: ['REGISTERED', 'AWARDED', 'CONFIRMED', 'LAPSED', 'NOT_AWARDED', 'CANCELLED'] })
  status!: BidStatus;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) awardedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmationDeadline!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt!: string | null;
  @ApiProperty({ type: RankingResponse }) ranking!: RankingResponse;
}

class OrderHoursMonth {
  @ApiProperty({ example: '2024-10' }) month!: string;
  @ApiProperty({ example: 'Bemanning Nord AB' }) supplier!: string;
  @ApiProperty({ example: '162.50' }) hours!: string;
  @ApiProperty({ example: '223437.50' }) costSek!: string;
}

export class OrderHoursResponse implements OrderHoursDto {
  @ApiProperty({ type: [OrderHoursMonth], description: 'By month and supplier, oldest first' })
  months!: OrderHoursMonth[];
  @ApiProperty({ example: '162.50' }) totalHours!: string;
  @ApiProperty({ example: '223437.50' }) totalCostSek!: string;
  @ApiProperty({ example: '480.00' }) orderedHours!: string;
}
