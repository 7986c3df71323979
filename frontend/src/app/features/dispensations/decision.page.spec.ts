import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DispensationDto } from '@hyrkoll/contracts';
import { provideTranslocoScope, TranslocoTestingModule } from '@jsverse/transloco';

import { DecisionPage } from './decision.page';

const I18N = join(__dirname, '../../../../public/i18n');
const read = (path: string) => JSON.parse(readFileSync(join(I18N, path), 'utf8'));

const ID = '0b7f4a52-0000-4000-8000-000000000001';
const URL = `/api/dispensations/${ID}`;

/** Waiting for step 2, with the terms step 1 gave. */
const STEP_TWO: DispensationDto = {
  id: ID,
  orderId: '0b7f4a52-0000-4000-8000-000000000002',
  orderReference: 'B-2026-0042',
  status: 'UNDER_REVIEW',
  step: 2,
  stepsRequired: 2,
  rules: [],
  justification: {
    patientSafetyNeed: 'Förlossningen saknar barnmorskor',
    alternativesTried: 'Poolen är full',
  },
  requestedBy: { id: 'u1', name: 'Eva Lindqvist' },
  submittedAt: '2026-12-01T09:00:00Z',
  conditions: 'Uppföljning varannan vecka',
  validFrom: '2027-01-01',
  validTo: '2027-03-31',
  hoursCap: '400.00',
  costCap: null,
  delegationReference: 'DEL-2026-17',
  decisions: [],
  estimatedCost: '600000.00',
  unit: { id: 'unit', name: 'BB Skellefteå', areaId: 'area', areaName: 'NSO Skellefteå' },
  mayDecide: true,
  mayResubmit: false,
  mayWithdraw: false,
  mayRevoke: false,
  version: 3,
};

describe('DecisionPage', () => {
  let fixture: ComponentFixture<DecisionPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  const input = (id: string) => page.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
  const button = (text: string) =>
    Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  const settle = async () => {
    await new Promise((r) => setTimeout(r)); // the store's answer comes a few promises later
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [
        DecisionPage,
        TranslocoTestingModule.forRoot({
          langs: { sv: read('sv.json'), 'dispensations/sv': read('dispensations/sv.json') },
          translocoConfig: { availableLangs: ['sv', 'en'], defaultLang: 'sv' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTranslocoScope('dispensations'),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DecisionPage);
    fixture.componentRef.setInput('id', ID);
    page = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne(URL).flush(STEP_TWO);
    await settle();
  });

  afterEach(() => http.verify());

  it("shows step 1's terms to the step-2 decider and fills the form with them", () => {
    expect(page.textContent).toContain('Villkor från steg 1');
    expect(page.textContent).toContain('ett fält som lämnas tomt behåller värdet från steg 1');
    expect(input('dc-conditions').value).toBe('Uppföljning varannan vecka');
    expect(input('dc-to').value).toBe('2027-03-31');
    expect(input('dc-hours').value).toBe('400.00');
    expect(input('dc-delegation').value).toBe('DEL-2026-17');
  });

  it('decides nothing when the form is submitted (Enter in a field): it has no submit button', async () => {
    expect(page.querySelectorAll('form button[type="submit"], form button:not([type])')).toHaveLength(0);
    const form = page.querySelector('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    http.expectNone(() => true);
  });

  it('asks before rejecting, and rejects only on the confirmation', async () => {
    const comment = page.querySelector<HTMLTextAreaElement>('#dc-comment') as HTMLTextAreaElement;
    comment.value = 'Egen personal finns';
    comment.dispatchEvent(new Event('input'));
    button('Avslå')?.click();
    await settle();
    http.expectNone(() => true);
    expect(page.textContent).toContain('Avslå dispensen?');
    button('Ja, avslå')?.click();
    const reject = http.expectOne(`${URL}/reject`);
    expect(reject.request.body).toEqual({ version: 3, comment: 'Egen personal finns' });
    reject.flush({ ...STEP_TWO, status: 'REJECTED', mayDecide: false });
    await settle();
    expect(page.querySelector('h1')?.textContent).toContain('Avslagen');
  });

  it('reloads after a 409 and says who got there first, without the stale form', async () => {
    button('Bevilja')?.click();
    const approve = http.expectOne(`${URL}/approve`);
    expect(approve.request.body).toMatchObject({ version: 3, conditions: 'Uppföljning varannan vecka' });
    approve.flush(
      {
        statusCode: 409,
        code: 'DISPENSATION_WRONG_STATE',
        message: 'Cannot approve a step of the dispensation: it is APPROVED',
        params: { action: 'approveStep', currentStatus: 'APPROVED', version: 4 },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    http.expectOne(URL).flush({ ...STEP_TWO, status: 'APPROVED', mayDecide: false, version: 4 });
    await settle();
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Någon annan hann före: dispensen är nu Beviljad.',
    );
    expect(page.querySelector('h1')?.textContent).toContain('Beviljad');
    expect(button('Bevilja')).toBeUndefined();
    expect(page.textContent).toContain('Villkor i beslutet');
  });
});
