import type { TriggeredRule } from './orders';

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
