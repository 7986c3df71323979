import { VALIDITY_MARGIN_DAYS, validityLimits, validityProblem } from './validity';

describe("an approval's validity", () => {
  const order = { periodStart: '2027-02-01', periodEnd: '2027-02-28', today: '2027-01-15' };
  const check = (validFrom: string, validTo: string, fromGiven = true) =>
    validityProblem({ ...order, validFrom, validTo, fromGiven });

  it("runs from the order's first day to its last plus the margin", () => {
    expect(VALIDITY_MARGIN_DAYS).toBe(14);
    expect(validityLimits(order)).toEqual({ earliestFrom: '2027-02-01', latestTo: '2027-03-14' });
    expect(check('2027-02-01', '2027-03-14')).toBeNull();
    expect(check('2027-02-10', '2027-02-20')).toBeNull();
  });

  it('names the field and the limit of what is outside', () => {
    expect(check('2020-01-01', '2027-02-28')).toEqual({
      field: 'validFrom',
      problem: 'beforePeriod',
      limit: '2027-02-01',
    });
    expect(check('2027-02-01', '2099-12-31')).toEqual({
      field: 'validTo',
      problem: 'afterLimit',
      limit: '2027-03-14',
    });
    expect(check('2027-02-20', '2027-02-10')).toEqual({
      field: 'validTo',
      problem: 'beforeFrom',
      limit: '2027-02-20',
    });
  });

  it("lets a start the decider types not lie before today, except the order's first day", () => {
    const started = { ...order, today: '2027-02-10' };
    expect(
      validityProblem({ ...started, validFrom: '2027-02-05', validTo: '2027-02-28', fromGiven: true }),
    ).toEqual({ field: 'validFrom', problem: 'beforeToday', limit: '2027-02-10' });
    expect(
      validityProblem({ ...started, validFrom: '2027-02-05', validTo: '2027-02-28', fromGiven: false }),
    ).toBeNull();
    expect(
      validityProblem({ ...started, validFrom: '2027-02-01', validTo: '2027-02-28', fromGiven: true }),
    ).toBeNull();
  });

  it("refuses a start after the order's last day, naming validFrom also when validTo is past the limit", () => {
    expect(check('2027-03-01', '2027-03-05')).toEqual({
      field: 'validFrom',
      problem: 'afterPeriod',
      limit: '2027-02-28',
    });
    expect(check('2027-03-20', '2027-02-28')).toEqual({
      field: 'validFrom',
      problem: 'afterPeriod',
      limit: '2027-02-28',
    });
    expect(check('2027-02-28', '2027-02-28')).toBeNull();
  });
});
