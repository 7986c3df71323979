import type { DispensationDto, ErrorBody, OrderDto, UnitDto } from '@hyrkoll/contracts';
import { addWorkingDays, swedishDate } from '@hyrkoll/domain';

import { aBid, anOrder, CONSULTANTS, daysFromToday, JUSTIFICATION } from './support/builders';
import { as, TestSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { startWorkflowWorld, WorkflowWorld } from './support/workflow-world';

describe('orders: estimate, drafts, illegal changes and scope', () => {
  let api: TestApp;
  let eva: TestSession;
  let maria: TestSession;
  let lars: TestSession;
  let johan: TestSession;
  let sofia: TestSession;
  let norrbole: UnitDto;
  let world: WorkflowWorld;
  const doctorsSupplier = () => world.supplier('Norrlandsbemanning AB');
  const submittedOrder = (hours?: string) => world.submittedOrder(hours);

  beforeAll(async () => {
    world = await startWorkflowWorld();
    ({ api, eva, maria, lars, johan, sofia, norrbole } = world);
  });

  afterAll(() => api.close());

  it('estimates the cost from the zone tariff and says a dispensation is needed, before saving', async () => {
    const res = await as(api.app, eva).post('/api/orders/estimate', anOrder(norrbole.id).build()).expect(200);
    expect(res.body.priceZone).toBe(2); // Norrböle's municipality is in zone 2
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
      {
        field: 'justification',
        code: 'justificationNeeded',
        params: { rules: ['HIRING_STOP'] },
        message: expect.stringContaining('HIRING_STOP'),
      },
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
      requestedBy: { name: 'Eva' },
    });
    expect(dispensation.rules[0]?.reason).toContain('hiring stop on all orders');

    const again = await as(api.app, eva)
      .post(`/api/orders/${draft.id}/submit`, { version: submitted.version, justification: JUSTIFICATION })
      .expect(409);
    expect((again.body as ErrorBody).message).toBe('Cannot submit the order: it is AWAITING_DISPENSATION');
  });

  it('refuses a period starting before today or over two years ahead at create, update and submit', async () => {
    const today = swedishDate(new Date());
    const field = (res: { body: unknown }) =>
      ((res.body as ErrorBody).details as { field: string }[] | undefined)?.map((d) => d.field);
    for (const [start, end] of [
      ['2020-01-01', '2020-03-01'],
      [daysFromToday(-1), daysFromToday(30)],
      ['9999-12-31', '9999-12-31'],
      [daysFromToday(800), daysFromToday(830)],
    ] as const) {
      const body = { ...anOrder(norrbole.id).build(), periodStart: start, periodEnd: end };
      const res = await as(api.app, eva).post('/api/orders', body).expect(400);
      expect(field(res)).toEqual(['periodStart']);
    }
    const draft = (
      await as(api.app, eva)
        .post('/api/orders', {
          ...anOrder(norrbole.id).build(),
          periodStart: today,
          periodEnd: daysFromToday(30),
        })
        .expect(201)
    ).body as OrderDto;
    const change = {
      ...anOrder(norrbole.id).build(),
      periodStart: daysFromToday(-1),
      version: draft.version,
    };
    expect(field(await as(api.app, eva).patch(`/api/orders/${draft.id}`, change).expect(400))).toEqual([
      'periodStart',
    ]);
    // a draft left until its first day has passed cannot be submitted
    await api.dataSource.query(`UPDATE orders SET period_start = $2 WHERE id = $1`, [
      draft.id,
      daysFromToday(-1),
    ]);
    const submit = await as(api.app, eva)
      .post(`/api/orders/${draft.id}/submit`, { version: draft.version, justification: JUSTIFICATION })
      .expect(400);
    expect(field(submit)).toEqual(['periodStart']);
    const [row] = await api.dataSource.query(`SELECT status FROM orders WHERE id = $1`, [draft.id]);
    expect(row.status).toBe('DRAFT');
  });

  it('changes a draft only as a manager of its unit and only while it is a draft (409 naming the state)', async () => {
    const draft = (await as(api.app, eva).post('/api/orders', anOrder(norrbole.id).build()).expect(201))
      .body as OrderDto;
    const change = (version: number) => ({ ...anOrder(norrbole.id).withHours('123.50').build(), version });
    // the purchaser may read the order but not change it; another unit's manager does not see it
    await as(api.app, lars).patch(`/api/orders/${draft.id}`, change(draft.version)).expect(403);
    await as(api.app, johan).patch(`/api/orders/${draft.id}`, change(draft.version)).expect(404);
    // nor may the draft be moved to a unit outside the manager's units
    const storuman = (await as(api.app, johan).get('/api/org/units?area=NSO-SLA').expect(200))
      .body as UnitDto[];
    const outside = await as(api.app, eva)
      .patch(`/api/orders/${draft.id}`, { ...change(draft.version), unitId: storuman[0]?.id })
      .expect(403);
    expect((outside.body as ErrorBody).code).toBe('UNIT_NOT_YOURS');
    expect((outside.body as ErrorBody).details).toEqual([
      { field: 'unitId', code: 'notYours', message: expect.any(String) },
    ]);

    const changed = (
      await as(api.app, eva).patch(`/api/orders/${draft.id}`, change(draft.version)).expect(200)
    ).body as OrderDto;
    expect(changed).toMatchObject({ status: 'DRAFT', hours: '123.50', version: draft.version + 1 });

    const submitted = (
      await as(api.app, eva)
        .post(`/api/orders/${draft.id}/submit`, { version: changed.version, justification: JUSTIFICATION })
        .expect(200)
    ).body as OrderDto;
    const late = await as(api.app, eva)
      .patch(`/api/orders/${draft.id}`, change(submitted.version))
      .expect(409);
    expect(late.body).toMatchObject({
      code: 'ORDER_WRONG_STATE',
      params: { currentStatus: 'AWAITING_DISPENSATION' },
      message: 'Cannot change the order: it is AWAITING_DISPENSATION',
    });
    expect(((await as(api.app, eva).get(`/api/orders/${draft.id}`).expect(200)).body as OrderDto).hours).toBe(
      '123.50',
    );
  });

  it('says who decides a submitted order and on which day they are reminded', async () => {
    const { policy } = (
      await as(api.app, world.region.sessions['Anders'] as TestSession)
        .get('/api/policy')
        .expect(200)
    ).body as { policy: { reminderAfterWorkingDays: number } };
    const remindOn = addWorkingDays(swedishDate(new Date()), policy.reminderAfterWorkingDays);
    const draft = (
      await as(api.app, eva).post('/api/orders', anOrder(norrbole.id).withHours('480.00').build()).expect(201)
    ).body as OrderDto;
    expect(draft.waitingFor).toBeUndefined();
    const submitted = (
      await as(api.app, eva)
        .post(`/api/orders/${draft.id}/submit`, { version: draft.version, justification: JUSTIFICATION })
        .expect(200)
    ).body as OrderDto;
    const stepOne = {
      step: 1,
      stepsRequired: 2,
      deciderRole: 'AREA_CHIEF',
      deciders: ['Maria'],
      areaName: 'Område NSO-SKE',
      remindOn,
    };
    expect(submitted.waitingFor).toEqual(stepOne);
    expect((await as(api.app, lars).get(`/api/orders/${draft.id}`).expect(200)).body.waitingFor).toEqual(
      stepOne,
    );

    // after the area chief's approval the director decides step 2
    const dispensation = (
      await as(api.app, maria).get(`/api/dispensations/${submitted.dispensationId}`).expect(200)
    ).body as DispensationDto;
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
    const after = (await as(api.app, eva).get(`/api/orders/${draft.id}`).expect(200)).body as OrderDto;
    expect(after.waitingFor).toMatchObject({
      step: 2,
      deciderRole: 'HEALTHCARE_DIRECTOR',
      deciders: ['Karin'],
    });
  });

  it('refuses illegal transitions with 409 naming the current state', async () => {
    const draft = (await as(api.app, eva).post('/api/orders', anOrder(norrbole.id).build()).expect(201))
      .body as OrderDto;
    const publish = await as(api.app, lars)
      .post(`/api/orders/${draft.id}/publish`, { version: draft.version })
      .expect(409);
    expect(publish.body).toMatchObject({
      statusCode: 409,
      code: 'ORDER_WRONG_STATE',
      params: { action: 'publish', currentStatus: 'DRAFT', version: draft.version },
      message: 'Cannot publish the order: it is DRAFT',
    });
    const award = await as(api.app, lars)
      .post(`/api/orders/${draft.id}/award`, { version: draft.version, bidId: draft.id })
      .expect(409);
    expect((award.body as ErrorBody).message).toBe('Cannot award the order: it is DRAFT');
    const bid = await as(api.app, lars)
      .post(`/api/orders/${draft.id}/bids`, aBid(doctorsSupplier().id, CONSULTANTS[0] as string))
      .expect(409);
    expect((bid.body as ErrorBody).message).toBe('Cannot register a bid on the order: it is DRAFT');
    const stale = await as(api.app, eva)
      .patch(`/api/orders/${draft.id}`, { ...anOrder(norrbole.id).build(), version: draft.version + 5 })
      .expect(409);
    expect((stale.body as ErrorBody).code).toBe('STALE_VERSION');
  });

  it('pages the list newest first, with the total on every page and past the last one', async () => {
    for (const hours of ['10.00', '11.00', '12.00']) await submittedOrder(hours);
    const pageOf = async (page: number) =>
      (await as(api.app, eva).get(`/api/orders?unitId=${norrbole.id}&pageSize=2&page=${page}`).expect(200))
        .body as { items: OrderDto[]; total: number; page: number; pageSize: number };
    const first = await pageOf(1);
    expect(first.total).toBeGreaterThanOrEqual(3);
    const pages = Math.ceil(first.total / 2);
    const items = [...first.items];
    for (let page = 2; page <= pages; page++) {
      const next = await pageOf(page);
      expect(next.total).toBe(first.total);
      items.push(...next.items);
    }
    expect(new Set(items.map((o) => o.id)).size).toBe(first.total);
    expect(items.every((o) => o.unit.id === norrbole.id)).toBe(true);
    const created = items.map((o) => o.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(items.slice(0, 3).map((o) => o.hours)).toEqual(['12.00', '11.00', '10.00']);
    expect(await pageOf(pages + 1)).toEqual({ items: [], total: first.total, page: pages + 1, pageSize: 2 });
  });

  it('refuses an order for a unit outside your units with 403 naming unitId, not "order not found"', async () => {
    for (const path of ['/api/orders', '/api/orders/estimate']) {
      const res = await as(api.app, johan).post(path, anOrder(norrbole.id).build()).expect(403);
      expect(res.body).toMatchObject({
        code: 'UNIT_NOT_YOURS',
        message: `You may not order for the unit ${norrbole.id}`,
        details: [{ field: 'unitId', code: 'notYours', message: 'not one of the units you order for' }],
      });
    }
  });

  it('reports no booked hours as 0.00, in the scale of every other amount', async () => {
    const { order } = await submittedOrder('200.00');
    const booked = (await as(api.app, eva).get(`/api/orders/${order.id}/hours`).expect(200)).body as {
      totalHours: string;
      totalCostSek: string;
      months: unknown[];
    };
    expect(booked).toMatchObject({ totalHours: '0.00', totalCostSek: '0.00', months: [] });
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
    const all = (await as(api.app, sofia).get(`/api/orders?q=${order.reference}`).expect(200)).body as {
      items: OrderDto[];
    };
    expect(all.items.map((o) => o.id)).toEqual([order.id]);
    await as(api.app, sofia).post(`/api/orders/${order.id}/cancel`, { version: 1, reason: 'x' }).expect(403);
    const inbox = (await as(api.app, maria).get('/api/dispensations?waitingForMe=true').expect(200)).body as {
      items: DispensationDto[];
    };
    expect(inbox.items.length).toBeGreaterThan(0);
    expect(
      inbox.items.every((d) => d.status === 'UNDER_REVIEW' && d.unit.areaName === 'Område NSO-SKE'),
    ).toBe(true);
  });
});
