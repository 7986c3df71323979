import type {
  AuditEventDto,
  BidDto,
  BidInput,
  DispensationDto,
  ErrorBody,
  OrderDto,
} from '@hyrkoll/contracts';
import { addDays, addWorkingDays, endOfSwedishDay, swedishDate } from '@hyrkoll/domain';

import { aBid, CONSULTANTS } from './support/builders';
import { as, TestSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { startWorkflowWorld, WorkflowWorld } from './support/workflow-world';

describe('procurement: publish, ranked bids, award, confirmation, karens', () => {
  let api: TestApp;
  let eva: TestSession;
  let maria: TestSession;
  let lars: TestSession;
  let world: WorkflowWorld;
  const doctorsSupplier = () => world.supplier('Norrlandsbemanning AB');
  const otherSupplier = () => world.supplier('Stafettläkarna i Norr AB');
  const submittedOrder = (hours?: string) => world.submittedOrder(hours);

  beforeAll(async () => {
    world = await startWorkflowWorld();
    ({ api, eva, maria, lars } = world);
  });

  afterAll(() => api.close());

  /** An order of `hours` hours approved and published, ready for bids. */
  async function publishedOrder(hours: string): Promise<OrderDto> {
    const { dispensation, order } = await submittedOrder(hours);
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
    const current = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    return (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/publish`, { version: current.version })
        .expect(200)
    ).body as OrderDto;
  }

  const fields = (res: { body: unknown }) =>
    ((res.body as ErrorBody).details as { field: string }[] | undefined)?.map((d) => d.field);

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
        decidedBy: expect.objectContaining({ name: 'Maria' }),
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
    expect(ranking[0]?.consultantIdentityMasked).toBe('********-**91');

    current = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    expect(current.status).toBe('BIDS_RECEIVED');
    const wrong = await as(api.app, lars)
      .post(`/api/orders/${order.id}/award`, { version: current.version, bidId: partial.id })
      .expect(409);
    expect((wrong.body as ErrorBody).message).toContain('ranked 2');
    expect(wrong.body).toMatchObject({ code: 'BID_NOT_BEST_RANKED', params: { rank: 2 } });
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
    // the steps the rules take on their own are the system's, not Eva's or Maria's
    const byAction = new Map(timeline.map((e) => [e.action, e.actor]));
    expect(byAction.get('order.submit')?.userId).toBe(eva.me.id);
    for (const automatic of ['order.await-dispensation', 'dispensation.start-review']) {
      expect({ automatic, userId: byAction.get(automatic)?.userId }).toEqual({ automatic, userId: null });
    }
  });

  it('cancels the winning bid and the others with a confirmed order, in the audit trail too', async () => {
    const { dispensation, order } = await submittedOrder('200.00');
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
    let current = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    current = (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/publish`, { version: current.version })
        .expect(200)
    ).body as OrderDto;
    const winner = (
      await as(api.app, lars)
        .post(
          `/api/orders/${order.id}/bids`,
          aBid(doctorsSupplier().id, CONSULTANTS[0] as string, { hoursOffered: '200.00' }),
        )
        .expect(201)
    ).body as BidDto;
    await as(api.app, lars)
      .post(
        `/api/orders/${order.id}/bids`,
        aBid(otherSupplier().id, CONSULTANTS[1] as string, { hoursOffered: '100.00' }),
      )
      .expect(201);
    current = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    current = (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/award`, { version: current.version, bidId: winner.id })
        .expect(200)
    ).body as OrderDto;
    current = (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/confirm`, { version: current.version })
        .expect(200)
    ).body as OrderDto;
    expect(current.status).toBe('CONFIRMED');
    await as(api.app, eva)
      .post(`/api/orders/${order.id}/cancel`, { version: current.version, reason: 'Tjänsten tillsatt' })
      .expect(200);
    const bids = (await as(api.app, lars).get(`/api/orders/${order.id}/bids`).expect(200)).body as BidDto[];
    expect(bids.map((b) => b.status)).toEqual(['CANCELLED', 'NOT_AWARDED']);
    const trail = (await as(api.app, eva).get(`/api/orders/${order.id}/timeline`).expect(200))
      .body as AuditEventDto[];
    expect(trail.slice(-2).map((e) => e.action)).toEqual(['bid.cancel', 'order.cancel']);
  });

  it('refuses a bid with a date in the future, a certificate before the licence or a licence before 18', async () => {
    const order = await publishedOrder('200.00');
    const today = swedishDate(new Date());
    const tomorrow = addDays(today, 1);
    const bid = (change: Partial<BidInput>) =>
      as(api.app, lars).post(
        `/api/orders/${order.id}/bids`,
        aBid(doctorsSupplier().id, CONSULTANTS[0] as string, change),
      );
    for (const field of [
      'licensedOn',
      'specialistCertifiedOn',
      'ivoExtractOn',
      'hospExtractOn',
      'cprTrainingOn',
    ]) {
      for (const day of [tomorrow, '9999-12-31']) {
        const res = await bid({ [field]: day }).expect(400);
        expect(fields(res)).toEqual([field]);
        expect((res.body as ErrorBody).details).toEqual([
          { field, code: 'futureDate', message: `${field} must not be in the future (after ${today})` },
        ]);
      }
    }
    expect(fields(await bid({ specialistCertifiedOn: '2012-05-31' }).expect(400))).toEqual([
      'specialistCertifiedOn',
    ]);
    // CONSULTANTS[0] was born on 1981-12-18
    const young = await bid({ licensedOn: '1999-12-17', specialistCertifiedOn: '2005-01-01' }).expect(400);
    expect((young.body as ErrorBody).details).toEqual([
      {
        field: 'licensedOn',
        code: 'beforeAdult',
        params: { limit: '1999-12-18' },
        message: expect.stringContaining('turned 18 (1999-12-18)'),
      },
    ]);
    // nothing was written, and a bid whose dates are today is taken
    expect((await as(api.app, lars).get(`/api/orders/${order.id}/bids`).expect(200)).body).toEqual([]);
    await bid({ ivoExtractOn: today, hospExtractOn: today, cprTrainingOn: today }).expect(201);
  });

  it("refuses a bid offering more hours than the order's, naming hoursOffered", async () => {
    const order = await publishedOrder('100.00');
    const bid = (hoursOffered: string) =>
      as(api.app, lars).post(
        `/api/orders/${order.id}/bids`,
        aBid(doctorsSupplier().id, CONSULTANTS[1] as string, { hoursOffered }),
      );
    for (const hours of ['20000.00', '100.01']) {
      const res = await bid(hours).expect(400);
      expect((res.body as ErrorBody).details).toEqual([
        {
          field: 'hoursOffered',
          code: 'max',
          params: { max: '100.00' },
          message: "hoursOffered must not exceed the order's 100.00 hours",
        },
      ]);
    }
    expect((await as(api.app, lars).get(`/api/orders/${order.id}/bids`).expect(200)).body).toEqual([]);
    expect(((await bid('100.00').expect(201)).body as BidDto).hoursOffered).toBe('100.00');
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
    expect(karens.ranking.problems).toEqual([
      {
        code: 'KARENS',
        message: expect.stringMatching(/^The consultant was employed by the region until/),
        params: expect.objectContaining({
          employmentEndedOn: expect.any(String),
          karensUntil: expect.any(String),
        }),
      },
    ]);
    current = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    const refused = await as(api.app, lars)
      .post(`/api/orders/${order.id}/award`, { version: current.version, bidId: karens.id })
      .expect(409);
    expect((refused.body as ErrorBody).message).toMatch(
      /^The bid is not eligible: The consultant was employed/,
    );
    expect(refused.body).toMatchObject({
      code: 'BID_KARENS',
      params: { problems: expect.arrayContaining(['KARENS']) },
    });
  });
});
