import {
  checkHeader,
  currentImportMonthWindow,
  detectDelimiter,
  importMonthWindow,
  ImportRow,
  parseDecimalCell,
  parseImportRow,
  RowKeyCheck,
  setImportMonthWindow,
  splitCsvLine,
} from './import-rows';

describe('import rows', () => {
  it('reads decimals with comma or point, spaces and a sign, exactly', () => {
    expect(parseDecimalCell('1 234,50', 12, 2)).toBe('1234.50');
    expect(parseDecimalCell('1234.5', 12, 2)).toBe('1234.5');
    expect(parseDecimalCell('-250', 12, 2)).toBe('-250');
    expect(parseDecimalCell('007', 12, 2)).toBe('7');
    expect(parseDecimalCell('1,234.50', 12, 2)).toBeNull();
    expect(parseDecimalCell('12.345', 12, 2)).toBeNull();
    expect(parseDecimalCell('abc', 12, 2)).toBeNull();
    expect(parseDecimalCell('', 12, 2)).toBeNull();
  });

  it('holds each call to its own digits and scale, whatever was asked before', () => {
    expect(parseDecimalCell('123.456', 3, 3)).toBe('123.456');
    expect(parseDecimalCell('123.456', 3, 2)).toBeNull();
    expect(parseDecimalCell('1234.5', 3, 3)).toBeNull();
    expect(parseDecimalCell('1234.5', 4, 1)).toBe('1234.5');
    expect(parseDecimalCell('123.456', 3, 3)).toBe('123.456');
  });

  it('reads every decimal as the rule says, on the quick path for plain cells and the long one for the rest', () => {
    // The rule, written out on its own: spaces dropped, one separator at most, at most so many
    // digits on either side, leading zeros dropped, and "-0" is 0.
    const byTheRule = (raw: string, digits: number, scale: number): string | null => {
      const compact = raw.replace(/[\s\u00a0\u202f]/g, '');
      if (compact.replace(/[^.,]/g, '').length > 1) return null;
      const match = /^(-?)(\d+)(?:[.,](\d+))?$/.exec(compact);
      if (!match) return null;
      const [, sign, whole = '', fraction] = match;
      if (whole.length > digits || (fraction !== undefined && fraction.length > scale)) return null;
      const value = `${sign}${whole.replace(/^0+(?=\d)/, '')}${fraction === undefined ? '' : `.${fraction}`}`;
      return value === '-0' ? '0' : value;
    };
    const alphabet = '0123456789,.- \u00a0';
    let seed = 20261204;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const sizes: [number, number][] = [
      [7, 2],
      [12, 2],
      [3, 2],
      [3, 3],
      [1, 1],
    ];
    let numbers = 0;
    const wrong: [string, string | null, string | null][] = [];
    for (let i = 0; i < 20_000; i++) {
      let raw = '';
      for (let n = Math.floor(next() * 9); n > 0; n--) raw += alphabet[Math.floor(next() * alphabet.length)];
      const [digits, scale] = sizes[i % sizes.length] as [number, number];
      const expected = byTheRule(raw, digits, scale);
      if (expected !== null) numbers++;
      const got = parseDecimalCell(raw, digits, scale);
      if (got !== expected) wrong.push([raw, got, expected]);
    }
    expect(wrong).toEqual([]);
    expect(numbers).toBeGreaterThan(1000); // enough of the cells were numbers
    for (const raw of ['-0', '-0,00', '0', '-5', '10,5']) {
      expect(parseDecimalCell(raw, 7, 2)).toBe(byTheRule(raw, 7, 2));
    }
  });

  it('checks the header, whatever its case, with or without a byte-order mark', () => {
    expect(checkHeader('national-comparison', ['\ufeffMonth', 'REGION_CODE', 'hired_share_percent'])).toEqual(
      [],
    );
    expect(checkHeader('national-comparison', ['month', 'region'])[0]?.reason.en).toBe(
      'the header line must be month;region_code;hired_share_percent',
    );
  });

  it('accepts a purchased-hours row with a credit note and no order reference', () => {
    expect(
      parseImportRow(
        'purchased-hours',
        ['2024-03', '120101', 'lakare', '556712-3459', '-8,00', '-11 000,00', ''],
        2,
      ),
    ).toEqual({
      row: {
        month: '2024-03',
        unitCode: '120101',
        professionGroup: 'LAKARE',
        supplier: '556712-3459',
        hours: '-8.00',
        costSek: '-11000.00',
        orderRef: null,
      },
      errors: [],
    });
  });

  it('names every bad cell with its line, column, value and reason in both languages', () => {
    const result = parseImportRow(
      'purchased-hours',
      ['2024-13', '12 01', 'NURSE', '', '8,5,0', '=SUM(A1)', ''],
      7,
    );
    expect(result.row).toBeNull();
    expect(result.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [7, 'month', '2024-13'],
      [7, 'unit_code', '12 01'],
      [7, 'profession_group', 'NURSE'],
      [7, 'supplier', ''],
      [7, 'hours', '8,5,0'],
      [7, 'cost_sek', '=SUM(A1)'],
    ]);
    expect(result.errors[0]?.reason).toEqual({
      sv: 'månaden ska skrivas ÅÅÅÅ-MM',
      en: 'the month must be written YYYY-MM',
    });
  });

  it('refuses a line with the wrong number of columns', () => {
    expect(parseImportRow('own-staff-cost', ['2024-01', 'LSO1'], 3).errors[0]?.reason.en).toBe(
      'the line has 2 columns, 6 expected',
    );
  });

  it('reads own-staff cost with an empty budget, and a national share within 0–100 for a real county', () => {
    expect(
      parseImportRow('own-staff-cost', ['2024-01', 'LSO1', 'sjukhusvard', 'SSK_BM', '12 500 000', ''], 2).row,
    ).toEqual({
      month: '2024-01',
      areaCode: 'LSO1',
      careSetting: 'SJUKHUSVARD',
      professionGroup: 'SSK_BM',
      costSek: '12500000',
      budgetSek: null,
    });
    expect(parseImportRow('national-comparison', ['2024-01', '25', '10,4'], 2).row).toEqual({
      month: '2024-01',
      regionCode: '25',
      hiredSharePercent: '10.4',
    });
    expect(parseImportRow('national-comparison', ['2024-01', '2', '3.1'], 2).errors[0]?.column).toBe(
      'region_code',
    );
    expect(parseImportRow('national-comparison', ['2024-01', '24', '101'], 2).errors[0]?.column).toBe(
      'hired_share_percent',
    );
  });

  it('refuses a county and month that an earlier line of a national comparison already gave', () => {
    const keys = new RowKeyCheck('national-comparison');
    const row = (county: string, month = '2024-01') =>
      parseImportRow('national-comparison', [month, county, '3,1'], 2).row as ImportRow;
    expect(keys.check(row('24'), 2)).toBeNull();
    expect(keys.check(row('25'), 3)).toBeNull();
    expect(keys.check(row('24', '2024-02'), 4)).toBeNull();
    expect(keys.check(row('24'), 5)).toEqual({
      line: 5,
      column: 'region_code',
      value: '24',
      reason: {
        sv: 'länet och månaden finns redan på rad 2',
        en: 'the county and month are already on line 2',
      },
    });
    const hours = new RowKeyCheck('purchased-hours');
    const same = parseImportRow('purchased-hours', ['2024-03', '120101', 'LAKARE', 'Acme', '8', '100', ''], 2)
      .row as ImportRow;
    expect(hours.check(same, 2)).toBeNull();
    expect(hours.check(same, 3)).toBeNull();
  });

  it('refuses text that a spreadsheet would run as a formula', () => {
    for (const value of ['=1+1', '+46 70', '@SUM(1)', '-cmd']) {
      expect(
        parseImportRow('purchased-hours', ['2024-03', '120101', 'LAKARE', value, '8', '100', ''], 2).errors[0]
          ?.reason.en,
      ).toBe('the value looks like a spreadsheet formula');
    }
  });
});

