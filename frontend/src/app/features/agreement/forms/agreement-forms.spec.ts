import {
  checkFormerEmployee,
  checkKarensQuery,
  checkPrice,
  checkQuarantineReason,
  checkSupplier,
  checkTravelAllowance,
  LIMITS,
  moneyDecimals,
  parseAmount,
  PriceFormValue,
  toPriceZone,
} from './agreement-forms';

const TODAY = new Date('2025-03-01T12:00:00Z');

describe('parseAmount', () => {
  it('takes Swedish and plain notations to the exact decimal the API wants', () => {
    expect(parseAmount('1150')).toBe('1150');
    expect(parseAmount('1 150,50')).toBe('1150.50');
    expect(parseAmount('1\u00a0150,5')).toBe('1150.5');
    expect(parseAmount(' 2500.00 ')).toBe('2500.00');
    expect(parseAmount('0')).toBe('0');
  });

  it('refuses what the API would refuse', () => {
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('12,345')).toBeNull(); // three decimals
    expect(parseAmount('1234567')).toBeNull(); // seven digits
    expect(parseAmount('-100')).toBeNull();
    expect(parseAmount('1,150.50')).toBeNull();
    expect(parseAmount('1e3')).toBeNull();
    expect(parseAmount('kr')).toBeNull();
  });
});

describe('moneyDecimals', () => {
  it('hides öre only when there are none', () => {
    expect(moneyDecimals('1125.00')).toBe(0);
    expect(moneyDecimals('1125')).toBe(0);
    expect(moneyDecimals('1125.50')).toBe(2);
    expect(moneyDecimals('1125.05')).toBe(2);
  });
});

describe('checkSupplier', () => {
  it('normalises a valid organisation number and keeps the lots in the agreement order', () => {
    expect(
      checkSupplier({
        organisationNumber: ' 5567123459 ',
        name: '  Norrvård AB ',
        lots: ['SJUKSKOTERSKA', 'LAKARE'],
      }),
    ).toEqual({
      ok: true,
      body: { organisationNumber: '556712-3459', name: 'Norrvård AB', lots: ['LAKARE', 'SJUKSKOTERSKA'] },
    });
  });

  it('reports every problem at once', () => {
    expect(checkSupplier({ organisationNumber: '556712-3458', name: ' ', lots: [] })).toEqual({
      ok: false,
      problems: {
        organisationNumber: { code: 'orgNumber' },
        name: { code: 'required' },
        lots: { code: 'minItems', params: { min: 1 } },
      },
    });
    expect(checkSupplier({ organisationNumber: '', name: 'x'.repeat(201), lots: ['LAKARE'] })).toEqual({
      ok: false,
      problems: {
        organisationNumber: { code: 'required' },
        name: { code: 'maxLength', params: { max: LIMITS.supplierName } },
      },
    });
  });
});

describe('checkQuarantineReason', () => {
  it('needs a reason of at most 1000 characters', () => {
    expect(checkQuarantineReason('  Avtalsbrott  ')).toEqual({ ok: true, body: 'Avtalsbrott' });
    expect(checkQuarantineReason('   ')).toEqual({
      ok: false,
      problems: { quarantineReason: { code: 'required' } },
    });
    expect(checkQuarantineReason('x'.repeat(1001))).toEqual({
      ok: false,
      problems: { quarantineReason: { code: 'maxLength', params: { max: LIMITS.quarantineReason } } },
    });
  });
});

