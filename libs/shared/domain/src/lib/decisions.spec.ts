import { approvalIsFinal, decisionBlocker, DecisionContext } from './decisions';

const placement = { regionId: 'r', areaId: 'a-ske', unitId: 'u-norrbole' };
const chief = { role: 'AREA_CHIEF' as const, regionId: 'r', areaId: 'a-ske' };
const otherChief = { role: 'AREA_CHIEF' as const, regionId: 'r', areaId: 'a-sla' };
const director = { role: 'HEALTHCARE_DIRECTOR' as const, regionId: 'r' };

function ctx(change: Partial<DecisionContext>): DecisionContext {
  return {
    grants: [chief],
    placement,
    step: 1,
    userId: 'maria',
    requesterId: 'eva',
    earlierDeciderIds: [],
    areaChiefAvailable: true,
    ...change,
  };
}

describe('who may decide a dispensation', () => {
  it("lets the area chief of the unit's area decide step 1", () => {
    expect(decisionBlocker(ctx({}))).toBeNull();
  });

  it('never lets the requester decide, whatever their roles', () => {
    expect(decisionBlocker(ctx({ userId: 'eva', grants: [chief, director] }))).toBe(
      'The requester can never decide their own dispensation',
    );
  });

  it('refuses an area chief of another area', () => {
    expect(decisionBlocker(ctx({ grants: [otherChief] }))).toMatch(/^Step 1 is decided by the area chief/);
  });

  it('keeps step 1 for the area chief while the area has one who can take it', () => {
    expect(decisionBlocker(ctx({ grants: [director], userId: 'karin' }))).toMatch(
      /^Step 1 is decided by the area chief of the unit's area; the health-care director takes it only/,
    );
  });

  it('lets the director take step 1 when the area has no chief other than the requester', () => {
    expect(
      decisionBlocker(ctx({ grants: [director], userId: 'karin', areaChiefAvailable: false })),
    ).toBeNull();
    expect(decisionBlocker(ctx({ grants: [otherChief], areaChiefAvailable: false }))).toMatch(
      /^Step 1 is decided by the area chief of the unit's area, or the health-care director/,
    );
  });

  it('lets the director decide step 2 after the area chief', () => {
    expect(
      decisionBlocker(ctx({ grants: [director], userId: 'karin', step: 2, earlierDeciderIds: ['maria'] })),
    ).toBeNull();
  });

  it('keeps step 2 for the director, and for someone other than the first decider', () => {
    expect(decisionBlocker(ctx({ step: 2 }))).toBe('Step 2 is decided by the health-care director');
    expect(
      decisionBlocker(ctx({ grants: [director], userId: 'karin', step: 2, earlierDeciderIds: ['karin'] })),
    ).toBe('The second step must be decided by someone other than the first');
  });

  it("skips step 2 when a director took step 1, since step 2 is the director's level", () => {
    const step1 = { placement, step: 1 as const, stepsRequired: 2 };
    expect(approvalIsFinal({ ...step1, grants: [chief] })).toBe(false);
    expect(approvalIsFinal({ ...step1, grants: [director] })).toBe(true);
    expect(approvalIsFinal({ ...step1, grants: [chief, director] })).toBe(true);
    expect(approvalIsFinal({ ...step1, grants: [chief], stepsRequired: 1 })).toBe(true);
    expect(approvalIsFinal({ ...step1, grants: [director], step: 2 })).toBe(true);
  });
});
