import type {
  AuditEventDto,
  BidDto,
  DispensationDto,
  ErrorBody,
  OrderDto,
  SupplierDto,
  UnitDto,
} from '@hyrkoll/contracts';
import { addWorkingDays, endOfSwedishDay, swedishDate } from '@hyrkoll/domain';
import { aBid, anOrder, CONSULTANTS, JUSTIFICATION } from './support/builders';
import { as, DEMO, loginAs, TestSession } from './support/sessions';
import { submitOrder } from './support/workflow';
import { startApi, TestApp, withDemoData } from './support/test-app';

describe('orders and dispensations: the core workflow', () => {
  let api: TestApp;
  let eva: TestSession; // unit manager, Norrböle and Kåge (NSO Skellefteå)
  let maria: TestSession; // area chief, NSO Skellefteå
  let per: TestSession; // area chief, NSO Södra Lappland
  let karin: TestSession; // health-care director
  let lars: TestSession; // purchaser
  let johan: TestSession; // unit manager, Storuman (NSO Södra Lappland)
  let norrbole: UnitDto;
  let suppliers: SupplierDto[];

  beforeAll(async () => {
    api = await startApi();
    await withDemoData(api.dataSource);
    [eva, maria, per, karin, lars, johan] = await Promise.all(
      [
        DEMO.unitManagerSkelleftea,
        DEMO.areaChiefSkelleftea,
        DEMO.areaChiefLappland,
        DEMO.healthcareDirector,
        DEMO.purchaser,
        DEMO.unitManagerLappland,
      ].map((email) => loginAs(api.app, email)),
    );
    const units = (await as(api.app, eva).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[];
    norrbole = units.find((u) => u.costCentre === '120101') as UnitDto;
    suppliers = (await as(api.app, lars).get('/api/agreement/suppliers').expect(200)).body as SupplierDto[];
  });

  afterAll(() => api.close());

  const doctorsSupplier = () => suppliers.find((s) => s.name === 'Norrlandsbemanning AB') as SupplierDto;
  const otherSupplier = () => suppliers.find((s) => s.name === 'Stafettläkarna i Norr AB') as SupplierDto;

  function submittedOrder(hours = '480.00'): Promise<{ order: OrderDto; dispensation: DispensationDto }> {
    return submitOrder(api.app, eva, anOrder(norrbole.id).withHours(hours).build());
  }

  it('estimates the cost from the zone tariff and says a dispensation is needed, before saving', async () => {
    const res = await as(api.app, eva).post('/api/orders/estimate', anOrder(norrbole.id).build()).expect(200);
    expect(res.body.priceZone).toBe(2); // Skellefteå, illustrative zone 2
    expect(res.body.estimate).toMatchObject({
      hourlyRate: '1375.00',
      labourCost: '660000.00',
      missingPrice: null,
    });
    expect(res.body.estimate.travelAllowance).toMatch(/^\d+\.00$/);
    expect(res.body.rules.map((r: { rule: string }) => r.rule)).toEqual(['HIRING_STOP']);
    expect(res.body.needsDispensation).toBe(true);
    expect(res.body.stepsRequired).toBe(2); // above 500 000 SEK in the demo policy
  });

  it('drafts, refuses a submit without justification, and routes a justified submit to the area chief', async () => {
    const draft = (
      await as(api.app, eva).post('/api/orders', anOrder(norrbole.id).withHours('200.00').build()).expect(201)
    ).body as OrderDto;
    expect(draft).toMatchObject({ status: 'DRAFT', reference: expect.stringMatching(/^HK-\d{4}-\d{6}$/) });
    const missing = await as(api.app, eva)
      .post(`/api/orders/${draft.id}/submit`, { version: draft.version })
      .expect(400);
    expect((missing.body as ErrorBody).details).toEqual([
      { field: 'justification', message: expect.stringContaining('HIRING_STOP') },
    ]);

    const submitted = (
      await as(api.app, eva)
        .post(`/api/orders/${draft.id}/submit`, { version: draft.version, justification: JUSTIFICATION })
        .expect(200)
    ).body as OrderDto;
    expect(submitted.status).toBe('AWAITING_DISPENSATION');
    const dispensation = (
      await as(api.app, maria).get(`/api/dispensations/${submitted.dispensationId}`).expect(200)
    ).body as DispensationDto;
    expect(dispensation).toMatchObject({
      status: 'UNDER_REVIEW',
      step: 1,
      stepsRequired: 1,
      requestedBy: { name: 'Eva Lindqvist' },
    });
    expect(dispensation.rules[0]?.reason).toContain('hiring stop on all orders');

    const again = await as(api.app, eva)
      .post(`/api/orders/${draft.id}/submit`, { version: submitted.version, justification: JUSTIFICATION })
      .expect(409);
    expect((again.body as ErrorBody).message).toBe('Cannot submit the order: it is AWAITING_DISPENSATION');
  });

  it('lets only the right decider decide: never the requester, never another area', async () => {
    const { dispensation } = await submittedOrder('200.00');
    const byRequester = await as(api.app, eva)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(403);
    expect((byRequester.body as ErrorBody).message).toContain('dispensation:decide');
    const otherArea = await as(api.app, per)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(404);
    expect((otherArea.body as ErrorBody).code).toBe('NOT_FOUND');
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
  });

  it('walks the whole way: approve, publish, two bids ranked, award the best, confirm', async () => {
    const { order, dispensation } = await submittedOrder('200.00');
    const approved = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, {
          version: dispensation.version,
          comment: 'Beviljas',
          conditions: 'Uppföljning efter 6 veckor',
          hoursCap: '200.00',
          costCap: '300000.00',
          delegationReference: 'Delegationsordning HSF 4.2',
        })
        .expect(200)
    ).body as DispensationDto;
    expect(approved).toMatchObject({
      status: 'APPROVED',
      hoursCap: '200.00',
      validFrom: order.periodStart,
      validTo: order.periodEnd,
    });
    expect(approved.decisions).toEqual([
      expect.objectContaining({
        step: 1,
        outcome: 'APPROVED',
        decidedBy: expect.objectContaining({ name: 'Maria Nilsson' }),
      }),
    ]);

    let current = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    expect(current.status).toBe('APPROVED');
    current = (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/publish`, { version: current.version })
        .expect(200)
    ).body as OrderDto;
    expect(current.status).toBe('PUBLISHED');

    const partial = (
      await as(api.app, lars)
        .post(
          `/api/orders/${order.id}/bids`,
          aBid(otherSupplier().id, CONSULTANTS[2] as string, {
            consultantName: 'Bo Delvis',
            hoursOffered: '150.00',
          }),
        )
        .expect(201)
    ).body as BidDto;
    const full = (
      await as(api.app, lars)
        .post(
          `/api/orders/${order.id}/bids`,
          aBid(doctorsSupplier().id, CONSULTANTS[3] as string, {
            consultantName: 'Cecilia Hel',
            hoursOffered: '200.00',
            earlierHoursAtUnit: '80',
          }),
        )
        .expect(201)
    ).body as BidDto;
    const ranking = (await as(api.app, eva).get(`/api/orders/${order.id}/bids`).expect(200)).body as BidDto[];
    expect(ranking.map((b) => [b.consultantName, b.ranking.rank])).toEqual([
      ['Cecilia Hel', 1],
      ['Bo Delvis', 2],
    ]);
    expect(ranking[0]?.ranking.reasons[0]).toBe('Covers 100.00 % of the ordered hours (200.00 of 200.00 h)');
    expect(ranking[0]?.consultantIdentityMasked).toBe('1992****-***1');

    current = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    expect(current.status).toBe('BIDS_RECEIVED');
    const wrong = await as(api.app, lars)
      .post(`/api/orders/${order.id}/award`, { version: current.version, bidId: partial.id })
      .expect(409);
    expect((wrong.body as ErrorBody).message).toContain('ranked 2');
    const awarded = (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/award`, { version: current.version, bidId: full.id })
        .expect(200)
    ).body as OrderDto;
    expect(awarded.status).toBe('AWARDED');
    const expectedDeadline = endOfSwedishDay(addWorkingDays(swedishDate(new Date()), 2)).toISOString();
    expect(awarded.confirmationDeadline).toBe(expectedDeadline);

    const confirmed = (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/confirm`, { version: awarded.version })
        .expect(200)
    ).body as OrderDto;
    expect(confirmed.status).toBe('CONFIRMED');
    const bids = (await as(api.app, lars).get(`/api/orders/${order.id}/bids`).expect(200)).body as BidDto[];
    expect(Object.fromEntries(bids.map((b) => [b.consultantName, b.status]))).toEqual({
      'Cecilia Hel': 'CONFIRMED',
      'Bo Delvis': 'NOT_AWARDED',
    });

    const timeline = (await as(api.app, eva).get(`/api/orders/${order.id}/timeline`).expect(200))
      .body as AuditEventDto[];
    expect(timeline.map((e) => e.action)).toEqual([
      'order.create',
      'order.submit',
      'order.await-dispensation',
      'dispensation.submit',
      'dispensation.start-review',
      'order.approve',
      'dispensation.approve',
      'order.publish',
      'bid.register',
      'order.receiveBid',
      'bid.register',
      'bid.award',
      'order.award',
      'bid.confirm',
      'order.confirm',
    ]);
  });

  it('needs the director as a second step above the cost threshold, and someone other than the first', async () => {
    const { order, dispensation } = await submittedOrder('480.00');
    expect(dispensation.stepsRequired).toBe(2);
    const step1 = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
        .expect(200)
    ).body as DispensationDto;
    expect(step1).toMatchObject({ status: 'UNDER_REVIEW', step: 2 });
    const again = await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: step1.version })
      .expect(403);
    expect((again.body as ErrorBody).message).toBe('Step 2 is decided by the health-care director');
    const step2 = (
      await as(api.app, karin)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: step1.version })
        .expect(200)
    ).body as DispensationDto;
    expect(step2.status).toBe('APPROVED');
    expect(step2.decisions.map((d) => [d.step, d.decidedBy.name])).toEqual([
      [1, 'Maria Nilsson'],
      [2, 'Karin Ek'],
    ]);
    expect(
      ((await as(api.app, eva).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto).status,
    ).toBe('APPROVED');
  });

  it('returns for information, takes a resubmission, and rejects; the order is rejected', async () => {
    const { order, dispensation } = await submittedOrder('200.00');
    const noComment = await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/return`, { version: dispensation.version })
      .expect(400);
    expect((noComment.body as ErrorBody).details).toEqual([
      { field: 'comment', message: 'comment is required' },
    ]);
    const returned = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/return`, {
          version: dispensation.version,
          comment: 'Beskriv rekryteringsläget',
        })
        .expect(200)
    ).body as DispensationDto;
    expect(returned.status).toBe('RETURNED');
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: returned.version })
      .expect(409);
    const resubmitted = (
      await as(api.app, eva)
        .post(`/api/dispensations/${dispensation.id}/resubmit`, {
          version: returned.version,
          justification: {
            ...JUSTIFICATION,
            alternativesTried: 'Rekrytering pågår; tjänsten tillsätts tidigast i augusti',
          },
        })
        .expect(200)
    ).body as DispensationDto;
    expect(resubmitted).toMatchObject({ status: 'UNDER_REVIEW', step: 1 });
    const rejected = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/reject`, {
          version: resubmitted.version,
          comment: 'Ej motiverat',
        })
        .expect(200)
    ).body as DispensationDto;
    expect(rejected.status).toBe('REJECTED');
    expect(
      ((await as(api.app, eva).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto).status,
    ).toBe('REJECTED');
    const cancel = await as(api.app, eva)
      .post(`/api/orders/${order.id}/cancel`, { version: 99, reason: 'x' })
      .expect(409);
    expect((cancel.body as ErrorBody).message).toBe('Cannot cancel the order: it is REJECTED');
  });

  it('withdraws before a decision (the order returns to draft) and cancels with the dispensation', async () => {
    const first = await submittedOrder('200.00');
    const withdrawn = (
      await as(api.app, eva)
        .post(`/api/dispensations/${first.dispensation.id}/withdraw`, { version: first.dispensation.version })
        .expect(200)
    ).body as DispensationDto;
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(
      ((await as(api.app, eva).get(`/api/orders/${first.order.id}`).expect(200)).body as OrderDto).status,
    ).toBe('DRAFT');

    const second = await submittedOrder('200.00');
    const cancelled = (
      await as(api.app, eva)
        .post(`/api/orders/${second.order.id}/cancel`, {
          version: second.order.version,
          reason: 'Tillsatt internt',
        })
        .expect(200)
    ).body as OrderDto;
    expect(cancelled.status).toBe('CANCELLED');
    expect(
      (
        (await as(api.app, eva).get(`/api/dispensations/${second.dispensation.id}`).expect(200))
          .body as DispensationDto
      ).status,
    ).toBe('WITHDRAWN');
  });

  it('revokes an approved dispensation; the order not yet started is cancelled', async () => {
    const { order, dispensation } = await submittedOrder('200.00');
    const approved = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
        .expect(200)
    ).body as DispensationDto;
    await as(api.app, eva)
      .post(`/api/dispensations/${dispensation.id}/revoke`, { version: approved.version, comment: 'x' })
      .expect(403);
    const revoked = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/revoke`, {
          version: approved.version,
          comment: 'Budgetläget',
        })
        .expect(200)
    ).body as DispensationDto;
    expect(revoked.status).toBe('REVOKED');
    expect(
      ((await as(api.app, eva).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto).status,
    ).toBe('CANCELLED');
  });

  it('refuses illegal transitions with 409 naming the current state', async () => {
    const draft = (await as(api.app, eva).post('/api/orders', anOrder(norrbole.id).build()).expect(201))
      .body as OrderDto;
    const publish = await as(api.app, lars)
      .post(`/api/orders/${draft.id}/publish`, { version: draft.version })
      .expect(409);
    expect(publish.body).toMatchObject({
      statusCode: 409,
      code: 'INVALID_STATE',
      message: 'Cannot publish the order: it is DRAFT',
    });
    const award = await as(api.app, lars)
      .post(`/api/orders/${draft.id}/award`, { version: draft.version, bidId: draft.id })
      .expect(404);
    expect((award.body as ErrorBody).code).toBe('NOT_FOUND');
    const bid = await as(api.app, lars)
      .post(`/api/orders/${draft.id}/bids`, aBid(doctorsSupplier().id, CONSULTANTS[0] as string))
      .expect(409);
    expect((bid.body as ErrorBody).message).toBe('Cannot receiveBid the order: it is DRAFT');
    const stale = await as(api.app, eva)
      .patch(`/api/orders/${draft.id}`, { ...anOrder(norrbole.id).build(), version: draft.version + 5 })
      .expect(409);
    expect((stale.body as ErrorBody).code).toBe('CONFLICT');
  });

  it('keeps a consultant in karens out of the ranking and the award', async () => {
    const { dispensation, order } = await submittedOrder('200.00');
    const approved = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
        .expect(200)
    ).body as DispensationDto;
    expect(approved.status).toBe('APPROVED');
    await as(api.app, lars)
      .post('/api/agreement/former-employees', {
        identityNumber: CONSULTANTS[4],
        employmentEndedOn: swedishDate(new Date()),
      })
      .expect(201);
    let current = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    current = (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/publish`, { version: current.version })
        .expect(200)
    ).body as OrderDto;
    const karens = (
      await as(api.app, lars)
        .post(
          `/api/orders/${order.id}/bids`,
          aBid(doctorsSupplier().id, CONSULTANTS[4] as string, { consultantName: 'Före Detta' }),
        )
        .expect(201)
    ).body as BidDto;
    expect(karens.ranking).toMatchObject({ rank: null, eligible: false });
    expect(karens.ranking.problems[0]).toMatch(/^The consultant was employed by the region until/);
    current = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    const refused = await as(api.app, lars)
      .post(`/api/orders/${order.id}/award`, { version: current.version, bidId: karens.id })
      .expect(409);
    expect((refused.body as ErrorBody).message).toMatch(
      /^The bid is not eligible: The consultant was employed/,
    );
  });

  it('shows each user only the orders of their scope', async () => {
    const { order } = await submittedOrder('200.00');
    await as(api.app, johan).get(`/api/orders/${order.id}`).expect(404);
    const johansList = (await as(api.app, johan).get('/api/orders').expect(200)).body as {
      items: OrderDto[];
    };
    expect(johansList.items.some((o) => o.id === order.id)).toBe(false);
    const evasList = (await as(api.app, eva).get('/api/orders?status=AWAITING_DISPENSATION').expect(200))
      .body as { items: OrderDto[]; total: number };
    expect(
      evasList.items.every((o) => o.unit.id === norrbole.id && o.status === 'AWAITING_DISPENSATION'),
    ).toBe(true);
    const steering = await loginAs(api.app, DEMO.steeringGroup);
    const all = (await as(api.app, steering).get(`/api/orders?q=${order.reference}`).expect(200)).body as {
      items: OrderDto[];
    };
    expect(all.items.map((o) => o.id)).toEqual([order.id]);
    await as(api.app, steering)
      .post(`/api/orders/${order.id}/cancel`, { version: 1, reason: 'x' })
      .expect(403);
    const inbox = (await as(api.app, maria).get('/api/dispensations?waitingForMe=true').expect(200)).body as {
      items: DispensationDto[];
    };
    expect(inbox.items.length).toBeGreaterThan(0);
    expect(
      inbox.items.every((d) => d.status === 'UNDER_REVIEW' && d.unit.areaName === 'NSO Skellefteå'),
    ).toBe(true);
  });
});
