import { xlsxValue } from './spreadsheet-export';

describe('xlsx cells', () => {
  it('writes dates and months as real dates', () => {
    expect(xlsxValue('2024-10-15', 'date')).toEqual({
      value: new Date(Date.UTC(2024, 9, 15)),
      numFmt: 'yyyy-mm-dd',
    });
    expect(xlsxValue('2024-10', 'date')).toEqual({
      value: new Date(Date.UTC(2024, 9, 1)),
      numFmt: 'yyyy-mm',
    });
    expect(xlsxValue('2024-10-15T08:30:00Z', 'date').value).toEqual(new Date(Date.UTC(2024, 9, 15)));
  });

  it('writes a percentage as its fraction, numbers as numbers', () => {
    expect(xlsxValue('4.1', 'percent')).toEqual({ value: 0.041 });
    expect(xlsxValue('-1234.50', 'money')).toEqual({ value: -1234.5 });
    expect(xlsxValue(null, 'percent')).toEqual({ value: null });
  });

  it('keeps text as text without the CSV apostrophe: a text cell is never run as a formula', () => {
    expect(xlsxValue('=SUM(A1)', 'text')).toEqual({ value: '=SUM(A1)' });
    expect(xlsxValue('-Vårdcentral', 'text')).toEqual({ value: '-Vårdcentral' });
  });
});
