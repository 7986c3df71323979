import type { AuditEventDto, ErrorBody, FormerEmployeeDto } from '@hyrkoll/contracts';

import { KARENS_CHECKS } from '../src/modules/agreement/former-employees.service';
import { NewRegion, newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';

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
      await as(api.app, session('Purchaser'))
        .post('/api/agreement/former-employees', {
          identityNumber: '19910715-5658',
          employmentEndedOn: '2025-06-30',
        })
        .expect(201)
    ).body as FormerEmployeeDto;
    expect(registered.identityMasked).toBe('********-**58');
    const list = (await as(api.app, session('Purchaser')).get('/api/agreement/former-employees').expect(200))
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
});
