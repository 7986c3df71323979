import type {
  AuditEventDto,
  DispensationDto,
  DispensationListItem,
  ErrorBody,
  ListPage,
  OrderDto,
  PublishManyResult,
  UnitDto,
  WaitingCounts,
} from '@hyrkoll/contracts';

import { anOrder } from './support/builders';
import { newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { submitOrder } from './support/workflow';
import { startWorkflowWorld, WorkflowWorld } from './support/workflow-world';

/**
 * The orders' and the dispensations' lists (paging, sorting, filters, scope, bad parameters), the
 * publishing of several orders at once and the counts of what waits for a user.
 */
describe('lists: paging, sorting, filters, bulk publish and waiting counts', () => {
  let world: WorkflowWorld;
  let api: TestApp;
  let eva: TestSession;
  let maria: TestSession;
  let per: TestSession;
  let lars: TestSession;
  let johan: TestSession;
  let norrbole: UnitDto;
  /** Eva's five orders for Norrböle (100, 110, … 140 h) and Johan's one for Storuman, all submitted. */
  const ske: { order: OrderDto; dispensation: DispensationDto }[] = [];
  let sla: { order: OrderDto; dispensation: DispensationDto };
  let otherRegionOrder: OrderDto;

  const orders = (session: TestSession, query: string) =>
    as(api.app, session).get(`/api/orders?${query}`).expect(200);
  const dispensations = (session: TestSession, query: string) =>
    as(api.app, session).get(`/api/dispensations?${query}`).expect(200);
  const waiting = async (session: TestSession) =>
    (await as(api.app, session).get('/api/me/waiting').expect(200)).body as WaitingCounts;

  beforeAll(async () => {
    world = await startWorkflowWorld();
    ({ api, eva, maria, per, lars, johan, norrbole } = world);
    for (const hours of ['100.00', '110.00', '120.00', '130.00', '140.00'])
      ske.push(await submitOrder(api.app, eva, anOrder(norrbole.id).withHours(hours).build()));
    const storuman = world.region.unitIds['130102'] as string;
    sla = await submitOrder(
      api.app,
      johan,
      anOrder(storuman).withHours('100.00').withPeriod(200, 240).build(),
    );
    const other = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-LULEA'],
      units: [{ costCentre: '910101', area: 'NSO-LULEA' }],
      users: { OtherManager: [{ role: 'UNIT_MANAGER', unit: '910101' }] },
    });
    otherRegionOrder = (
      await as(api.app, other.sessions['OtherManager'] as TestSession)
        .post('/api/orders', anOrder(other.unitIds['910101'] as string).build())
        .expect(201)
    ).body as OrderDto;
  });

  afterAll(() => api.close());

  it('pages the orders with the total, in a stable order, and only within scope', async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3, 4]) {
      const body = (await orders(lars, `page=${page}&pageSize=2`)).body as ListPage<OrderDto>;
      expect(body).toMatchObject({ total: 6, page, pageSize: 2 });
      expect(body.items).toHaveLength(page <= 3 ? 2 : 0);
      seen.push(...body.items.map((o) => o.id));
    }
    expect(new Set(seen).size).toBe(6);

    const evas = (await orders(eva, 'pageSize=100')).body as ListPage<OrderDto>;
    expect(evas.total).toBe(5);
    expect(evas.items.every((o) => o.unitId === norrbole.id)).toBe(true);
    const johans = (await orders(johan, '')).body as ListPage<OrderDto>;
    expect(johans.items.map((o) => o.id)).toEqual([sla.order.id]);
  });

  it('sorts the orders by a whitelisted column either way, ties broken by id', async () => {
    const asc = (await orders(lars, 'sort=hours&dir=asc')).body as ListPage<OrderDto>;
    expect(asc.items.map((o) => o.hours)).toEqual([
      '100.00',
      '100.00',
      '110.00',
      '120.00',
      '130.00',
      '140.00',
    ]);
    const [first, second] = asc.items;
    expect((first as OrderDto).id < (second as OrderDto).id).toBe(true);
    const desc = (await orders(lars, 'sort=hours&dir=desc')).body as ListPage<OrderDto>;
    expect(desc.items.map((o) => o.hours).slice(0, 2)).toEqual(['140.00', '130.00']);
    const byUnit = (await orders(lars, 'sort=unit&dir=asc')).body as ListPage<OrderDto>;
    const names = byUnit.items.map((o) => o.unit.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'sv')));
  });

  it('combines the orders’ filters: status, area, unit, profession, period and text', async () => {
    const areaId = (ske[0] as { order: OrderDto }).order.unit.areaId;
    const inArea = (await orders(lars, `status=AWAITING_DISPENSATION&areaId=${areaId}`))
      .body as ListPage<OrderDto>;
    expect(inArea.total).toBe(5);
    const target = (ske[2] as { order: OrderDto }).order;
    const one = (
      await orders(lars, `status=AWAITING_DISPENSATION&areaId=${areaId}&q=${target.reference.slice(-6)}`)
    ).body as ListPage<OrderDto>;
    expect(one.items.map((o) => o.id)).toEqual([target.id]);
    const byUnitText = (
      await orders(lars, `q=${encodeURIComponent(norrbole.name.slice(0, 6))}&unitId=${norrbole.id}`)
    ).body as ListPage<OrderDto>;
    expect(byUnitText.total).toBe(5);
    expect(((await orders(lars, 'profession=SJUKSKOTERSKA')).body as ListPage<OrderDto>).total).toBe(0);
    expect(((await orders(lars, 'q=lakare')).body as ListPage<OrderDto>).total).toBe(6);
    // Storuman's order runs from day 200, the others end by day 173
    const late = (await orders(lars, `from=${sla.order.periodStart}`)).body as ListPage<OrderDto>;
    expect(late.items.map((o) => o.id)).toEqual([sla.order.id]);
    const early = (await orders(lars, `to=${target.periodEnd}`)).body as ListPage<OrderDto>;
    expect(early.total).toBe(5);
  });

  it('refuses bad list parameters with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['pageSize=101', 'pageSize'],
      ['page=0', 'page'],
      ['sort=password_hash', 'sort'],
      ['dir=up', 'dir'],
      ['from=2025-13-01', 'from'],
      ['status=LOST', 'status'],
      ['unitId=norrbole', 'unitId'],
    ] as const) {
      const res = await as(api.app, lars).get(`/api/orders?${query}`).expect(400);
      expect((res.body as ErrorBody).details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    }
    for (const [query, field] of [
      ['pageSize=500', 'pageSize'],
      ['sort=1;DROP', 'sort'],
      ['waitingForMe=perhaps', 'waitingForMe'],
      ['areaId=x', 'areaId'],
    ] as const) {
      const res = await as(api.app, maria).get(`/api/dispensations?${query}`).expect(400);
      expect((res.body as ErrorBody).details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    }
    // a whole number is plain decimal digits: no exponent, no hexadecimal, no spaces
    for (const query of ['page=1e3', 'page=0x2', 'pageSize=1e2', 'page=%202', 'page=1.0']) {
      const res = await as(api.app, lars).get(`/api/orders?${query}`).expect(400);
      const field = query.slice(0, query.indexOf('='));
      expect((res.body as ErrorBody).details).toEqual([
        expect.objectContaining({ field, code: 'wholeNumber' }),
      ]);
    }
    // the values a flag allows, each once
    const flag = await as(api.app, maria).get('/api/dispensations?waitingForMe=1').expect(400);
    expect((flag.body as ErrorBody).details).toEqual([
      expect.objectContaining({
        field: 'waitingForMe',
        code: 'oneOf',
        params: { allowed: ['true', 'false'] },
      }),
    ]);
  });

  it('pages, sorts and filters the dispensations within scope, and counts what waits for whom', async () => {
    const mine = (await dispensations(maria, 'waitingForMe=true&pageSize=2&page=3'))
      .body as ListPage<DispensationListItem>;
    expect(mine).toMatchObject({ total: 5, page: 3, pageSize: 2 });
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ profession: 'LAKARE', mayDecide: true });

    const all = (await dispensations(lars, 'pageSize=4')).body as ListPage<DispensationListItem>;
    expect(all.total).toBe(6);
    expect(all.items).toHaveLength(4);
    const past = (await dispensations(lars, 'pageSize=4&page=9')).body as ListPage<DispensationListItem>;
    expect(past).toMatchObject({ total: 6, items: [] });

    const byCost = (await dispensations(lars, 'sort=estimate&dir=asc'))
      .body as ListPage<DispensationListItem>;
    const costs = byCost.items.map((d) => Number(d.estimatedCost));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));

    const perSees = (await dispensations(per, '')).body as ListPage<DispensationListItem>;
    expect(perSees.items.map((d) => d.id)).toEqual([sla.dispensation.id]);
    const target = ske[1] as { order: OrderDto; dispensation: DispensationDto };
    const found = (
      await dispensations(
        lars,
        `status=UNDER_REVIEW&areaId=${target.order.unit.areaId}&unitId=${norrbole.id}&q=${target.order.reference}`,
      )
    ).body as ListPage<DispensationListItem>;
    expect(found.items.map((d) => d.id)).toEqual([target.dispensation.id]);

    expect(await waiting(maria)).toEqual({ dispensationsToDecide: 5, ordersToPublish: 0, ordersWithBids: 0 });
    expect((await waiting(per)).dispensationsToDecide).toBe(1);
    expect((await waiting(eva)).dispensationsToDecide).toBe(0); // the requester never decides
  });

  it('publishes several approved orders, each on its own, refusing one in another state and one outside scope', async () => {
    const [a, b, c] = ske as [
      { order: OrderDto; dispensation: DispensationDto },
      { order: OrderDto; dispensation: DispensationDto },
      { order: OrderDto; dispensation: DispensationDto },
    ];
    for (const { dispensation } of [a, b])
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
        .expect(200);
    expect(await waiting(maria)).toMatchObject({ dispensationsToDecide: 3 });
    expect(await waiting(lars)).toMatchObject({ ordersToPublish: 2, ordersWithBids: 0 });

    const approved = (await orders(lars, 'status=APPROVED')).body as ListPage<OrderDto>;
    expect(approved.total).toBe(2);
    const version = (id: string) => (approved.items.find((o) => o.id === id) as OrderDto).version;
    const result = (
      await as(api.app, lars)
        .post('/api/orders/publish-many', {
          orders: [
            { id: a.order.id, version: version(a.order.id) },
            { id: c.order.id, version: c.order.version },
            { id: otherRegionOrder.id, version: otherRegionOrder.version },
            { id: b.order.id, version: version(b.order.id) },
          ],
        })
        .expect(200)
    ).body as PublishManyResult;
    expect(result).toEqual({
      published: 2,
      refused: 2,
      results: [
        { id: a.order.id, reference: a.order.reference, published: true, status: 'PUBLISHED' },
        {
          id: c.order.id,
          reference: c.order.reference,
          published: false,
          code: 'ORDER_WRONG_STATE',
          params: { action: 'publish', currentStatus: 'AWAITING_DISPENSATION', version: expect.any(Number) },
          message: expect.stringContaining('AWAITING_DISPENSATION'),
          status: 'AWAITING_DISPENSATION',
        },
        {
          id: otherRegionOrder.id,
          reference: null,
          published: false,
          code: 'NOT_FOUND',
          params: { entity: 'order' },
          message: expect.any(String),
          status: null,
        },
        { id: b.order.id, reference: b.order.reference, published: true, status: 'PUBLISHED' },
      ],
    });
    const timeline = (await as(api.app, lars).get(`/api/orders/${a.order.id}/timeline`).expect(200))
      .body as AuditEventDto[];
    expect(timeline.filter((e) => e.action === 'order.publish')).toHaveLength(1);
    expect(await waiting(lars)).toMatchObject({ ordersToPublish: 0 });

    // only a purchaser publishes; a body without orders names the field
    await as(api.app, eva)
      .post('/api/orders/publish-many', { orders: [{ id: a.order.id, version: 1 }] })
      .expect(403);
    const empty = await as(api.app, lars).post('/api/orders/publish-many', { orders: [] }).expect(400);
    expect((empty.body as ErrorBody).details).toEqual([expect.objectContaining({ field: 'orders' })]);
  });
});
