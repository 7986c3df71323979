import type { Role } from '@hyrkoll/contracts';
import { Grant, grantCovers, Placement } from './access';

/** Who decides each step: the area chief of the unit's area (or the director), then the director. */
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
}

/**
 * Why this user may not decide this step of the dispensation, or null when they may. The
 * requester never decides their own request; the second step needs another person than the
 * first; each step needs its role with a scope covering the order's unit.
 */
export function decisionBlocker(c: DecisionContext): string | null {
  if (c.userId === c.requesterId) return 'The requester can never decide their own dispensation';
  const allowed = DECIDER_ROLES[c.step];
  if (!c.grants.some((g) => allowed.includes(g.role) && grantCovers(g, c.placement))) {
    return c.step === 1
      ? "Step 1 is decided by the area chief of the unit's area, or the health-care director"
      : 'Step 2 is decided by the health-care director';
  }
  if (c.step === 2 && c.earlierDeciderIds.includes(c.userId)) {
    return 'The second step must be decided by someone other than the first';
  }
  return null;
}
