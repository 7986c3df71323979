import type { AuditEventDto, BidDto, ErrorBody, FormerEmployeeDto, OrderDto } from '@hyrkoll/contracts';

import { KARENS_CHECKS } from '../src/modules/agreement/former-employees.service';
import { aBid, CONSULTANTS, daysFromToday } from './support/builders';
import { NewRegion, newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';
import { startWorkflowWorld, WorkflowWorld } from './support/workflow-world';

/** Asserts a 429 TOO_MANY_KARENS_CHECKS with a Retry-After the body repeats. */
function expectKarensLimit(refused: { body: unknown; headers: Record<string, string> }): void {
  const body = refused.body as ErrorBody;
  expect(body.code).toBe('TOO_MANY_KARENS_CHECKS');
  const retryAfter = Number(refused.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(body.params?.['retryAfterSeconds']).toBe(retryAfter);
}

/** The karens check answers whether a person is in the register: it must not become an oracle. */
describe('the karens check is no oracle', () => {
  let api: TestApp;
  let second: TestApp;
  let region: NewRegion;
  const session = (name: string) => region.sessions[name] as TestSession;

  beforeAll(async () => {
    api = await startApi();
    // a second API process on the same Redis: the limit must hold across processes
    second = await startApi({ QUEUE_PREFIX: api.config.redis.queuePrefix });
    region = await newRegion(api.app, api.dataSource, {
      areas: [],
      units: [],
      users: {
        Purchaser: [{ role: 'PURCHASER' }],
        OtherPurchaser: [{ role: 'PURCHASER' }],
        Registrar: [{ role: 'PURCHASER' }],
        Lister: [{ role: 'PURCHASER' }],
        Administrator: [{ role: 'ADMINISTRATOR' }],
      },
    });
  });

  afterAll(async () => {
    await second.close();
    await api.close();
  });

  it('shows at most the last two digits of a registered number, never the birth date or year', async () => {
    const registered = (
      await as(api.app, session('Lister'))
        .post('/api/agreement/former-employees', {
          identityNumber: '19910715-5658',
          employmentEndedOn: '2025-06-30',
        })
        .expect(201)
    ).body as FormerEmployeeDto;
    expect(registered.identityMasked).toBe('********-**58');
    const list = (await as(api.app, session('Lister')).get('/api/agreement/former-employees').expect(200))
      .body as FormerEmployeeDto[];
    expect(list.map((p) => p.identityMasked)).toEqual(['********-**58']);
  });

  it(`allows ${KARENS_CHECKS.limit} checks a minute per user across API processes, then 429 with Retry-After`, async () => {
    const check = (app: TestApp, name: string) =>
      as(app.app, session(name)).post('/api/agreement/former-employees/check', {
        identityNumber: '19811218-9876',
      });
    for (let i = 0; i < KARENS_CHECKS.limit; i++) {
      await check(i % 2 === 0 ? api : second, 'Purchaser').expect(200);
    }
    for (const app of [api, second]) {
      const refused = await check(app, 'Purchaser').expect(429);
      const body = refused.body as ErrorBody;
      expect(body.code).toBe('TOO_MANY_KARENS_CHECKS');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(body.params?.['retryAfterSeconds']).toBe(retryAfter);
    }
    // the limit is the user's: another purchaser still checks
    await check(api, 'OtherPurchaser').expect(200);
  });

  it('audits every check with its outcome, naming the person by the keyed hash only', async () => {
    const purchaser = as(api.app, session('OtherPurchaser'));
    const registered = (
      await purchaser
        .post('/api/agreement/former-employees', {
          identityNumber: '19880301-4565',
          employmentEndedOn: '2025-03-31',
        })
        .expect(201)
    ).body as FormerEmployeeDto;
    await purchaser
      .post('/api/agreement/former-employees/check', { identityNumber: '880301-4565', on: '2026-03-01' })
      .expect(200);
    await purchaser
      .post('/api/agreement/former-employees/check', { identityNumber: '19750612-1230', on: '2026-03-01' })
      .expect(200);

    const audit = (
      await as(api.app, session('Administrator'))
        .get('/api/audit?entityType=former-employee&limit=500')
        .expect(200)
    ).body as AuditEventDto[];
    const checks = audit.filter((e) => e.action === 'former-employee.check');
    const hit = checks.find((e) => e.entityId === registered.id);
    expect(hit).toMatchObject({
      actor: { name: 'OtherPurchaser' },
      entityType: 'former-employee',
      after: { on: '2026-03-01', registered: true, inKarens: true, karensUntil: '2026-03-31' },
    });
    const miss = checks.find(
      (e) => (e.after as { registered?: boolean }).registered === false && e.entityId !== registered.id,
    );
    expect(miss).toMatchObject({
      entityId: expect.stringMatching(/^identity-hash-[0-9a-f]{64}$/),
      after: { on: '2026-03-01', inKarens: false, karensUntil: null },
    });
    expect((miss?.after as { identityHash: string }).identityHash).toMatch(/^[0-9a-f]{64}$/);
    const text = JSON.stringify(checks);
    for (const part of ['8803014565', '880301-4565', '7506121230', '750612-1230']) {
      expect(text).not.toContain(part);
    }
  });

  it('counts a registration as a karens check and audits every outcome, an unchanged hit included', async () => {
    const registrar = as(api.app, session('Registrar'));
    const register = () =>
      registrar.post('/api/agreement/former-employees', {
        identityNumber: '19920915-7891',
        employmentEndedOn: '1990-01-01',
      });
    const first = (await register().expect(201)).body as FormerEmployeeDto;
    // an earlier end date changes nothing, but the answer still says the person is registered
    for (let i = 1; i < KARENS_CHECKS.limit; i++) await register().expect(200);
    expectKarensLimit(await register().expect(429));
    // the register and the check share the one limit
    expectKarensLimit(
      await registrar
        .post('/api/agreement/former-employees/check', { identityNumber: '19811218-9876' })
        .expect(429),
    );

    const audit = (
      await as(api.app, session('Administrator'))
        .get(`/api/audit?entityType=former-employee&entityId=${first.id}&limit=500`)
        .expect(200)
    ).body as AuditEventDto[];
    const actions = audit.map((e) => e.action);
    expect(actions.filter((a) => a === 'former-employee.register')).toHaveLength(1);
    expect(actions.filter((a) => a === 'former-employee.register-existing')).toHaveLength(
      KARENS_CHECKS.limit - 1,
    );
    const hashes = new Set(audit.map((e) => (e.after as { identityHash?: string }).identityHash));
    expect(hashes.size).toBe(1);
    expect([...hashes][0]).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.find((e) => e.action === 'former-employee.register-existing')).toMatchObject({
      actor: { name: 'Registrar' },
      after: { registered: true, employmentEndedOnGiven: '1990-01-01' },
    });
    const text = JSON.stringify(audit);
    for (const part of ['9209157891', '920915-7891']) expect(text).not.toContain(part);
  });
});

/** A bid's answer ranks its consultant against the register: a karens check by another door. */
describe("a bid's consultant counts as a karens check", () => {
  let world: WorkflowWorld;

  beforeAll(async () => {
    world = await startWorkflowWorld();
  });

  afterAll(() => world.api.close());

  it('shares the per-user limit with the check and audits the consultant by the keyed hash', async () => {
    const { api, lars, maria } = world;
    const { dispensation, order } = await world.submittedOrder('200.00');
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
    const current = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    await as(api.app, lars).post(`/api/orders/${order.id}/publish`, { version: current.version }).expect(200);
    const supplier = world.supplier('Norrlandsbemanning AB');
    await as(api.app, lars)
      .post('/api/agreement/former-employees', {
        identityNumber: CONSULTANTS[4],
        employmentEndedOn: daysFromToday(0),
      })
      .expect(201);
    const bid = (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/bids`, aBid(supplier.id, CONSULTANTS[4] as string))
        .expect(201)
    ).body as BidDto;
    // the registration and the bid used two of the minute's checks
    for (let i = 2; i < KARENS_CHECKS.limit; i++) {
      await as(api.app, lars)
        .post('/api/agreement/former-employees/check', { identityNumber: CONSULTANTS[0] })
        .expect(200);
    }
    expectKarensLimit(
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/bids`, aBid(supplier.id, CONSULTANTS[1] as string))
        .expect(429),
    );
    const bids = (await as(api.app, lars).get(`/api/orders/${order.id}/bids`).expect(200)).body as BidDto[];
    expect(bids.map((b) => b.id)).toEqual([bid.id]);

    const [registered] = (
      await as(api.app, world.region.sessions['Anders'] as TestSession)
        .get(`/api/audit?entityType=bid&entityId=${bid.id}`)
        .expect(200)
    ).body as AuditEventDto[];
    expect(registered).toMatchObject({
      action: 'bid.register',
      after: { consultantIdentityHash: expect.stringMatching(/^[0-9a-f]{64}$/), karens: true },
    });
    expect(JSON.stringify(registered)).not.toContain('850412');
  });
});