describe('checkPrice', () => {
  const valid: PriceFormValue = {
    profession: 'LAKARE',
    competenceLevel: 'SPECIALIST',
    priceZone: '3',
    hourlyRate: '1 650,50',
    validFrom: '2026-01-01',
    validTo: '',
  };

  it('builds the request with the zone as a number and no end date when none is given', () => {
    expect(checkPrice(valid)).toEqual({
      ok: true,
      body: {
        profession: 'LAKARE',
        competenceLevel: 'SPECIALIST',
        priceZone: 3,
        hourlyRate: '1650.50',
        validFrom: '2026-01-01',
      },
    });
    const withEnd = checkPrice({ ...valid, validTo: '2026-01-01' });
    expect(withEnd.ok && withEnd.body.validTo).toBe('2026-01-01');
  });

  it('refuses a level the profession does not have, as the API does', () => {
    expect(checkPrice({ ...valid, profession: 'SJUKSKOTERSKA' })).toEqual({
      ok: false,
      problems: { competenceLevel: { code: 'level' } },
    });
  });

  it('refuses a zero rate, a zone outside 1–3, a date that does not exist and an end before the start', () => {
    expect(
      checkPrice({
        ...valid,
        hourlyRate: '0',
        priceZone: '4',
        validFrom: '2026-02-30',
        validTo: '2025-12-31',
      }),
    ).toEqual({
      ok: false,
      problems: {
        hourlyRate: { code: 'min', params: { min: '0.01' } },
        priceZone: { code: 'oneOf', params: { allowed: ['1', '2', '3'] } },
        validFrom: { code: 'date' },
      },
    });
    expect(checkPrice({ ...valid, validTo: '2025-12-31' })).toEqual({
      ok: false,
      problems: { validTo: { code: 'dateOrder', params: { after: 'validFrom' } } },
    });
    expect(checkPrice({ ...valid, hourlyRate: '', validFrom: '' })).toEqual({
      ok: false,
      problems: { hourlyRate: { code: 'required' }, validFrom: { code: 'required' } },
    });
    expect(checkPrice({ ...valid, profession: 'TANDLAKARE' }).ok).toBe(false);
  });
});

describe('toPriceZone', () => {
  it('accepts 1, 2 and 3 only', () => {
    expect([toPriceZone('1'), toPriceZone(2), toPriceZone('3')]).toEqual([1, 2, 3]);
    expect([toPriceZone(''), toPriceZone('0'), toPriceZone('4'), toPriceZone('1.5')]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('checkTravelAllowance', () => {
  it('allows zero (no allowance) but not a negative or malformed amount', () => {
    expect(checkTravelAllowance({ amountPerWeek: '0', validFrom: '2026-01-01', validTo: '' })).toEqual({
      ok: true,
      body: { amountPerWeek: '0', validFrom: '2026-01-01' },
    });
    expect(checkTravelAllowance({ amountPerWeek: '-1', validFrom: '2026-01-01', validTo: '' })).toEqual({
      ok: false,
      problems: { amountPerWeek: { code: 'decimal', params: { maxDigits: LIMITS.amountIntegerDigits } } },
    });
    expect(
      checkTravelAllowance({ amountPerWeek: '2500', validFrom: '2026-01-01', validTo: '2026-13-01' }),
    ).toEqual({
      ok: false,
      problems: { validTo: { code: 'date' } },
    });
  });
});

describe('checkFormerEmployee', () => {
  it('sends the identity number in its long normalised form', () => {
    expect(
      checkFormerEmployee({ identityNumber: '750612-1230', employmentEndedOn: '2024-08-31' }, TODAY),
    ).toEqual({
      ok: true,
      body: { identityNumber: '197506121230', employmentEndedOn: '2024-08-31' },
    });
    expect(
      checkFormerEmployee({ identityNumber: '19750612-1230', employmentEndedOn: '2024-08-31' }, TODAY).ok,
    ).toBe(true);
  });

  it('refuses a wrong check digit, a date that does not exist and a missing end date', () => {
    expect(checkFormerEmployee({ identityNumber: '19750612-1231', employmentEndedOn: '' }, TODAY)).toEqual({
      ok: false,
      problems: { identityNumber: { code: 'personalNumber' }, employmentEndedOn: { code: 'required' } },
    });
    expect(
      checkFormerEmployee({ identityNumber: '19750230-1234', employmentEndedOn: '2024-02-30' }, TODAY),
    ).toEqual({
      ok: false,
      problems: { identityNumber: { code: 'personalNumber' }, employmentEndedOn: { code: 'date' } },
    });
    expect(checkFormerEmployee({ identityNumber: '', employmentEndedOn: '2024-01-01' }, TODAY)).toEqual({
      ok: false,
      problems: { identityNumber: { code: 'required' } },
    });
  });
});

describe('checkKarensQuery', () => {
  it('asks for today unless a first day is given', () => {
    expect(checkKarensQuery({ identityNumber: '198803014565', on: '' }, TODAY)).toEqual({
      ok: true,
      body: { identityNumber: '198803014565' },
    });
    expect(checkKarensQuery({ identityNumber: '198803014565', on: '2025-06-01' }, TODAY)).toEqual({
      ok: true,
      body: { identityNumber: '198803014565', on: '2025-06-01' },
    });
    expect(checkKarensQuery({ identityNumber: '1988', on: '01/06/2025' }, TODAY)).toEqual({
      ok: false,
      problems: { identityNumber: { code: 'personalNumber' }, on: { code: 'date' } },
    });
  });
});