describe('the stated ranges of import cells', () => {
  const hoursRow = (hours: string, cost: string) =>
    parseImportRow('purchased-hours', ['2024-03', '120101', 'LAKARE', 'Acme', hours, cost, ''], 5);

  it('accepts purchased hours and cost up to their bounds, either sign', () => {
    expect(hoursRow('99 999,99', '999 999 999,99').row).toMatchObject({
      hours: '99999.99',
      costSek: '999999999.99',
    });
    expect(hoursRow('-99999.99', '-999999999.99').row).toMatchObject({
      hours: '-99999.99',
      costSek: '-999999999.99',
    });
  });

  it('refuses a number past its range with a range reason naming the bounds, in both languages', () => {
    const result = hoursRow('100 000', '999 999 999 999,99');
    expect(result.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [5, 'hours', '100 000'],
      [5, 'cost_sek', '999 999 999 999,99'],
    ]);
    expect(result.errors[0]?.reason).toEqual({
      sv: 'timmarna ska ligga mellan −99 999,99 och 99 999,99',
      en: 'the hours must be from -99 999.99 to 99 999.99',
    });
    expect(result.errors[1]?.reason).toEqual({
      sv: 'beloppet ska ligga mellan −999 999 999,99 och 999 999 999,99 kronor',
      en: 'the amount must be from -999 999 999.99 to 999 999 999.99 SEK',
    });
    expect(hoursRow('-1000000000', '1').errors.map((e) => e.column)).toEqual(['hours']);
    // not a number at all keeps its own reason
    expect(hoursRow('8', '12,345').errors[0]?.reason.en).toBe(
      'the amount must be a number of SEK with at most two decimals',
    );
  });

  it('holds own-staff cost and budget to ±9 999 999 999,99', () => {
    const own = (cost: string, budget: string) =>
      parseImportRow('own-staff-cost', ['2024-01', 'LSO1', 'PSYKIATRI', 'LAKARE', cost, budget], 3);
    expect(own('9 999 999 999,99', '-9999999999.99').row).toMatchObject({
      costSek: '9999999999.99',
      budgetSek: '-9999999999.99',
    });
    expect(own('10000000000', '10 000 000 000,00').errors.map((e) => [e.column, e.reason.en])).toEqual([
      ['cost_sek', 'the amount must be from -9 999 999 999.99 to 9 999 999 999.99 SEK'],
      ['budget_sek', 'the amount must be from -9 999 999 999.99 to 9 999 999 999.99 SEK'],
    ]);
  });
});

