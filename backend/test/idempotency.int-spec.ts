import type { ErrorBody, OrderDto, UnitDto } from '@hyrkoll/contracts';

import { anOrder } from './support/builders';
import { as, TestSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { startWorkflowWorld } from './support/workflow-world';

describe('Idempotency-Key on POST routes', () => {
  let api: TestApp;
  let eva: TestSession;
  let johan: TestSession;
  let unit: UnitDto;

  beforeAll(async () => {
    ({ api, eva, johan, norrbole: unit } = await startWorkflowWorld());
  });

  afterAll(() => api.close());

  const ordersOfEva = async (): Promise<number> => {
    const [{ n }] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM orders WHERE created_by = $1`,
      [eva.me.id],
    );
    return n;
  };
  const post = (session: TestSession, key: string, body: object) =>
    as(api.app, session).post('/api/orders', body).set('Idempotency-Key', key);

  it('replays the first result for a retry and writes the order once', async () => {
    const before = await ordersOfEva();
    const body = anOrder(unit.id).build();
    const first = await post(eva, 'order-retry-1', body).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await post(eva, 'order-retry-1', body).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((retry.body as OrderDto).id).toBe((first.body as OrderDto).id);
    expect(retry.body).toEqual(first.body);
    expect(await ordersOfEva()).toBe(before + 1);
  });

  it('refuses the same key for a different request with 409, writing nothing', async () => {
    await post(eva, 'order-reused', anOrder(unit.id).withHours('100.00').build()).expect(201);
    const before = await ordersOfEva();
    const res = await post(eva, 'order-reused', anOrder(unit.id).withHours('120.00').build()).expect(409);
    expect((res.body as ErrorBody).message).toMatch(
      /Idempotency-Key was already used for a different request/,
    );
    expect((res.body as ErrorBody).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ordersOfEva()).toBe(before);
  });

  it('lets a request that failed be retried with the same key', async () => {
    const before = await ordersOfEva();
    const bad = await post(eva, 'order-after-error', { ...anOrder(unit.id).build(), hours: 'many' }).expect(
      400,
    );
    expect((bad.body as ErrorBody).code).toBe('VALIDATION_FAILED');
    await post(eva, 'order-after-error', anOrder(unit.id).build()).expect(201);
    expect(await ordersOfEva()).toBe(before + 1);
  });

  it('writes once when the same request arrives many times at once', async () => {
    const before = await ordersOfEva();
    const body = anOrder(unit.id).build();
    const responses = await Promise.all(Array.from({ length: 8 }, () => post(eva, 'order-burst', body)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = responses.filter((r) => r.status === 201).map((r) => (r.body as OrderDto).id);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created).size).toBe(1);
    for (const r of responses.filter((x) => x.status === 409)) {
      expect((r.body as ErrorBody).message).toMatch(/still being processed/);
    }
    expect(await ordersOfEva()).toBe(before + 1);
    // once the first has finished, a late retry gets the result
    const late = await post(eva, 'order-burst', body).expect(201);
    expect((late.body as OrderDto).id).toBe(created[0]);
  });

  it("keeps each user's keys apart", async () => {
    const ownUnit = (
      (await as(api.app, johan).get('/api/org/units?area=NSO-SLA').expect(200)).body as UnitDto[]
    ).find((u) => u.costCentre === '130102') as UnitDto;
    const mine = await post(eva, 'shared-key', anOrder(unit.id).build()).expect(201);
    const his = await post(johan, 'shared-key', anOrder(ownUnit.id).build()).expect(201);
    expect((his.body as OrderDto).id).not.toBe((mine.body as OrderDto).id);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const before = await ordersOfEva();
    const res = await post(eva, 'x'.repeat(256), anOrder(unit.id).build()).expect(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          field: 'Idempotency-Key',
          code: 'format',
          message: expect.stringMatching(/1 to 255 visible ASCII/),
        },
      ],
    });
    expect(await ordersOfEva()).toBe(before);
  });

  it('forgets keys after a day', async () => {
    await post(eva, 'order-old', anOrder(unit.id).build()).expect(201);
    await api.dataSource.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = $1 AND key = 'order-old'`,
      [eva.me.id],
    );
    const { IdempotencyStore } = await import('../src/common/idempotency/idempotency.store');
    expect(await api.app.get(IdempotencyStore).purgeExpired(new Date())).toBeGreaterThanOrEqual(1);
    const [{ n }] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1 AND key = 'order-old'`,
      [eva.me.id],
    );
    expect(n).toBe(0);
  });
});
