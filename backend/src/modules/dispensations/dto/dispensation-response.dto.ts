import {
  COMPETENCE_LEVELS,
  CompetenceLevel,
  DecisionDto,
  DISPENSATION_STATUSES,
  DispensationDecider,
  DispensationDetailDto,
  DispensationDto,
  DispensationOrderFacts,
  DispensationStatus,
  Justification,
  Profession,
  PROFESSION_CODES,
} from '@hyrkoll/contracts';
import { ApiProperty } from '@nestjs/swagger';

import { TriggeredRuleResponse } from '../../../common/dto/responses';
import { CostEstimateResponse } from '../../orders/dto/order-response.dto';

class JustificationResponse implements Justification {
  @ApiProperty({ example: 'Hälsocentralen saknar läkare' }) patientSafetyNeed!: string;
  @ApiProperty({ example: 'Annonserat två gånger; bemanningspoolen saknar läkare' })
  alternativesTried!: string;
}

class PersonRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Maria Nilsson' }) name!: string;
}

class DecisionResponse implements DecisionDto {
  @ApiProperty({ example: 1 }) step!: number;
  @ApiProperty({ enum: ['APPROVED', 'REJECTED', 'RETURNED', 'REVOKED'] }) outcome!: DecisionDto['outcome'];
  @ApiProperty({ type: PersonRef }) decidedBy!: PersonRef;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
}

class DispensationUnitRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Hälsocentral Norrböle' }) name!: string;
  @ApiProperty({ format: 'uuid' }) areaId!: string;
  @ApiProperty({ example: 'NSO Skellefteå' }) areaName!: string;
}

export class DispensationResponse implements DispensationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 'HK-2026-000042' }) orderReference!: string;
  @ApiProperty({ enum: DISPENSATION_STATUSES }) status!: DispensationStatus;
  @ApiProperty({ example: 1 }) step!: number;
  @ApiProperty({ example: 2 }) stepsRequired!: number;
  @ApiProperty({ type: [TriggeredRuleResponse] }) rules!: TriggeredRuleResponse[];
  @ApiProperty({ type: JustificationResponse }) justification!: JustificationResponse;
  @ApiProperty({ type: PersonRef }) requestedBy!: PersonRef;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ nullable: true, type: String }) conditions!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-03-01' }) validFrom!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-05-23' }) validTo!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '480.00' }) hoursCap!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '800000.00' }) costCap!: string | null;
  @ApiProperty({ nullable: true, type: String }) delegationReference!: string | null;
  @ApiProperty({ type: [DecisionResponse] }) decisions!: DecisionResponse[];
  @ApiProperty({ nullable: true, type: String, example: '690000.00' }) estimatedCost!: string | null;
  @ApiProperty({ type: DispensationUnitRef }) unit!: DispensationUnitRef;
  @ApiProperty({
    example: true,
    description:
      'Whether you may decide the current step (the area chief of the area, or the director as fallback)',
  })
  mayDecide!: boolean;
  @ApiProperty({ description: 'Whether you may resubmit it after a return (a manager of the unit)' })
  mayResubmit!: boolean;
  @ApiProperty({ description: 'Whether you may withdraw it before a decision (a manager of the unit)' })
  mayWithdraw!: boolean;
  @ApiProperty({ description: 'Whether you may revoke the approval (the area chief or the director)' })
  mayRevoke!: boolean;
  @ApiProperty({ example: 2 }) version!: number;
}

class DispensationOrderFactsResponse implements DispensationOrderFacts {
  @ApiProperty({ enum: PROFESSION_CODES }) profession!: Profession;
  @ApiProperty({ enum: COMPETENCE_LEVELS }) competenceLevel!: CompetenceLevel;
  @ApiProperty({ nullable: true, type: String, example: 'Allmänmedicin' }) specialty!: string | null;
  @ApiProperty({ example: '2027-03-01' }) periodStart!: string;
  @ApiProperty({ example: '2027-05-23' }) periodEnd!: string;
  @ApiProperty({ example: '480.00' }) hours!: string;
  @ApiProperty({ type: CostEstimateResponse }) estimate!: CostEstimateResponse;
}

class DispensationDeciderResponse implements DispensationDecider {
  @ApiProperty({ enum: ['AREA_CHIEF', 'HEALTHCARE_DIRECTOR'] }) role!: DispensationDecider['role'];
  @ApiProperty({ nullable: true, type: String, example: 'NSO Skellefteå' }) areaName!: string | null;
  @ApiProperty({ type: [String], example: ['Maria Nilsson'] }) names!: string[];
}

class ValidityLimitsResponse {
  @ApiProperty({ example: '2027-03-01', description: "The order's first day" }) earliestFrom!: string;
  @ApiProperty({ example: '2027-06-06', description: "The order's last day plus the margin (14 days)" })
  latestTo!: string;
}

export class DispensationDetailResponse extends DispensationResponse implements DispensationDetailDto {
  @ApiProperty({ type: DispensationOrderFactsResponse }) order!: DispensationOrderFactsResponse;
  @ApiProperty({
    type: DispensationDeciderResponse,
    nullable: true,
    description: 'Who decides the step that waits (null when no decision waits)',
  })
  decider!: DispensationDeciderResponse | null;
  @ApiProperty({ type: ValidityLimitsResponse }) validityLimits!: ValidityLimitsResponse;
}

export class DispensationListItemResponse extends DispensationResponse {
  @ApiProperty({ enum: PROFESSION_CODES, example: 'LAKARE' }) profession!: Profession;
  @ApiProperty({ format: 'date-time', description: 'Since when the current step waits' })
  waitingSince!: string;
}

export class DispensationPageResponse {
  @ApiProperty({ type: [DispensationListItemResponse] }) items!: DispensationListItemResponse[];
  @ApiProperty({ example: 251, description: 'How many match the filter in all' }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 25 }) pageSize!: number;
}
