import { DispensationStatus, OrderStatus } from '@hyrkoll/contracts';

const O = OrderStatus;
const D = DispensationStatus;

/** States in which an order may still be cancelled: everything before the assignment starts. */
export const CANCELLABLE_ORDER_STATES: readonly OrderStatus[] = [
  O.DRAFT,
  O.SUBMITTED,
  O.AWAITING_DISPENSATION,
  O.APPROVED,
  O.PUBLISHED,
  O.UNFILLED,
  O.BIDS_RECEIVED,
  O.AWARDED,
  O.CONFIRMED,
];

/** Every order transition: the action, the states it may start from, and where it leads. */
export const ORDER_TRANSITIONS = {
  submit: { from: [O.DRAFT], to: O.SUBMITTED },
  routeToDispensation: { from: [O.SUBMITTED], to: O.AWAITING_DISPENSATION },
  approve: { from: [O.SUBMITTED, O.AWAITING_DISPENSATION], to: O.APPROVED },
  reject: { from: [O.AWAITING_DISPENSATION], to: O.REJECTED },
  reopen: { from: [O.AWAITING_DISPENSATION], to: O.DRAFT },
  publish: { from: [O.APPROVED, O.UNFILLED], to: O.PUBLISHED },
  receiveBid: { from: [O.PUBLISHED, O.BIDS_RECEIVED], to: O.BIDS_RECEIVED },
  markUnfilled: { from: [O.PUBLISHED, O.BIDS_RECEIVED], to: O.UNFILLED },
  award: { from: [O.BIDS_RECEIVED], to: O.AWARDED },
  confirm: { from: [O.AWARDED], to: O.CONFIRMED },
  confirmationMissed: { from: [O.AWARDED], to: O.BIDS_RECEIVED },
  noBidsLeft: { from: [O.AWARDED], to: O.UNFILLED },
  start: { from: [O.CONFIRMED], to: O.IN_PROGRESS },
  complete: { from: [O.IN_PROGRESS], to: O.COMPLETED },
  close: { from: [O.COMPLETED], to: O.CLOSED },
  cancel: { from: CANCELLABLE_ORDER_STATES, to: O.CANCELLED },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;
export type OrderAction = keyof typeof ORDER_TRANSITIONS;

/** Every dispensation transition. `step` moves are handled by the decision rules, not here. */
export const DISPENSATION_TRANSITIONS = {
  startReview: { from: [D.SUBMITTED], to: D.UNDER_REVIEW },
  approveStep: { from: [D.UNDER_REVIEW], to: D.UNDER_REVIEW },
  approve: { from: [D.UNDER_REVIEW], to: D.APPROVED },
  reject: { from: [D.UNDER_REVIEW], to: D.REJECTED },
  return: { from: [D.UNDER_REVIEW], to: D.RETURNED },
  resubmit: { from: [D.RETURNED], to: D.UNDER_REVIEW },
  withdraw: { from: [D.SUBMITTED, D.UNDER_REVIEW, D.RETURNED], to: D.WITHDRAWN },
  revoke: { from: [D.APPROVED], to: D.REVOKED },
  expire: { from: [D.APPROVED], to: D.EXPIRED },
} as const satisfies Record<string, { from: readonly DispensationStatus[]; to: DispensationStatus }>;
export type DispensationAction = keyof typeof DISPENSATION_TRANSITIONS;

export class IllegalTransitionError extends Error {
  constructor(
    readonly entity: 'order' | 'dispensation',
    readonly action: string,
    readonly current: string,
  ) {
    super(`Cannot ${action} the ${entity}: it is ${current}`);
    this.name = 'IllegalTransitionError';
  }
}

export function orderTransition(current: OrderStatus, action: OrderAction): OrderStatus {
  const t = ORDER_TRANSITIONS[action];
  if (!(t.from as readonly OrderStatus[]).includes(current))
    throw new IllegalTransitionError('order', action, current);
  return t.to;
}

export function dispensationTransition(
  current: DispensationStatus,
  action: DispensationAction,
): DispensationStatus {
  const t = DISPENSATION_TRANSITIONS[action];
  if (!(t.from as readonly DispensationStatus[]).includes(current)) {
    throw new IllegalTransitionError('dispensation', action, current);
  }
  return t.to;
}
