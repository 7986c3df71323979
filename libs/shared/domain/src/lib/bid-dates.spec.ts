import { bidDateProblems } from './bid-dates';
import { birthDateOfPersonalNumber } from './identity-numbers';

describe('bidDateProblems', () => {
  const today = '2026-12-06';
  const good = {
    licensedOn: '2012-06-01',
    specialistCertifiedOn: '2018-09-01',
    ivoExtractOn: '2026-11-01',
    hospExtractOn: '2026-11-01',
    cprTrainingOn: '2026-06-01',
  };

  it('accepts dates up to today', () => {
    expect(bidDateProblems({ ...good, cprTrainingOn: today }, today, '1981-12-18')).toEqual([]);
  });

  it('refuses every date in the future, naming each field', () => {
    const future = {
      licensedOn: '9999-12-31',
      specialistCertifiedOn: '2030-01-01',
      ivoExtractOn: '2026-12-07',
      hospExtractOn: '9999-12-31',
      cprTrainingOn: '9999-12-31',
    };
    expect(bidDateProblems(future, today, null).every((p) => p.code === 'futureDate')).toBe(true);
    expect(bidDateProblems(future, today, null).map((p) => p.field)).toEqual([
      'licensedOn',
      'specialistCertifiedOn',
      'ivoExtractOn',
      'hospExtractOn',
      'cprTrainingOn',
    ]);
  });

  it('refuses a specialist certificate before the licence', () => {
    expect(bidDateProblems({ ...good, specialistCertifiedOn: '2012-05-31' }, today, null)).toEqual([
      {
        field: 'specialistCertifiedOn',
        code: 'dateOrder',
        params: { after: 'licensedOn' },
        message: 'specialistCertifiedOn must not be before licensedOn',
      },
    ]);
  });

  it('refuses a licence before the consultant turned 18', () => {
    expect(bidDateProblems(good, today, '1994-06-02')).toEqual([
      {
        field: 'licensedOn',
        code: 'beforeAdult',
        params: { limit: '2012-06-02' },
        message: expect.stringContaining('turned 18 (2012-06-02)'),
      },
    ]);
    expect(bidDateProblems(good, today, '1994-06-01')).toEqual([]);
  });
});

describe('birthDateOfPersonalNumber', () => {
  it('reads the date, also of a co-ordination number', () => {
    expect(birthDateOfPersonalNumber('198112189876')).toBe('1981-12-18');
    expect(birthDateOfPersonalNumber('198112789876')).toBe('1981-12-18');
  });
});
