import {
  luhnValid,
  maskPersonalNumber,
  normaliseOrganisationNumber,
  normalisePersonalNumber,
} from './identity-numbers';

describe('personal identity numbers', () => {
  const today = new Date('2026-11-23');

  it('accepts the usual spellings of a valid number', () => {
    // 811218-9876 is a valid test number (Skatteverket's format, Luhn check digit 6)
    expect(normalisePersonalNumber('811218-9876', today)).toBe('198112189876');
    expect(normalisePersonalNumber('19811218-9876', today)).toBe('198112189876');
    expect(normalisePersonalNumber('198112189876', today)).toBe('198112189876');
  });

  it('puts a short number in the right century, and "+" a hundred years earlier', () => {
    expect(normalisePersonalNumber('121212-1212', today)).toBe('201212121212');
    expect(normalisePersonalNumber('121212+1212', today)).toBe('191212121212');
  });

  it('accepts a co-ordination number (day + 60)', () => {
    expect(normalisePersonalNumber('701063-2391', today)).toBe('197010632391');
  });

  it('refuses a wrong check digit, an impossible date and other text', () => {
    expect(normalisePersonalNumber('811218-9875', today)).toBeNull();
    expect(normalisePersonalNumber('19810231-9876', today)).toBeNull();
    expect(normalisePersonalNumber('abc', today)).toBeNull();
    expect(normalisePersonalNumber('', today)).toBeNull();
  });

  it('masks all but the last two digits: neither birth date nor year is shown', () => {
    expect(maskPersonalNumber('198112189876')).toBe('********-**76');
    expect(maskPersonalNumber('199107155358')).toBe('********-**58');
  });
});

describe('organisation numbers', () => {
  it('accepts a valid number with or without the hyphen', () => {
    expect(normaliseOrganisationNumber('556036-0793')).toBe('556036-0793');
    expect(normaliseOrganisationNumber('5560360793')).toBe('556036-0793');
  });

  it('refuses a wrong check digit or length', () => {
    expect(normaliseOrganisationNumber('556036-0794')).toBeNull();
    expect(normaliseOrganisationNumber('55603-0793')).toBeNull();
  });

  it('computes the Luhn check', () => {
    expect(luhnValid('5560360793')).toBe(true);
    expect(luhnValid('5560360794')).toBe(false);
  });
});
