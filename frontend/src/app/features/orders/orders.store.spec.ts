import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { OrderDto, OrderInput } from '@hyrkoll/contracts';

import { OrdersStore } from './orders.store';

const ORDER: OrderInput = {
  unitId: 'unit',
  profession: 'BARNMORSKA',
  competenceLevel: 'LEGITIMERAD',
  periodStart: '2027-01-01',
  periodEnd: '2027-01-31',
  hours: '150',
  reason: 'VACANCY',
};
const DRAFT = { id: 'draft-1', status: 'DRAFT', version: 1 } as OrderDto;
const VERDICT = { estimate: {}, rules: [], needsDispensation: true, stepsRequired: 1 };
const JUSTIFIED = {
  patientSafetyNeed: 'Förlossningen saknar barnmorskor',
  alternativesTried: 'Poolen är full',
};

/** Lets the store's awaits go on. */
const settled = () => new Promise((r) => setTimeout(r));

describe('OrdersStore', () => {
  let store: OrdersStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [OrdersStore, provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(OrdersStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('saves nothing when the verdict asks for a justification that is too short', async () => {
    const sending = store.send(ORDER, { ...JUSTIFIED, alternativesTried: 'kort' }, null, 'key', null);
    expect(store.busy()).toBe(true);
    http.expectOne('/api/orders/estimate').flush(VERDICT);
    expect(await sending).toEqual({ ok: false, missing: 'tried', assessment: VERDICT });
    expect(store.busy()).toBe(false);
  });

  it('creates the draft once per key, submits it with the justification, and reads it again after a refusal', async () => {
    const sending = store.send(ORDER, JUSTIFIED, null, 'order-form-1', null);
    http.expectOne('/api/orders/estimate').flush(VERDICT);
    await settled();
    const created = http.expectOne('/api/orders');
    expect(created.request.headers.get('Idempotency-Key')).toBe('order-form-1');
    created.flush(DRAFT);
    await settled();
    const submit = http.expectOne('/api/orders/draft-1/submit');
    expect(submit.request.body).toEqual({ version: 1, justification: JUSTIFIED });
    submit.flush({ message: 'changed' }, { status: 409, statusText: 'Conflict' });
    await settled();
    http.expectOne('/api/orders/draft-1').flush({ ...DRAFT, version: 2 });
    const result = await sending;
    expect(result).toMatchObject({ ok: false, draft: { id: 'draft-1', version: 2 } });
    expect(store.busy()).toBe(false);
  });

  it('saves a draft without submitting it: a change of the draft there is, at its version', async () => {
    const saving = store.saveDraft(ORDER, DRAFT, 'order-form-2');
    const change = http.expectOne('/api/orders/draft-1');
    expect(change.request.method).toBe('PATCH');
    expect(change.request.body).toEqual({ ...ORDER, version: 1 });
    change.flush({ ...DRAFT, version: 2 });
    expect(await saving).toEqual({ ok: true, order: { ...DRAFT, version: 2 } });
    http.expectNone('/api/orders/draft-1/submit');
  });

  it('submits a shown draft as saved and says what changed only when it went through', async () => {
    const failing = store.submitDraft(DRAFT, undefined);
    const submit = http.expectOne('/api/orders/draft-1/submit');
    expect(submit.request.body).toEqual({ version: 1 });
    submit.flush(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'x',
        details: [{ field: 'justification', message: 'y' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    expect((await failing).ok).toBe(false);
    expect(store.changedTo()).toBeNull();

    const sending = store.submitDraft(DRAFT, JUSTIFIED);
    http.expectOne('/api/orders/draft-1/submit').flush({ ...DRAFT, status: 'AWAITING_DISPENSATION' });
    expect((await sending).ok).toBe(true);
    expect(store.changedTo()).toEqual({ what: 'status', status: 'AWAITING_DISPENSATION' });
  });
});
