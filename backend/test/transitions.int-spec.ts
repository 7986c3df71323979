import type { DispensationDto, ErrorBody, OrderDto, UnitDto } from '@hyrkoll/contracts';

import { anOrder, JUSTIFICATION } from './support/builders';
import { as, TestSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { startWorkflowWorld } from './support/workflow-world';

/** Every action on an order or a dispensation in a state that does not allow it: 409 naming the state. */
describe('illegal transitions', () => {
  let api: TestApp;
  let eva: TestSession;
  let maria: TestSession;
  let lars: TestSession;
  let unit: UnitDto;

  beforeAll(async () => {
    ({ api, eva, maria, lars, norrbole: unit } = await startWorkflowWorld());
  });

  afterAll(() => api.close());

  const ORDER_ACTIONS: {
    action: string;
    by: () => TestSession;
    body: (o: OrderDto) => object;
    allowedFrom: string[];
  }[] = [
    {
      action: 'submit',
      by: () => eva,
      body: (o) => ({ version: o.version, justification: JUSTIFICATION }),
      allowedFrom: ['DRAFT'],
    },
    {
      action: 'publish',
      by: () => lars,
      body: (o) => ({ version: o.version }),
      allowedFrom: ['APPROVED', 'UNFILLED'],
    },
    {
      action: 'unfilled',
      by: () => lars,
      body: (o) => ({ version: o.version }),
      allowedFrom: ['PUBLISHED', 'BIDS_RECEIVED'],
    },
    { action: 'confirm', by: () => lars, body: (o) => ({ version: o.version }), allowedFrom: ['AWARDED'] },
    { action: 'close', by: () => lars, body: (o) => ({ version: o.version }), allowedFrom: ['COMPLETED'] },
    {
      action: 'cancel',
      by: () => eva,
      body: (o) => ({ version: o.version, reason: 'test' }),
      allowedFrom: ['DRAFT', 'AWAITING_DISPENSATION', 'APPROVED', 'PUBLISHED', 'UNFILLED'],
    },
  ];

  async function orderIn(
    status: 'DRAFT' | 'AWAITING_DISPENSATION' | 'APPROVED' | 'PUBLISHED' | 'UNFILLED' | 'CANCELLED',
  ): Promise<OrderDto> {
    let order = (
      await as(api.app, eva).post('/api/orders', anOrder(unit.id).withHours('100.00').build()).expect(201)
    ).body as OrderDto;
    if (status === 'DRAFT') return order;
    if (status === 'CANCELLED')
      return (
        await as(api.app, eva)
          .post(`/api/orders/${order.id}/cancel`, { version: order.version, reason: 'x' })
          .expect(200)
      ).body as OrderDto;
    order = (
      await as(api.app, eva)
        .post(`/api/orders/${order.id}/submit`, { version: order.version, justification: JUSTIFICATION })
        .expect(200)
    ).body as OrderDto;
    if (status === 'AWAITING_DISPENSATION') return order;
    const d = (await as(api.app, maria).get(`/api/dispensations/${order.dispensationId}`).expect(200))
      .body as DispensationDto;
    await as(api.app, maria).post(`/api/dispensations/${d.id}/approve`, { version: d.version }).expect(200);
    order = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    if (status === 'APPROVED') return order;
    order = (
      await as(api.app, lars).post(`/api/orders/${order.id}/publish`, { version: order.version }).expect(200)
    ).body as OrderDto;
    if (status === 'PUBLISHED') return order;
    return (
      await as(api.app, lars).post(`/api/orders/${order.id}/unfilled`, { version: order.version }).expect(200)
    ).body as OrderDto;
  }

  it('marks a published order unfilled and publishes it again', async () => {
    const unfilled = await orderIn('UNFILLED');
    expect(unfilled.status).toBe('UNFILLED');
    const again = (
      await as(api.app, lars)
        .post(`/api/orders/${unfilled.id}/publish`, { version: unfilled.version })
        .expect(200)
    ).body as OrderDto;
    expect(again.status).toBe('PUBLISHED');
  });

  it.each(['DRAFT', 'AWAITING_DISPENSATION', 'APPROVED', 'PUBLISHED', 'UNFILLED', 'CANCELLED'] as const)(
    'refuses every action not allowed from %s with 409 naming it, and changes nothing',
    async (status) => {
      const order = await orderIn(status);
      for (const { action, by, body, allowedFrom } of ORDER_ACTIONS) {
        if (allowedFrom.includes(status)) continue;
        const res = await as(api.app, by()).post(`/api/orders/${order.id}/${action}`, body(order));
        expect({ action, status: res.status, code: (res.body as ErrorBody).code }).toEqual({
          action,
          status: 409,
          code: 'ORDER_WRONG_STATE',
        });
        expect((res.body as ErrorBody).message).toMatch(new RegExp(`: it is ${status}$`));
      }
      const after = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
      expect({ status: after.status, version: after.version }).toEqual({ status, version: order.version });
    },
  );

  it('refuses dispensation actions outside their states', async () => {
    const order = await orderIn('AWAITING_DISPENSATION');
    const d = (await as(api.app, maria).get(`/api/dispensations/${order.dispensationId}`).expect(200))
      .body as DispensationDto;
    const checks: [TestSession, string, object][] = [
      [eva, 'resubmit', { version: d.version, justification: JUSTIFICATION }],
      [maria, 'revoke', { version: d.version, comment: 'x' }],
    ];
    for (const [session, action, body] of checks) {
      const res = await as(api.app, session).post(`/api/dispensations/${d.id}/${action}`, body).expect(409);
      expect((res.body as ErrorBody).message).toBe(`Cannot ${action} the dispensation: it is UNDER_REVIEW`);
    }
    const approved = (
      await as(api.app, maria).post(`/api/dispensations/${d.id}/approve`, { version: d.version }).expect(200)
    ).body as DispensationDto;
    for (const [session, action, body] of [
      [eva, 'withdraw', { version: approved.version }],
      [maria, 'reject', { version: approved.version, comment: 'x' }],
      [maria, 'return', { version: approved.version, comment: 'x' }],
      [maria, 'approve', { version: approved.version }],
    ] as [TestSession, string, object][]) {
      const res = await as(api.app, session).post(`/api/dispensations/${d.id}/${action}`, body).expect(409);
      expect((res.body as ErrorBody).message).toBe(`Cannot ${action} the dispensation: it is APPROVED`);
    }
  });
});
