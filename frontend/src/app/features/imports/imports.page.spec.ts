import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ImportDto } from '@hyrkoll/contracts';
import { provideTranslocoScope, TranslocoTestingModule } from '@jsverse/transloco';

import { ImportsApi } from './imports.api';
import { ImportsPage } from './imports.page';

const I18N = join(__dirname, '../../../../public/i18n');
const read = (path: string) => JSON.parse(readFileSync(join(I18N, path), 'utf8'));

/** The demo's history, written by the seed: no file lines, 5 888 rows over 46 months. */
const HISTORY: ImportDto = {
  id: '3c1d7a52-0000-4000-8000-000000000001',
  kind: 'purchased-hours',
  status: 'DONE',
  source: 'legacy',
  fileName: 'demo-historik',
  sizeBytes: 0,
  linesTotal: 0,
  rowsRead: 0,
  rowsValid: 0,
  percent: 100,
  errorCount: 0,
  errors: [],
  months: Array.from({ length: 46 }, (_, i) => {
    const month = 2021 * 12 + i;
    return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
  }),
  rowsWritten: 5888,
  rowsReplaced: 1,
  preview: null,
  message: null,
  createdAt: '2024-11-01T08:00:00.000Z',
  finishedAt: '2024-11-01T08:00:05.000Z',
  confirmedAt: null,
  undoneAt: null,
};

describe('ImportsPage', () => {
  let fixture: ComponentFixture<ImportsPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  const button = (text: string) =>
    Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
    await new Promise((r) => setTimeout(r)); // the page moves the focus in a timeout
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const noUndo = () => http.expectNone((r) => r.url.endsWith('/undo'));

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [
        ImportsPage,
        TranslocoTestingModule.forRoot({
          langs: { sv: read('sv.json'), 'imports/sv': read('imports/sv.json') },
          translocoConfig: { availableLangs: ['sv', 'en'], defaultLang: 'sv' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTranslocoScope('imports'),
        ImportsApi,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ImportsPage);
    page = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne('/api/imports').flush([HISTORY]);
    http.expectOne((r) => r.url === '/api/imports/sources').flush([]);
    await settle();
    button('Visa')?.click();
    http.expectOne(`/api/imports/${HISTORY.id}`).flush(HISTORY);
    await settle();
  });

  afterEach(() => http.verify());

  it('asks in the page before undoing, naming the rows that leave, the months and the rows that come back', async () => {
    button('Ångra importen')?.click();
    await settle();
    noUndo();
    const panel = page.querySelector('.confirm-undo') as HTMLElement;
    expect(panel.textContent).toContain('Ångra importen demo-historik?');
    expect(panel.textContent).toMatch(
      /5\s888 rader från importen tas bort \(månaderna 2021-01 – 2024-10, 46 månader\)/,
    );
    expect(panel.textContent).toContain('1 rad som importen ersatte från källan legacy kommer tillbaka.');
    // the focus is on the question, not on the button that undoes: a second Enter does nothing
    expect(document.activeElement).toBe(panel);
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    noUndo();

    button('Ja, ångra importen')?.click();
    http
      .expectOne((r) => r.method === 'POST' && r.url === `/api/imports/${HISTORY.id}/undo`)
      .flush({ ...HISTORY, status: 'UNDONE', undoneAt: '2024-11-02T08:00:00.000Z' });
    // the list is read again at once (the page is not stable before it has it)
    await new Promise((r) => setTimeout(r));
    TestBed.tick();
    http.expectOne('/api/imports').flush([]);
    await settle();
    expect(page.textContent).toContain('Importen är ångrad');
  });

  it('keeps the import when the purchaser says no, or presses Escape', async () => {
    button('Ångra importen')?.click();
    await settle();
    button('Nej, behåll importen')?.click();
    await settle();
    expect(page.querySelector('.confirm-undo')).toBeNull();
    expect(document.activeElement?.id).toBe('import-undo');

    button('Ångra importen')?.click();
    await settle();
    (page.querySelector('.confirm-undo') as HTMLElement).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
    );
    await settle();
    expect(page.querySelector('.confirm-undo')).toBeNull();
    noUndo();
  });
  it('shows no line progress for an import written without a file', () => {
    expect(page.textContent).not.toContain('0 av 0 rader');
    expect(page.textContent).toContain('Importen skrevs utan fil');
    expect(page.querySelector('#processing-progress')).toBeNull();
    // one row is "1 rad", not "1 rader"
    expect(page.textContent).toMatch(/5\s888 rader sparades och 1 rad från tidigare importer/);
  });
  it('names the profession group in the double-counting table, and counts one combination in the singular', async () => {
    const waiting: ImportDto = {
      ...HISTORY,
      id: '3c1d7a52-0000-4000-8000-000000000002',
      status: 'AWAITING_CONFIRMATION',
      source: 'heroma',
      fileName: 'okt.csv',
      linesTotal: 1,
      rowsRead: 1,
      rowsValid: 1,
      months: ['2024-10'],
      rowsWritten: 0,
      rowsReplaced: 0,
      preview: {
        added: [{ month: '2024-10', rows: 1 }],
        replaced: [{ month: '2024-10', source: 'heroma', rows: 1 }],
        doubles: {
          keys: 1,
          examples: [
            {
              month: '2024-10',
              code: '210101',
              professionGroup: 'LAKARE',
              detail: 'Norrlandsbemanning AB',
              otherSource: 'legacy',
              otherRows: 2,
            },
          ],
        },
      },
    };
    const opened = (fixture.componentInstance as unknown as { open(imp: ImportDto): Promise<void> }).open(
      waiting,
    );
    http.expectOne(`/api/imports/${waiting.id}`).flush(waiting);
    await opened;
    await settle();
    expect(page.textContent).toContain('Möjlig dubbelräkning: 1 kombination i filen');
    expect(page.textContent).toContain('1 rad från heroma');
    const cells = Array.from(page.querySelectorAll('table[aria-labelledby="import-doubles-title"] td')).map(
      (c) => c.textContent?.trim(),
    );
    expect(cells).toEqual(['2024-10', '210101', 'Läkare', 'Norrlandsbemanning AB', 'legacy', '2']);
  });
});
