import { type DecisionBlocker, decisionBlocker } from '@hyrkoll/domain';

import type { AuthUser } from '../../common/auth/auth-user';
import { placementOf } from '../orders/orders.queries';
import type { DispensationRow } from './dispensations.queries';

/** Why this user may not decide the current step, or null when they may. */
export function blockerFor(user: AuthUser, d: DispensationRow): DecisionBlocker | null {
  const earlierSteps = (d.decisions ?? []).filter((x) => x.step < d.step && x.outcome === 'APPROVED');
  return decisionBlocker({
    grants: user.grants,
    placement: placementOf(d),
    step: d.step === 2 ? 2 : 1,
    userId: user.id,
    requesterId: d.requested_by,
    earlierDeciderIds: earlierSteps.map((x) => x.decidedById),
    areaChiefAvailable: d.area_chief_available,
  });
}

/** Revocation is for the area chief of the area or the director, whoever is available; never the requester. */
export function revokeBlocker(user: AuthUser, d: DispensationRow): DecisionBlocker | null {
  return decisionBlocker({
    grants: user.grants,
    placement: placementOf(d),
    step: 1,
    userId: user.id,
    requesterId: d.requested_by,
    earlierDeciderIds: [],
    areaChiefAvailable: false,
  });
}
