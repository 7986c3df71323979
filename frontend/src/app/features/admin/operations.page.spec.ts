import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { OperationsStatusDto } from '@hyrkoll/contracts';
import { provideTranslocoScope, TranslocoTestingModule } from '@jsverse/transloco';

import { OperationsPage } from './operations.page';

const I18N = join(__dirname, '../../../../public/i18n');
const read = (path: string) => JSON.parse(readFileSync(join(I18N, path), 'utf8'));
const adminSv = read('admin/sv.json');

const REASON = 'no handler for rollup job "recompute-month"';
const IMPORT_MESSAGE = 'the file is not UTF-8 text (near line 3); save it as UTF-8 CSV';

const STATUS: OperationsStatusDto = {
  imports: [
    {
      id: 'import-1',
      kind: 'purchased-hours',
      status: 'FAILED',
      source: 'heroma',
      fileName: 'timmar.csv',
      errorCount: 0,
      errors: [],
      message: IMPORT_MESSAGE,
      createdAt: '2026-12-01T08:00:00Z',
      finishedAt: '2026-12-01T08:00:05Z',
    },
  ],
  rollupMonths: [],
  queues: [{ queue: 'rollups', waiting: 0, active: 0, delayed: 0, failed: 1 }],
  failedJobs: [
    {
      queue: 'rollups',
      name: 'recompute-month',
      subject: 'not-a-m',
      failedAt: '2026-12-07T05:00:00Z',
      attempts: 3,
      reason: REASON,
    },
  ],
  countsCapped: false,
};

describe('OperationsPage', () => {
  it('says a failure in the page’s words, the worker’s English reason folded away and marked lang="en"', async () => {
    TestBed.configureTestingModule({
      imports: [
        OperationsPage,
        TranslocoTestingModule.forRoot({
          langs: { sv: read('sv.json'), 'admin/sv': adminSv },
          translocoConfig: { availableLangs: ['sv', 'en'], defaultLang: 'sv' },
          preloadLangs: true,
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTranslocoScope('admin')],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(OperationsPage);
    fixture.detectChanges();
    http.expectOne('/api/operations/status').flush(STATUS);
    await fixture.whenStable();
    fixture.detectChanges();
    const page: HTMLElement = fixture.nativeElement;

    expect(page.textContent).toContain(adminSv.operations.jobFailed.rollups);
    expect(page.textContent).toContain(adminSv.operations.importFailed);
    // the raw reasons are there for whoever reports the failure, but only inside lang="en" in a <details>
    const english = Array.from(page.querySelectorAll<HTMLElement>('details [lang="en"]')).map((e) =>
      e.textContent?.trim(),
    );
    expect(english).toEqual([REASON, IMPORT_MESSAGE]);
    const unmarked = page.cloneNode(true) as HTMLElement;
    unmarked.querySelectorAll('[lang="en"]').forEach((e) => e.remove());
    expect(unmarked.textContent).not.toContain('no handler');
    expect(unmarked.textContent).not.toContain('UTF-8 text');
    http.verify();
  });
});
