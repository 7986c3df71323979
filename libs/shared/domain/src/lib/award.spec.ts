import { BidFacts, rankBids } from './award';

function aBid(id: string, change: Partial<BidFacts> = {}): BidFacts {
  return {
    id,
    registeredAt: '2025-03-03T09:00:00.000Z',
    hoursOffered: '480',
    earlierHoursAtUnit: '0',
    licensedOn: '2015-06-01',
    specialistCertifiedOn: '2019-06-01',
    recentNordicExperience: true,
    ivoExtractOn: '2025-02-01',
    hospExtractOn: '2025-02-01',
    cprTrainingOn: '2024-09-01',
    cvAttached: true,
    references: 2,
    karens: null,
    active: true,
    ...change,
  };
}

const context = { hoursOrdered: '480', requiresSpecialist: true };

describe('award ranking by time and continuity', () => {
  it('puts the bid covering most of the ordered hours first', () => {
    const ranking = rankBids([aBid('part', { hoursOffered: '320' }), aBid('full')], context);
    expect(ranking.map((r) => [r.id, r.rank])).toEqual([
      ['full', 1],
      ['part', 2],
    ]);
    expect(ranking[0]?.reasons[0]).toBe('Covers 100.00 % of the ordered hours (480.00 of 480.00 h)');
    expect(ranking[1]?.coveragePercent).toBe('66.67');
  });

  it('lets earlier hours at the unit decide between equal coverage', () => {
    const ranking = rankBids([aBid('new'), aBid('known', { earlierHoursAtUnit: '420' })], context);
    expect(ranking.map((r) => r.id)).toEqual(['known', 'new']);
    expect(ranking[0]?.reasons).toContain('420.00 earlier hours at the unit (continuity)');
  });

  it('lets the earlier registration win a full tie, and says so', () => {
    const ranking = rankBids(
      [
        aBid('late', { registeredAt: '2025-03-03T10:00:00.000Z' }),
        aBid('early', { registeredAt: '2025-03-03T08:00:00.000Z' }),
      ],
      context,
    );
    expect(ranking.map((r) => r.id)).toEqual(['early', 'late']);
    expect(ranking[0]?.reasons[2]).toMatch(/earlier registration wins a tie/);
  });

  it('caps coverage at the ordered hours', () => {
    const ranking = rankBids(
      [aBid('over', { hoursOffered: '600' }), aBid('exact', { earlierHoursAtUnit: '1' })],
      context,
    );
    expect(ranking.map((r) => r.id)).toEqual(['exact', 'over']);
  });

  it('leaves ineligible bids unranked with every problem', () => {
    const ranking = rankBids(
      [
        aBid('stale', { ivoExtractOn: '2024-08-01', cprTrainingOn: '2023-01-01', references: 1 }),
        aBid('karens', {
          karens: {
            rule: 'KARENS',
            reason: 'employed until 2024-12-31',
            params: { employmentEndedOn: '2023-12-31', karensUntil: '2024-12-31', months: 12, note: null },
            blocking: true,
          },
        }),
        aBid('fine'),
      ],
      context,
    );
    expect(ranking.map((r) => [r.id, r.rank])).toEqual([
      ['fine', 1],
      ['stale', null],
      ['karens', null],
    ]);
    expect(ranking[1]?.problems).toEqual([
      {
        code: 'IVO_EXTRACT_OLD',
        message: 'The IVO extract of 2024-08-01 is more than 6 months old',
        params: { date: '2024-08-01' },
      },
      {
        code: 'CPR_TRAINING_OLD',
        message: 'The CPR training of 2023-01-01 is more than 12 months old',
        params: { date: '2023-01-01' },
      },
      { code: 'TOO_FEW_REFERENCES', message: '1 references; 2 are required', params: { count: 1 } },
    ]);
    expect(ranking[2]?.problems).toEqual([
      {
        code: 'KARENS',
        message: 'employed until 2024-12-31',
        params: { employmentEndedOn: '2023-12-31', karensUntil: '2024-12-31', months: 12 },
      },
    ]);
  });

  it('checks experience: two years since licence and since the specialist certificate', () => {
    const ranking = rankBids(
      [
        aBid('junior', { licensedOn: '2024-01-01' }),
        aBid('new-specialist', { specialistCertifiedOn: '2024-01-01' }),
      ],
      context,
    );
    expect(ranking.map((r) => r.problems.map((p) => [p.code, p.message]))).toEqual([
      [['LICENCE_RECENT', 'Less than 2 years since the licence']],
      [['SPECIALIST_CERTIFICATE_RECENT', 'Less than 2 years since the specialist certificate']],
    ]);
  });

  it('gives every unmet demand its own code, and a karens that does not block as a warning', () => {
    const karens = {
      rule: 'KARENS' as const,
      reason: 'employed until 2024-12-31',
      params: { employmentEndedOn: '2023-12-31', karensUntil: '2024-12-31' },
      blocking: false,
    };
    const [nothing] = rankBids(
      [
        aBid('nothing', {
          ivoExtractOn: '2024-01-01',
          hospExtractOn: '2024-01-01',
          cprTrainingOn: '2023-01-01',
          licensedOn: '2024-01-01',
          specialistCertifiedOn: null,
          recentNordicExperience: false,
          cvAttached: false,
          references: 0,
          karens,
          active: false,
        }),
      ],
      context,
    );
    expect(nothing?.problems.map((p) => p.code)).toEqual([
      'IVO_EXTRACT_OLD',
      'HOSP_EXTRACT_OLD',
      'CPR_TRAINING_OLD',
      'LICENCE_RECENT',
      'NO_SPECIALIST_CERTIFICATE',
      'NO_NORDIC_EXPERIENCE',
      'NO_CV',
      'TOO_FEW_REFERENCES',
      'NOT_COMPETING',
    ]);
    expect(nothing?.warnings).toEqual([{ code: 'KARENS', message: karens.reason, params: karens.params }]);
    const [warned] = rankBids([aBid('warned', { karens })], context);
    expect(warned).toMatchObject({ rank: 1, eligible: true, problems: [] });
    expect(warned?.warnings.map((w) => w.code)).toEqual(['KARENS']);
  });

  it('ranks nothing when there are no bids', () => {
    expect(rankBids([], context)).toEqual([]);
  });
});