describe('plausible months of an import', () => {
  afterEach(() => setImportMonthWindow(null));

  it('runs from January 2000 to the month after today in Sweden', () => {
    expect(importMonthWindow(new Date('2026-12-06T12:00:00Z'))).toEqual({
      earliest: '2000-01',
      latest: '2027-01',
    });
    // New Year's Eve 23:30 UTC is already January in Stockholm
    expect(importMonthWindow(new Date('2026-12-31T23:30:00Z')).latest).toBe('2027-02');
    expect(importMonthWindow(new Date('2026-12-31T22:30:00Z')).latest).toBe('2027-01');
  });

  it('makes a month before 2000 or more than one month ahead a row error naming the line and column', () => {
    const window = importMonthWindow(new Date('2026-12-06T12:00:00Z'));
    const row = (month: string) =>
      parseImportRow('purchased-hours', [month, '120101', 'LAKARE', 'Acme', '8', '100', ''], 9, window);
    expect(row('2027-01').row?.month).toBe('2027-01');
    expect(row('2000-01').row?.month).toBe('2000-01');
    for (const month of ['2027-02', '1999-12', '2099-01']) {
      expect(row(month).errors).toEqual([
        {
          line: 9,
          column: 'month',
          value: month,
          reason: {
            sv: 'månaden ska ligga mellan 2000-01 och 2027-01 (högst en månad framåt)',
            en: 'the month must be from 2000-01 to 2027-01 (at most one month ahead)',
          },
        },
      ]);
    }
    for (const kind of ['own-staff-cost', 'national-comparison'] as const) {
      const fields =
        kind === 'own-staff-cost'
          ? ['1999-12', 'LSO1', 'PSYKIATRI', 'LAKARE', '1', '']
          : ['1999-12', '24', '3'];
      expect(parseImportRow(kind, fields, 2, window).errors.map((e) => e.column)).toEqual(['month']);
    }
  });

  it('reads today from the clock unless a test sets the window', () => {
    const real = importMonthWindow();
    expect(currentImportMonthWindow()).toEqual(real);
    const row = () => parseImportRow('national-comparison', ['1901-01', '24', '3'], 2);
    expect(row().errors.map((e) => e.column)).toEqual(['month']);
    setImportMonthWindow({ earliest: '1900-01', latest: '9999-12' });
    expect(row().errors).toEqual([]);
    setImportMonthWindow(null);
    expect(currentImportMonthWindow()).toEqual(real);
  });
});

describe('CSV lines', () => {
  it('splits on the delimiter the header uses, with quoted fields and doubled quotes', () => {
    expect(detectDelimiter('month;unit_code')).toBe(';');
    expect(detectDelimiter('month,unit_code')).toBe(',');
    expect(splitCsvLine('2024-01;"120101";"Vård ""Norr"" AB";8,5', ';')).toEqual([
      '2024-01',
      '120101',
      'Vård "Norr" AB',
      '8,5',
    ]);
    expect(splitCsvLine('2024-01,120101,"1 234,50",', ',')).toEqual(['2024-01', '120101', '1 234,50', '']);
  });

  it('splits a line without quotes as it splits the same fields quoted', () => {
    const fields = ['2024-01', '', '120101', 'Läkarbolaget AB', ' 8,5 ', ''];
    const plain = fields.join(';');
    const quoted = fields.map((f) => `"${f}"`).join(';');
    expect(splitCsvLine(plain, ';')).toEqual(fields);
    expect(splitCsvLine(quoted, ';')).toEqual(fields);
    expect(splitCsvLine(';;', ';')).toEqual(['', '', '']);
  });
});
