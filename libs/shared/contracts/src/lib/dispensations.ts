import type { CompetenceLevel, Profession } from './agreement';
import type { CostEstimate, TriggeredRule } from './orders';

export const DispensationStatus = {
  SUBMITTED: 'SUBMITTED',
  UNDER_REVIEW: 'UNDER_REVIEW',
  RETURNED: 'RETURNED',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
  WITHDRAWN: 'WITHDRAWN',
  EXPIRED: 'EXPIRED',
  REVOKED: 'REVOKED',
} as const;
export type DispensationStatus = (typeof DispensationStatus)[keyof typeof DispensationStatus];
export const DISPENSATION_STATUSES: readonly DispensationStatus[] = Object.values(DispensationStatus);

export interface Justification {
  /** The patient-safety need the hire meets. */
  patientSafetyNeed: string;
  /** What was tried before hiring: own staff, internal pool, overtime, recruitment… */
  alternativesTried: string;
}

export interface DecisionDto {
  step: number;
  outcome: 'APPROVED' | 'REJECTED' | 'RETURNED' | 'REVOKED';
  decidedBy: { id: string; name: string };
  decidedAt: string;
  comment: string | null;
}

export interface DispensationDto {
  id: string;
  orderId: string;
  orderReference: string;
  status: DispensationStatus;
  step: number;
  stepsRequired: number;
  rules: TriggeredRule[];
  justification: Justification;
  requestedBy: { id: string; name: string };
  submittedAt: string;
  conditions: string | null;
  validFrom: string | null;
  validTo: string | null;
  hoursCap: string | null;
  costCap: string | null;
  delegationReference: string | null;
  decisions: DecisionDto[];
  estimatedCost: string | null;
  unit: { id: string; name: string; areaId: string; areaName: string };
  /** Whether the user who asked may decide the current step (false once it is decided). */
  mayDecide: boolean;
  /** Whether the user who asked may answer a return with a new justification. */
  mayResubmit: boolean;
  /** Whether the user who asked may withdraw the request (before a decision; the order goes back to draft). */
  mayWithdraw: boolean;
  /** Whether the user who asked may revoke the approval. */
  mayRevoke: boolean;
  version: number;
}

/** What the order asks for, as the decider needs it to decide without opening the order. */
export interface DispensationOrderFacts {
  profession: Profession;
  competenceLevel: CompetenceLevel;
  specialty: string | null;
  periodStart: string;
  periodEnd: string;
  hours: string;
  /** The estimate the order was submitted with: rate, labour, travel allowance, extras, total. */
  estimate: CostEstimate;
}

/** Who decides the step that waits: the role, the area (for the area chief) and who holds it. */
export interface DispensationDecider {
  role: 'AREA_CHIEF' | 'HEALTHCARE_DIRECTOR';
  /** The unit's area when its area chief decides; null for the director. */
  areaName: string | null;
  /** The active users who may take the step (never the requester), by name; empty when none. */
  names: string[];
}

/** One dispensation with what its page shows: the order's facts, who decides, the validity limits. */
export interface DispensationDetailDto extends DispensationDto {
  order: DispensationOrderFacts;
  /** Who decides the current step; null when no decision waits. */
  decider: DispensationDecider | null;
  /** The validity an approval may have: from the order's first day to its last plus the margin. */
  validityLimits: { earliestFrom: string; latestTo: string };
}

export interface DispensationPolicy {
  hiringStop: {
    enabled: boolean;
    /** A stop on every order; otherwise by the lists below. */
    all: boolean;
    professionGroups: string[];
    specialties: string[];
    areaIds: string[];
    reason: string;
  };
  maxDuration: { enabled: boolean; maxMonths: number };
  offAgreement: { enabled: boolean };
  priceAboveTariff: { enabled: boolean };
  karens: { enabled: boolean; months: number; mode: 'BLOCK' | 'WARN' };
  /** Above either threshold a second decision by the health-care director is needed. */
  secondStep: { costThresholdSek: string | null; durationThresholdDays: number | null };
  /** Working days a dispensation may wait before the decider is reminded. */
  reminderAfterWorkingDays: number;
}
