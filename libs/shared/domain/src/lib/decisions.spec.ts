import { decisionBlocker, DecisionContext } from './decisions';

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

  it('lets the director decide step 1 (e.g. when the area chief asked) and step 2', () => {
    expect(decisionBlocker(ctx({ grants: [director], userId: 'karin' }))).toBeNull();
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
});
