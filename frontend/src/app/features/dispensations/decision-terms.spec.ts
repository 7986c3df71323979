import { approveBody, hasTerms, termsForm } from './decision-terms';

const none = {
  conditions: null,
  validFrom: null,
  validTo: null,
  hoursCap: null,
  costCap: null,
  delegationReference: null,
};

describe('the terms of a dispensation decision', () => {
  it('fill the form with what step 1 decided', () => {
    const stepOne = {
      ...none,
      conditions: 'Uppföljning efter två veckor',
      validFrom: '2027-01-01',
      validTo: '2027-03-31T00:00:00.000Z',
      hoursCap: '150.00',
    };
    expect(hasTerms(stepOne)).toBe(true);
    expect(hasTerms(none)).toBe(false);
    expect(termsForm(stepOne)).toEqual({
      conditions: 'Uppföljning efter två veckor',
      validFrom: '2027-01-01',
      validTo: '2027-03-31',
      hoursCap: '150.00',
      costCap: '',
      delegationReference: '',
    });
  });

  it('leave empty fields out of an approval (the API keeps step 1’s value) and read Swedish numbers', () => {
    const body = approveBody(4, '  ', {
      conditions: ' Villkor ',
      validFrom: '',
      validTo: '2027-03-31',
      hoursCap: '150,5',
      costCap: '1 250 000,00',
      delegationReference: '',
    });
    expect(body).toEqual({
      version: 4,
      comment: undefined,
      conditions: 'Villkor',
      validFrom: undefined,
      validTo: '2027-03-31',
      hoursCap: '150.5',
      costCap: '1250000.00',
      delegationReference: undefined,
    });
  });
});
