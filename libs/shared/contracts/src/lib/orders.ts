import type { CompetenceLevel, Profession } from './agreement';

export const OrderStatus = {
  DRAFT: 'DRAFT',
  SUBMITTED: 'SUBMITTED',
  AWAITING_DISPENSATION: 'AWAITING_DISPENSATION',
  APPROVED: 'APPROVED',
  PUBLISHED: 'PUBLISHED',
  UNFILLED: 'UNFILLED',
  BIDS_RECEIVED: 'BIDS_RECEIVED',
  AWARDED: 'AWARDED',
  CONFIRMED: 'CONFIRMED',
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  CLOSED: 'CLOSED',
  CANCELLED: 'CANCELLED',
  REJECTED: 'REJECTED',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];
export const ORDER_STATUSES: readonly OrderStatus[] = Object.values(OrderStatus);

export const OrderReason = {
  VACANCY: 'VACANCY',
  LEAVE_COVER: 'LEAVE_COVER',
  PEAK_LOAD: 'PEAK_LOAD',
  RECRUITMENT_PENDING: 'RECRUITMENT_PENDING',
  OTHER: 'OTHER',
} as const;
export type OrderReason = (typeof OrderReason)[keyof typeof OrderReason];
export const ORDER_REASONS: readonly OrderReason[] = Object.values(OrderReason);

export const RuleCode = {
  HIRING_STOP: 'HIRING_STOP',
  MAX_DURATION: 'MAX_DURATION',
  OFF_AGREEMENT: 'OFF_AGREEMENT',
  PRICE_ABOVE_TARIFF: 'PRICE_ABOVE_TARIFF',
  KARENS: 'KARENS',
} as const;
export type RuleCode = (typeof RuleCode)[keyof typeof RuleCode];

/** A rule of the region's policy that an order triggers, with why. */
export interface TriggeredRule {
  rule: RuleCode;
  /** English explanation; the user interface builds its own text from `rule` and `params`. */
  reason: string;
  params: Record<string, string | number | boolean | null>;
  /** A blocking rule cannot be lifted by a dispensation. */
  blocking: boolean;
}

export interface CostEstimate {
  /** SEK per hour from the price list for the unit's zone, or the requested rate off the agreement. */
  hourlyRate: string | null;
  hours: string;
  labourCost: string | null;
  travelAllowance: string;
  extras: string;
  total: string | null;
  priceZone: 1 | 2 | 3;
  /** Why no price was found, when none was. */
  missingPrice: string | null;
}

export interface OrderInput {
  unitId: string;
  profession: Profession;
  competenceLevel: CompetenceLevel;
  specialty?: string;
  periodStart: string;
  periodEnd: string;
  hours: string;
  schedule?: string;
  reason: OrderReason;
  reasonText?: string;
  requirements?: string;
  offAgreement?: boolean;
  requestedHourlyRate?: string;
  extrasSek?: string;
}

export interface OrderDto extends Required<
  Omit<
    OrderInput,
    'requestedHourlyRate' | 'extrasSek' | 'specialty' | 'schedule' | 'reasonText' | 'requirements'
  >
> {
  id: string;
  reference: string;
  status: OrderStatus;
  specialty: string | null;
  schedule: string | null;
  reasonText: string | null;
  requirements: string | null;
  requestedHourlyRate: string | null;
  extrasSek: string | null;
  unit: { id: string; name: string; costCentre: string; areaId: string; areaName: string };
  createdBy: { id: string; name: string };
  estimate: CostEstimate;
  rules: TriggeredRule[];
  dispensationId: string | null;
  awardedBidId: string | null;
  confirmationDeadline: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /**
   * Who decides the order's dispensation now and when they are reminded, while it is under
   * review; given by the order's own read and by the submit (absent from lists).
   */
  waitingFor?: OrderDecisionWait | null;
}

/** The step of an order's dispensation that waits for a decision, and who takes it. */
export interface OrderDecisionWait {
  step: 1 | 2;
  stepsRequired: number;
  /** The role that decides this step: the area chief of the area, or the health-care director. */
  deciderRole: 'AREA_CHIEF' | 'HEALTHCARE_DIRECTOR';
  /** The names of the active users who may take the step (not the requester). */
  deciders: string[];
  areaName: string;
  /** The Swedish date on which the deciders are reminded if nobody has decided; null once reminded. */
  remindOn: string | null;
}

/** CANCELLED: the order was cancelled while the bid was still in the running, awarded or confirmed. */
export type BidStatus = 'REGISTERED' | 'AWARDED' | 'CONFIRMED' | 'LAPSED' | 'NOT_AWARDED' | 'CANCELLED';

export interface BidInput {
  supplierId: string;
  consultantName: string;
  /** Stored only as a keyed hash (for the karens check) and a masked form. */
  consultantIdentityNumber: string;
  hoursOffered: string;
  earlierHoursAtUnit?: string;
  hourlyRate?: string;
  licensedOn: string;
  specialistCertifiedOn?: string;
  recentNordicExperience: boolean;
  ivoExtractOn: string;
  hospExtractOn: string;
  cprTrainingOn: string;
  cvAttached: boolean;
  references: number;
}

export interface BidDto extends Omit<
  BidInput,
  'consultantIdentityNumber' | 'supplierId' | 'earlierHoursAtUnit' | 'hourlyRate' | 'specialistCertifiedOn'
> {
  id: string;
  supplier: { id: string; name: string };
  consultantIdentityMasked: string;
  earlierHoursAtUnit: string;
  hourlyRate: string | null;
  specialistCertifiedOn: string | null;
  status: BidStatus;
  registeredAt: string;
  awardedAt: string | null;
  confirmationDeadline: string | null;
  confirmedAt: string | null;
  ranking: {
    rank: number | null;
    eligible: boolean;
    /** Why the bid is not eligible (empty when it is). */
    problems: BidIssue[];
    /** Why it ranks where it does (English). */
    reasons: string[];
    /** What the purchaser should look at, without making the bid ineligible. */
    warnings: BidIssue[];
    coveragePercent: string;
  };
}

/** What the agreement's demands on a presented consultant can find. */
export const BID_ISSUES = [
  'KARENS',
  'IVO_EXTRACT_OLD',
  'HOSP_EXTRACT_OLD',
  'CPR_TRAINING_OLD',
  'LICENCE_RECENT',
  'NO_SPECIALIST_CERTIFICATE',
  'SPECIALIST_CERTIFICATE_RECENT',
  'NO_NORDIC_EXPERIENCE',
  'NO_CV',
  'TOO_FEW_REFERENCES',
  'NOT_COMPETING',
] as const;
export type BidIssueCode = (typeof BID_ISSUES)[number];

export interface BidIssue {
  code: BidIssueCode;
  /** English explanation; the user interface builds its own text from `code` and `params`. */
  message: string;
  params: Record<string, string | number>;
}

/** Purchased hours and cost booked against an order, from the imported supplier reports. */
export interface OrderHoursDto {
  months: { month: string; supplier: string; hours: string; costSek: string }[];
  totalHours: string;
  totalCostSek: string;
  /** The hours ordered, for comparison. */
  orderedHours: string;
}
