import {
  formatMonth,
  formatMonthSpan,
  formatMsek,
  formatNumber,
  formatPercent,
  formatSek,
  monthName,
} from './dashboard-format';

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('dashboard formats', () => {
  it('writes millions of kronor with one decimal and a real minus sign in Swedish', () => {
    expect(formatMsek('292800000.00', 'sv-SE')).toBe('292,8');
    expect(formatMsek('-5900000.00', 'sv-SE', 1, true)).toBe('−5,9');
    expect(formatMsek('10000000', 'sv-SE', 1, true)).toBe('+10,0');
    expect(formatMsek('-1300000.00', 'en-GB', 1, true)).toBe('-1.3');
    expect(formatMsek(null, 'sv-SE')).toBe('–');
  });

  it('writes percent as the board does, with an optional sign', () => {
    expect(spaces(formatPercent('4.01', 'sv-SE'))).toBe('4,0 %');
    expect(spaces(formatPercent('-10.9', 'sv-SE', 1, true))).toBe('−10,9 %');
    expect(spaces(formatPercent('2.00', 'sv-SE', 0))).toBe('2 %');
    expect(formatPercent('32', 'en-GB', 1, true)).toBe('+32.0%');
    expect(formatPercent(null, 'sv-SE')).toBe('–');
  });

  it('writes kronor and plain numbers with the language’s separators', () => {
    expect(spaces(formatSek('1234567.40', 'sv-SE'))).toBe('1 234 567 kr');
    expect(spaces(formatNumber('208630.78', 'sv-SE'))).toBe('208 631');
    expect(formatNumber('-0.10', 'sv-SE', 1, true)).toBe('−0,1');
    expect(formatNumber('0.00', 'sv-SE', 1, true)).toBe('0,0');
  });

  it('names months in Swedish and English', () => {
    expect(formatMonth('2024-10', 'sv-SE')).toBe('oktober 2024');
    expect(formatMonth('2024-10', 'en-GB')).toBe('October 2024');
    expect(formatMonth('2024-01', 'sv-SE', 'short')).toBe('jan. 2024');
    expect(monthName(12, 'sv-SE', 'long')).toBe('december');
    expect(formatMonthSpan('2024-01', '2024-10', 'sv-SE')).toBe('jan.–okt. 2024');
    expect(formatMonthSpan('2023-11', '2024-10', 'en-GB')).toBe('Nov 2023–Oct 2024');
    expect(formatMonthSpan('2023-11', '2024-10', 'sv-SE')).toBe('nov. 2023–okt. 2024');
  });

  it('writes a span of one month as the month alone', () => {
    expect(formatMonthSpan('2021-01', '2021-01', 'sv-SE')).toBe('jan. 2021');
    expect(formatMonthSpan('2021-01', '2021-01', 'en-GB')).toBe('Jan 2021');
  });
});
