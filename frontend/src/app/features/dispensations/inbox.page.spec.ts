import { waitingDays } from './inbox.page';

describe('the inbox waiting time', () => {
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000 - 60_000).toISOString();

  it('counts the days the current step has waited', () => {
    expect(waitingDays({ status: 'UNDER_REVIEW', waitingSince: daysAgo(3) })).toBe(3);
    expect(waitingDays({ status: 'SUBMITTED', waitingSince: daysAgo(0) })).toBe(0);
  });

  it('says nothing waits once the dispensation is decided or back with the requester', () => {
    for (const status of ['APPROVED', 'REJECTED', 'RETURNED', 'WITHDRAWN', 'EXPIRED', 'REVOKED'] as const) {
      expect(waitingDays({ status, waitingSince: daysAgo(5) })).toBeNull();
    }
  });
});
