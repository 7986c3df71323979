import { columnFormat, csvHeader, sheetName, xlsxBlob, xlsxValue } from './spreadsheet-export';

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

describe('xlsx column formats', () => {
  it('shows integers without a decimal point, and amounts and hours with the decimals they have', () => {
    expect(columnFormat('number', ['2302', 15, null])).toBe('#,##0');
    expect(columnFormat('number', ['2302.00', '40.50'])).toBe('#,##0.00');
    expect(columnFormat('money', ['55000.00', '-3250.00'])).toBe('#,##0.00');
    expect(columnFormat('money', ['55000', '12'])).toBe('#,##0');
    expect(columnFormat('number', ['12.5', '3'])).toBe('#,##0.0');
    expect(columnFormat('number', [])).toBe('#,##0');
  });

  it('shows a percentage with its own decimals, dates as dates, text as it is', () => {
    expect(columnFormat('percent', ['4.01', '7.5'])).toBe('0.00%');
    expect(columnFormat('percent', ['2'])).toBe('0%');
    expect(columnFormat('date', ['2024-10'])).toBe('yyyy-mm-dd');
    expect(columnFormat('text', ['12'])).toBeUndefined();
  });
});

describe('xlsx sheet names', () => {
  it('keeps a short name as it is, without the characters Excel forbids', () => {
    expect(sheetName('Dispensregister')).toBe('Dispensregister');
    expect(sheetName('Kostnad/timmar: [2024]?')).toBe('Kostnad timmar 2024');
    expect(sheetName('  ')).toBe('Hyrkoll');
  });

  it('cuts a long name at a word boundary, with an ellipsis, within 31 characters', () => {
    const name = sheetName('Kostnaden för hyrpersonal / kostnaden för egen personal R12 (SKR-måttet)');
    expect(name).toBe('Kostnaden för hyrpersonal…');
    expect(name.length).toBeLessThanOrEqual(31);
    // one word longer than the limit is cut inside it
    expect(sheetName('Personalkostnadsuppföljningsrapporten2024')).toBe('Personalkostnadsuppföljningsra…');
  });

  it('keeps names unique among those taken, without case', () => {
    const long = 'Kostnader hyrpersonal per månad och område';
    const first = sheetName(long);
    expect(first).toBe('Kostnader hyrpersonal per…');
    const second = sheetName(long, [first]);
    expect(second).toBe('Kostnader hyrpersonal per… (2)');
    expect(second.length).toBeLessThanOrEqual(31);
    expect(sheetName(long, [first, second])).toBe('Kostnader hyrpersonal per… (3)');
    expect(sheetName('Mål', ['MÅL'])).toBe('Mål (2)');
  });
});

describe('csv headers', () => {
  it('says that a percentage column is in percent', () => {
    expect(csvHeader('SKR-måttet R12', 'percent')).toBe('SKR-måttet R12 (%)');
    expect(csvHeader('Förändring (%)', 'percent')).toBe('Förändring (%)');
    expect(csvHeader('Kostnad (kr)', 'money')).toBe('Kostnad (kr)');
  });
});

describe('an xlsx read back', () => {
  it('has the column formats, numeric cells and the sheet name', async () => {
    const { Workbook } = await import('exceljs');
    const rows = [
      { month: '2024-09', hours: '2302.00', whole: '2302', share: '4.01' },
      { month: '2024-10', hours: '40.50', whole: '15', share: '7.5' },
    ];
    const blob = await xlsxBlob(
      [
        { header: 'Månad', kind: 'date', value: (r: (typeof rows)[number]) => r.month },
        { header: 'Timmar', kind: 'number', value: (r: (typeof rows)[number]) => r.hours },
        { header: 'Antal', kind: 'number', value: (r: (typeof rows)[number]) => r.whole },
        { header: 'Andel', kind: 'percent', value: (r: (typeof rows)[number]) => r.share },
      ],
      rows,
      'Kostnaden för hyrpersonal / kostnaden för egen personal R12',
    );
    const workbook = new Workbook();
    const buffer = await new Promise<ArrayBuffer>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.readAsArrayBuffer(blob);
    });
    await workbook.xlsx.load(buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('Kostnaden för hyrpersonal…');
    const row = sheet?.getRow(2);
    expect(row?.getCell(2).value).toBe(2302);
    expect(row?.getCell(2).numFmt).toBe('#,##0.00');
    expect(row?.getCell(3).numFmt).toBe('#,##0');
    expect(row?.getCell(4).value).toBe(0.0401);
    expect(row?.getCell(4).numFmt).toBe('0.00%');
    expect(row?.getCell(1).numFmt).toBe('yyyy-mm');
  });
});
