import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DispensationDetailDto } from '@hyrkoll/contracts';
import { provideTranslocoScope, TranslocoTestingModule } from '@jsverse/transloco';

import { DecisionPage } from './decision.page';

const I18N = join(__dirname, '../../../../public/i18n');
const read = (path: string) => JSON.parse(readFileSync(join(I18N, path), 'utf8'));

const ID = '0b7f4a52-0000-4000-8000-000000000001';
const URL = `/api/dispensations/${ID}`;

/** Waiting for step 2, with the terms step 1 gave. */
const STEP_TWO: DispensationDetailDto = {
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
  order: {
    profession: 'BARNMORSKA',
    competenceLevel: 'LEGITIMERAD',
    specialty: null,
    periodStart: '2027-01-01',
    periodEnd: '2027-03-31',
    hours: '480.00',
    estimate: {
      hourlyRate: '1200.00',
      hours: '480.00',
      labourCost: '576000.00',
      travelAllowance: '24000.00',
      extras: '0.00',
      total: '600000.00',
      priceZone: 2,
      missingPrice: null,
    },
  },
  decider: { role: 'HEALTHCARE_DIRECTOR', areaName: null, names: ['Karin Ek'] },
  validityLimits: { earliestFrom: '2027-01-01', latestTo: '2027-04-14' },
};
const TIMELINE = `/api/orders/${STEP_TWO.orderId}/timeline`;

