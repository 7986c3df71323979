import type { ImportRowError } from '@hyrkoll/contracts';

import {
  fileProblem,
  isFinished,
  laterImport,
  MAX_UPLOAD_BYTES,
  monthSpan,
  pollDelayMs,
  previewMonths,
  reasonIn,
  sourceProblem,
  unlistedErrors,
  uploadPercent,
} from './import-progress';

describe('import progress', () => {
  it('knows when the worker is done with an import', () => {
    expect(isFinished('DONE')).toBe(true);
    expect(isFinished('REFUSED')).toBe(true);
    expect(isFinished('FAILED')).toBe(true);
    expect(isFinished('QUEUED')).toBe(false);
    expect(isFinished('VALIDATING')).toBe(false);
    expect(isFinished('WRITING')).toBe(false);
    expect(isFinished('RECEIVING')).toBe(false);
    // the worker is done with it until the purchaser decides
    expect(isFinished('AWAITING_CONFIRMATION')).toBe(true);
    expect(isFinished('DISCARDED')).toBe(true);
    expect(isFinished('UNDONE')).toBe(true);
  });

  it('puts the preview together month by month', () => {
    expect(
      previewMonths({
        added: [
          { month: '2024-10', rows: 3 },
          { month: '2024-09', rows: 2 },
        ],
        replaced: [{ month: '2024-10', source: 'heroma', rows: 5 }],
        doubles: { keys: 0, examples: [] },
      }),
    ).toEqual([
      { month: '2024-09', added: 2, replaced: [] },
      { month: '2024-10', added: 3, replaced: [{ source: 'heroma', rows: 5 }] },
    ]);
  });

  it('checks a source as the API does', () => {
    expect(sourceProblem('heroma')).toBeNull();
    expect(sourceProblem(' 556712-3459 ')).toBeNull();
    expect(sourceProblem('Läkarjouren (faktura) 2024/10')).toBeNull();
    expect(sourceProblem('  ')).toBe('missing');
    expect(sourceProblem('x'.repeat(41))).toBe('tooLong');
    expect(sourceProblem(';drop')).toBe('invalid');
    expect(sourceProblem('a\tb')).toBe('invalid');
  });

  it('reads the later import out of a refused undo, and nothing out of other refusals', () => {
    const later = {
      status: 409,
      code: 'IMPORT_REPLACED_LATER' as const,
      params: { laterImportId: 'abc', laterFileName: 'okt.csv', laterCreatedAt: '2024-11-02T08:00:00.000Z' },
      fields: {},
    };
    expect(laterImport(later)).toEqual({
      id: 'abc',
      fileName: 'okt.csv',
      createdAt: '2024-11-02T08:00:00.000Z',
    });
    expect(laterImport({ ...later, params: { laterImportId: 'abc' } })).toEqual({
      id: 'abc',
      fileName: null,
      createdAt: null,
    });
    expect(
      laterImport({
        status: 409,
        code: 'IMPORT_WRONG_STATE',
        params: { currentStatus: 'UNDONE' },
        fields: {},
      }),
    ).toBeNull();
  });

  it('gives the upload in whole percent, and nothing while the size is unknown', () => {
    expect(uploadPercent(0, 1000)).toBe(0);
    expect(uploadPercent(333, 1000)).toBe(33);
    expect(uploadPercent(999, 1000)).toBe(99);
    expect(uploadPercent(1000, 1000)).toBe(100);
    expect(uploadPercent(1200, 1000)).toBe(100);
    expect(uploadPercent(10, undefined)).toBeNull();
    expect(uploadPercent(10, 0)).toBeNull();
  });

  it('asks quickly at first and then every two seconds', () => {
    expect([0, 1, 2, 3, 4, 10].map(pollDelayMs)).toEqual([250, 500, 1000, 2000, 2000, 2000]);
  });

  it('gives the reason in the interface language', () => {
    const error: ImportRowError = {
      line: 3,
      column: 'month',
      value: '2024-13',
      reason: { sv: 'månaden ska skrivas ÅÅÅÅ-MM', en: 'the month must be written YYYY-MM' },
    };
    expect(reasonIn(error, 'sv')).toBe('månaden ska skrivas ÅÅÅÅ-MM');
    expect(reasonIn(error, 'en')).toBe('the month must be written YYYY-MM');
  });

  it('spans the months of an import, in order', () => {
    expect(monthSpan([])).toBeNull();
    expect(monthSpan(['2024-11'])).toEqual({ first: '2024-11', last: '2024-11', count: 1 });
    expect(monthSpan(['2024-10', '2024-01', '2024-05'])).toEqual({
      first: '2024-01',
      last: '2024-10',
      count: 3,
    });
  });

  it('refuses to send no file, an empty file or one over the limit', () => {
    expect(fileProblem(null)).toBe('missing');
    expect(fileProblem({ size: 0 })).toBe('empty');
    expect(fileProblem({ size: MAX_UPLOAD_BYTES + 1 })).toBe('tooLarge');
    expect(fileProblem({ size: MAX_UPLOAD_BYTES })).toBeNull();
    expect(fileProblem({ size: 120 })).toBeNull();
  });

  it('counts the errors the API did not list', () => {
    expect(unlistedErrors({ errorCount: 1500, errors: new Array(1000) })).toBe(500);
    expect(unlistedErrors({ errorCount: 2, errors: new Array(2) })).toBe(0);
  });
});
