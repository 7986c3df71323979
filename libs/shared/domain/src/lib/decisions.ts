import type { Role } from '@hyrkoll/contracts';

import { Grant, grantCovers, Placement } from './access';

/**
 * The roles that may take each step. Step 1 is the area chief's, with the director as the
 * fallback when the area has no chief who can take it; step 2 is the director's.
 */
export const DECIDER_ROLES: Record<1 | 2, readonly Role[]> = {
  1: ['AREA_CHIEF', 'HEALTHCARE_DIRECTOR'],
  2: ['HEALTHCARE_DIRECTOR'],
};

export interface DecisionContext {
  grants: readonly Grant[];
  placement: Placement;
  step: 1 | 2;
  userId: string;
  requesterId: string;
  /** Everyone who already decided an earlier step of this round. */
  earlierDeciderIds: readonly string[];
  /**
   * Whether an active area chief of the unit's area, other than the requester, can take step 1.
   * When none can, step 1 falls to the health-care director.
   */
  areaChiefAvailable: boolean;
}

const holds = (c: Pick<DecisionContext, 'grants' | 'placement'>, role: Role) =>
  c.grants.some((g) => g.role === role && grantCovers(g, c.placement));

/** The reasons `decisionBlocker` gives, by name: the API gives each its own error code. */
export const DECISION_BLOCKERS = {
  OWN_REQUEST: 'The requester can never decide their own dispensation',
  AREA_CHIEF_FIRST:
    "Step 1 is decided by the area chief of the unit's area; the health-care director takes it only when the area has no other chief than the requester",
  NOT_STEP_1:
    "Step 1 is decided by the area chief of the unit's area, or the health-care director when there is none",
  NOT_STEP_2: 'Step 2 is decided by the health-care director',
  SAME_PERSON_TWICE: 'The second step must be decided by someone other than the first',
} as const;
export type DecisionBlocker = (typeof DECISION_BLOCKERS)[keyof typeof DECISION_BLOCKERS];

/**
 * Why this user may not decide this step of the dispensation, or null when they may. The
 * requester never decides their own request. Step 1 belongs to the area chief of the order's
 * unit; the director takes it only when no active area chief other than the requester exists.
 * Step 2 is the director's, and needs another person than the first step.
 */
export function decisionBlocker(c: DecisionContext): DecisionBlocker | null {
  if (c.userId === c.requesterId) return DECISION_BLOCKERS.OWN_REQUEST;
  if (c.step === 1) {
    if (holds(c, 'AREA_CHIEF')) return null;
    if (holds(c, 'HEALTHCARE_DIRECTOR')) {
      return c.areaChiefAvailable ? DECISION_BLOCKERS.AREA_CHIEF_FIRST : null;
    }
    return DECISION_BLOCKERS.NOT_STEP_1;
  }
  if (!holds(c, 'HEALTHCARE_DIRECTOR')) return DECISION_BLOCKERS.NOT_STEP_2;
  if (c.earlierDeciderIds.includes(c.userId)) return DECISION_BLOCKERS.SAME_PERSON_TWICE;
  return null;
}

/**
 * Whether an approval of step 1 by this user ends the dispensation's decision. A second step
 * brings the case to the health-care director: when a director already took step 1 (the area
 * had no chief who could, or its chief is also a director), that level has decided, and step 2
 * is skipped.
 */
export function approvalIsFinal(
  c: Pick<DecisionContext, 'grants' | 'placement' | 'step'> & { stepsRequired: number },
): boolean {
  if (c.step >= c.stepsRequired) return true;
  return c.step === 1 && holds(c, 'HEALTHCARE_DIRECTOR');
}
