import { DISPENSATION_STATUSES, ORDER_STATUSES } from '@hyrkoll/contracts';

import {
  DISPENSATION_TRANSITIONS,
  dispensationTransition,
  IllegalTransitionError,
  ORDER_TRANSITIONS,
  orderTransition,
} from './state-machines';

describe('the order state machine', () => {
  it('walks the happy path from draft to closed', () => {
    let s = orderTransition('DRAFT', 'submit');
    s = orderTransition(s, 'routeToDispensation');
    s = orderTransition(s, 'approve');
    s = orderTransition(s, 'publish');
    s = orderTransition(s, 'receiveBid');
    s = orderTransition(s, 'award');
    s = orderTransition(s, 'confirm');
    s = orderTransition(s, 'start');
    s = orderTransition(s, 'complete');
    expect(orderTransition(s, 'close')).toBe('CLOSED');
  });

  it('goes back to bids or to unfilled when a confirmation is missed', () => {
    expect(orderTransition('AWARDED', 'confirmationMissed')).toBe('BIDS_RECEIVED');
    expect(orderTransition('AWARDED', 'noBidsLeft')).toBe('UNFILLED');
  });

  it('can be cancelled before the assignment starts, never after', () => {
    for (const status of ORDER_STATUSES) {
      const allowed = !['IN_PROGRESS', 'COMPLETED', 'CLOSED', 'CANCELLED', 'REJECTED'].includes(status);
      if (allowed) expect(orderTransition(status, 'cancel')).toBe('CANCELLED');
      else expect(() => orderTransition(status, 'cancel')).toThrow(IllegalTransitionError);
    }
  });

  it('names the current state when a transition is illegal', () => {
    expect(() => orderTransition('PUBLISHED', 'submit')).toThrow('Cannot submit the order: it is PUBLISHED');
  });

  it('only uses known states', () => {
    for (const t of Object.values(ORDER_TRANSITIONS)) {
      expect(ORDER_STATUSES).toContain(t.to);
      for (const from of t.from) expect(ORDER_STATUSES).toContain(from);
    }
  });
});

describe('the dispensation state machine', () => {
  it('reviews, returns, resubmits and approves', () => {
    let s = dispensationTransition('SUBMITTED', 'startReview');
    s = dispensationTransition(s, 'return');
    s = dispensationTransition(s, 'resubmit');
    s = dispensationTransition(s, 'approveStep');
    expect(dispensationTransition(s, 'approve')).toBe('APPROVED');
  });

  it('allows withdrawal only before a decision, revocation and expiry only after approval', () => {
    expect(dispensationTransition('RETURNED', 'withdraw')).toBe('WITHDRAWN');
    expect(() => dispensationTransition('APPROVED', 'withdraw')).toThrow('it is APPROVED');
    expect(dispensationTransition('APPROVED', 'revoke')).toBe('REVOKED');
    expect(dispensationTransition('APPROVED', 'expire')).toBe('EXPIRED');
    expect(() => dispensationTransition('REJECTED', 'revoke')).toThrow(IllegalTransitionError);
  });

  it('only uses known states', () => {
    for (const t of Object.values(DISPENSATION_TRANSITIONS)) {
      expect(DISPENSATION_STATUSES).toContain(t.to);
    }
  });
});
