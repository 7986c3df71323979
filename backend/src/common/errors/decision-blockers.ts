import { ErrorCode } from '@hyrkoll/contracts';
import { DECISION_BLOCKERS, DecisionBlocker } from '@hyrkoll/domain';

/** The error code of each reason why a user may not decide a dispensation's step (403). */
export const DECISION_BLOCKER_CODES: Record<DecisionBlocker, ErrorCode> = {
  [DECISION_BLOCKERS.OWN_REQUEST]: ErrorCode.DECISION_OWN_REQUEST,
  [DECISION_BLOCKERS.AREA_CHIEF_FIRST]: ErrorCode.DECISION_AREA_CHIEF_FIRST,
  [DECISION_BLOCKERS.NOT_STEP_1]: ErrorCode.DECISION_NOT_YOUR_STEP,
  [DECISION_BLOCKERS.NOT_STEP_2]: ErrorCode.DECISION_NOT_YOUR_STEP,
  [DECISION_BLOCKERS.SAME_PERSON_TWICE]: ErrorCode.DECISION_SAME_PERSON_TWICE,
};
