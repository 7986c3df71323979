import { CSV_ENGLISH, CSV_SWEDISH, neutraliseFormula, toCell, toCsv } from './spreadsheet';

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+46701234567', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '|calc'])(
    'prefixes %j with an apostrophe',
    (text) => {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    },
  );

  it.each(['Umeå', '1+1', 'a=b', ' =trimmed later', ''])('leaves %j alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});

describe('toCell', () => {
  it('keeps money, numbers and percentages numeric, negative ones too', () => {
    expect(toCell('-5900000.50', 'money')).toEqual({
      type: 'number',
      value: -5900000.5,
      text: '-5900000.50',
    });
    expect(toCell('4.1', 'percent')).toEqual({ type: 'number', value: 4.1, text: '4.1' });
    expect(toCell(12, 'number')).toEqual({ type: 'number', value: 12, text: '12' });
  });

  it('turns a numeric column value that is not a plain decimal into neutralised text', () => {
    expect(toCell('=HYPERLINK("http://x")', 'money')).toEqual({
      type: 'text',
      value: '\'=HYPERLINK("http://x")',
    });
    expect(toCell(Number.NaN, 'number')).toEqual({ type: 'text', value: 'NaN' });
  });

  it('neutralises text cells and keeps dates as text', () => {
    expect(toCell('-Kåge', 'text')).toEqual({ type: 'text', value: "'-Kåge" });
    expect(toCell('2024-10-31', 'date')).toEqual({ type: 'text', value: '2024-10-31' });
  });

  it('leaves missing values empty', () => {
    expect(toCell(null)).toEqual({ type: 'empty' });
    expect(toCell(undefined, 'money')).toEqual({ type: 'empty' });
    expect(toCell('', 'text')).toEqual({ type: 'empty' });
  });
});

describe('toCsv', () => {
  const rows = [
    [toCell('Norrböle; HC'), toCell('1234567.50', 'money'), toCell('=2*3')],
    [toCell('Säg "hej"'), toCell('-0.5', 'percent'), toCell(null)],
  ];

  it('writes Swedish CSV with semicolons and decimal commas, quoting where needed', () => {
    expect(toCsv(['Enhet', 'Kostnad', 'Kommentar'], rows, CSV_SWEDISH)).toBe(
      'Enhet;Kostnad;Kommentar\r\n"Norrböle; HC";1234567,50;\'=2*3\r\n"Säg ""hej""";-0,5;\r\n',
    );
  });

  it('writes English CSV with commas and decimal points', () => {
    expect(toCsv(['Unit', 'Cost', 'Comment'], rows, CSV_ENGLISH)).toBe(
      'Unit,Cost,Comment\r\nNorrböle; HC,1234567.50,\'=2*3\r\n"Säg ""hej""",-0.5,\r\n',
    );
  });

  it('neutralises a header that looks like a formula', () => {
    expect(toCsv(['=x'], [], CSV_ENGLISH)).toBe("'=x\r\n");
  });
});