describe('DecisionPage', () => {
  let fixture: ComponentFixture<DecisionPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  const input = (id: string) => page.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
  const button = (text: string) =>
    Array.from(page.querySelectorAll('button')).find(
      // the accessible name: without the icon, which is aria-hidden
      (b) => b.textContent?.replace(/[✓↩✕]/g, '').trim() === text,
    );
  /** The history follows the dispensation: answered with one system event. */
  const flushTimeline = () => {
    for (const r of http.match(TIMELINE))
      r.flush([
        {
          id: 'e1',
          seq: '1',
          occurredAt: '2026-12-01T09:00:00Z',
          actor: { userId: null, name: 'system: dispensation review' },
          requestId: null,
          action: 'dispensation.start-review',
          entityType: 'dispensation',
          entityId: ID,
          before: null,
          after: {},
        },
      ]);
  };
  const settle = async () => {
    // the store's answer comes a few promises later, and the history is asked for after it
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r));
      fixture.detectChanges();
      flushTimeline();
    }
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
    // inside the sentence the state is in lower case
    expect(page.textContent).toContain('Dispensen är nu avslagen.');
    // hours as everywhere: the number without trailing zeros, with the unit
    expect(page.textContent).toContain('Timmar480 h');
    expect(page.textContent).not.toContain('480,00');
    // decided: the facts are what was decided, not what is to be decided
    expect(page.textContent).toContain('Det här beslutades');
    expect(page.textContent).not.toContain('Det här ska beslutas');
  });

  it('closes the confirmation when the comment changes while it is open: the new comment is sent', async () => {
    const comment = page.querySelector<HTMLTextAreaElement>('#dc-comment') as HTMLTextAreaElement;
    comment.value = 'Gammal kommentar';
    comment.dispatchEvent(new Event('input'));
    button('Avslå')?.click();
    await settle();
    expect(page.textContent).toContain('Avslå dispensen?');
    // Shift+Tab back to the comment and change it: the summary no longer shows what would be sent
    comment.value = 'Ny kommentar';
    comment.dispatchEvent(new Event('input'));
    await settle();
    expect(button('Ja, avslå')).toBeUndefined();
    expect(page.querySelector('#dc-confirm-closed')?.textContent).toContain('bekräftelsen var öppen');
    button('Avslå')?.click();
    await settle();
    expect(page.querySelector('#dc-confirm-summary')?.textContent).toContain('Ny kommentar');
    button('Ja, avslå')?.click();
    const reject = http.expectOne(`${URL}/reject`);
    expect(reject.request.body).toEqual({ version: 3, comment: 'Ny kommentar' });
    reject.flush({ ...STEP_TWO, status: 'REJECTED', mayDecide: false });
    await settle();
  });

  it('reloads after a 409 and says who got there first, without the stale form', async () => {
    button('Bevilja')?.click();
    await settle();
    button('Ja, bevilja')?.click();
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
      'Någon annan hann före: dispensen är nu beviljad.',
    );
    expect(page.querySelector('h1')?.textContent).toContain('Beviljad');
    expect(button('Bevilja')).toBeUndefined();
    expect(page.textContent).toContain('Villkor i beslutet');
  });

  it("shows who decides and what, and the system event as the system's", () => {
    expect(page.querySelector('#dc-who')?.textContent).toContain(
      'Steg 2 av 2 beslutas av hälso- och sjukvårdsdirektören (Karin Ek). Beslutet är ditt.',
    );
    expect(page.textContent).toMatch(/Reseschablon: 24\s000\skr/);
    expect(page.textContent).toContain('2027-01-01 – 2027-03-31');
    expect(page.querySelector('.timeline')?.textContent).toContain(
      'Hyrkoll (automatiskt): dispensen lämnades för prövning',
    );
    expect(
      Array.from(page.querySelectorAll('h2')).filter((h) => h.textContent?.trim() === 'Beslut'),
    ).toHaveLength(1);
  });

  it('sums up an approval and sends it only from the confirmation; Escape cancels', async () => {
    input('dc-conditions').value = 'Uppföljning varje vecka';
    input('dc-conditions').dispatchEvent(new Event('input'));
    button('Bevilja')?.click();
    await settle();
    http.expectNone(`${URL}/approve`);
    const panel = page.querySelector<HTMLElement>('.decision-confirm') as HTMLElement;
    expect(panel.textContent).toContain('Uppföljning varje vecka');
    expect(panel.textContent).toContain('2027-01-01 – 2027-03-31');
    expect(document.activeElement).toBe(panel);
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(page.querySelector('.decision-confirm')).toBeNull();
    http.expectNone(`${URL}/approve`);
  });

  it('shows a validity outside the order at the field and in the summary, and focuses the field', async () => {
    input('dc-to').value = '2099-12-31';
    input('dc-to').dispatchEvent(new Event('input'));
    button('Bevilja')?.click();
    await settle();
    http.expectNone(`${URL}/approve`);
    expect(page.querySelector('.decision-confirm')).toBeNull();
    expect(input('dc-to').getAttribute('aria-invalid')).toBe('true');
    expect(input('dc-to').getAttribute('aria-describedby')).toContain('dc-to-error');
    const text = 'Datumet får vara högst 2027-04-14: beställningens sista dag plus 14 dagar.';
    expect(page.querySelector('#dc-to-error')?.textContent?.trim()).toBe(text);
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe(`Gäller till: ${text}`);
    expect(document.activeElement).toBe(input('dc-to'));
  });

  it('has every key it builds, in Swedish and English', () => {
    for (const language of ['sv', 'en']) {
      const scope = read(`dispensations/${language}.json`);
      const keys = [
        ...['AREA_CHIEF', 'HEALTHCARE_DIRECTOR'].map((k) => `deciderRole.${k}`),
        ...['approve', 'reject'].flatMap((k) => [`summary.${k}`, `confirmQuestion.${k}`, `confirmYes.${k}`]),
        ...[
          'submit',
          'start-review',
          'approve',
          'approve-step',
          'reject',
          'return',
          'resubmit',
          'withdraw',
          'revoke',
          'expire',
        ].map((k) => `event.${k}`),
      ];
      const missing = keys.filter(
        (key) => typeof key.split('.').reduce((n, part) => n?.[part], scope) !== 'string',
      );
      expect(missing).toEqual([]);
    }
  });
});
