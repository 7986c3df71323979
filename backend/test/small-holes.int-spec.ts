import type { Server } from 'node:http';

import { type AuditEventDto, CLIENT_ERROR_MAX_BYTES, type ErrorBody } from '@hyrkoll/contracts';
import request from 'supertest';

import { MAX_FAILED_LOGINS } from '../src/modules/auth/auth.service';
import { CLIENT_ERROR_REPORTS } from '../src/modules/client-errors/client-errors.controller';
import { sendRaw } from './support/fuzz/requests';
import { NEW_REGION_PASSWORD, NewRegion, newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECURITY_HEADERS = [
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'cross-origin-opener-policy',
];

describe('small holes stay closed', () => {
  let api: TestApp;
  let server: Server;
  let region: NewRegion;
  const session = (name: string) => region.sessions[name] as TestSession;

  beforeAll(async () => {
    api = await startApi();
    server = api.app.getHttpServer() as Server;
    region = await newRegion(api.app, api.dataSource, {
      areas: [],
      units: [],
      users: {
        Purchaser: [{ role: 'PURCHASER' }],
        Administrator: [{ role: 'ADMINISTRATOR' }],
        Locked: [{ role: 'STEERING_GROUP' }],
      },
    });
  });

  afterAll(() => api.close());

  describe('answers the router and the HTTP parser refuse', () => {
    let expected: Record<string, string>;

    beforeAll(async () => {
      const normal = await request(server).get('/api/health/live').expect(200);
      expected = Object.fromEntries(SECURITY_HEADERS.map((name) => [name, normal.headers[name] as string]));
      for (const name of SECURITY_HEADERS) expect(expected[name]).toBeTruthy();
    });

    it.each([
      ['a malformed percent-encoding', '/api/orders/%zz', 400, 'MALFORMED_REQUEST'],
      ['a parameter over 100 characters', `/api/orders/${'z'.repeat(300)}`, 414, 'URL_TOO_LONG'],
      ['a path no route has', '/api/no-such-thing-zz', 404, 'ROUTE_NOT_FOUND'],
    ])('%s: the security headers, and the path not repeated', async (_what, path, status, code) => {
      const res = await sendRaw(server, { method: 'get', path, headers: {}, label: 'router' });
      expect(res.status).toBe(status);
      expect(JSON.parse(res.text)).toMatchObject({ statusCode: status, code });
      expect(res.text).not.toMatch(/zz|orders|no-such/);
      for (const name of SECURITY_HEADERS) expect([name, res.headers[name]]).toEqual([name, expected[name]]);
      expect(res.headers['x-request-id']).toMatch(UUID);
    });

    it('headers over 16 kB: 431 with the security headers, the path not repeated', async () => {
      const res = await sendRaw(server, {
        method: 'get',
        path: `/api/orders?q=${'zz'.repeat(10_000)}`,
        headers: {},
        label: 'parser',
      });
      expect(res.status).toBe(431);
      expect(JSON.parse(res.text)).toMatchObject({ code: 'HEADERS_TOO_LARGE' });
      expect(res.text).not.toMatch(/zz|orders/);
      for (const name of SECURITY_HEADERS) expect([name, res.headers[name]]).toEqual([name, expected[name]]);
      expect(res.headers['x-request-id']).toMatch(UUID);
    });
  });

  it('keeps its own request id for the audit trail, whatever x-request-id the caller sends', async () => {
    const res = await as(api.app, session('Purchaser'))
      .post('/api/agreement/former-employees/check', { identityNumber: '19811218-9876' })
      .set('x-request-id', 'forged-request-id')
      .expect(200);
    const ours = res.headers['x-request-id'] as string;
    expect(ours).toMatch(UUID);
    const audit = (
      await as(api.app, session('Administrator')).get('/api/audit?entityType=former-employee').expect(200)
    ).body as AuditEventDto[];
    const check = audit.find((e) => e.action === 'former-employee.check');
    expect(check?.requestId).toBe(ours);
    expect(JSON.stringify(audit)).not.toContain('forged-request-id');
  });

  it('answers a locked account as an unknown one, and counts the right password while locked as a failure', async () => {
    const email = region.users['Locked']?.email as string;
    const login = (password: string, who = email) =>
      request(server).post('/api/auth/login').send({ email: who, password });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login('wrong').expect(401);
    const failuresOf = async () =>
      (
        await api.dataSource.query<{ failed_logins: number; locked_until: Date }[]>(
          'SELECT failed_logins, locked_until FROM users WHERE email = $1',
          [email],
        )
      )[0];
    const before = await failuresOf();
    expect(before?.failed_logins).toBe(MAX_FAILED_LOGINS);

    const locked = await login(NEW_REGION_PASSWORD).expect(401);
    const unknown = await login(NEW_REGION_PASSWORD, `nobody-${region.code}@example.test`).expect(401);
    expect(locked.body).toEqual(unknown.body);
    expect((locked.body as ErrorBody).code).toBe('LOGIN_FAILED');
    const after = await failuresOf();
    expect(after?.failed_logins).toBe(MAX_FAILED_LOGINS + 1);
    expect(after?.locked_until.getTime()).toBeGreaterThanOrEqual(before?.locked_until.getTime() as number);
  });

  describe('the anonymous error report', () => {
    const report = (app: TestApp, body: unknown, forwardedFor?: string) => {
      const test = request(app.app.getHttpServer()).post('/api/client-errors');
      return (forwardedFor ? test.set('x-forwarded-for', forwardedFor) : test).send(body as object);
    };
    /** A valid report of exactly `bytes` bytes of JSON. */
    const ofBytes = (bytes: number) => {
      const base = { message: 'x'.repeat(2000), url: '/', stack: '' };
      return { ...base, stack: 'y'.repeat(bytes - Buffer.byteLength(JSON.stringify(base))) };
    };

    it(`takes ${CLIENT_ERROR_MAX_BYTES} bytes and answers 413 beyond`, async () => {
      const reports = await startApi();
      try {
        const largest = ofBytes(CLIENT_ERROR_MAX_BYTES);
        expect(Buffer.byteLength(JSON.stringify(largest))).toBe(CLIENT_ERROR_MAX_BYTES);
        await report(reports, largest).expect(204);
        const over = await report(reports, ofBytes(CLIENT_ERROR_MAX_BYTES + 1)).expect(413);
        expect((over.body as ErrorBody).code).toBe('PAYLOAD_TOO_LARGE');
      } finally {
        await reports.close();
      }
    });

    it(`takes ${CLIENT_ERROR_REPORTS.limit} reports a minute per address, then 429 with Retry-After`, async () => {
      // behind a proxy at the test's own address: X-Forwarded-For names the client
      const proxied = await startApi({ TRUST_PROXY: 'loopback' });
      try {
        for (let i = 0; i < CLIENT_ERROR_REPORTS.limit; i++) {
          await report(proxied, { message: `error ${i}`, url: '/' }, '203.0.113.7').expect(204);
        }
        const refused = await report(proxied, { message: 'one more', url: '/' }, '203.0.113.7').expect(429);
        expect((refused.body as ErrorBody).code).toBe('TOO_MANY_CLIENT_ERRORS');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        // an invalid report counts too, and another address is not limited
        await report(proxied, { url: 42 }, '203.0.113.7').expect(429);
        await report(proxied, { message: 'elsewhere', url: '/' }, '203.0.113.8').expect(204);
      } finally {
        await proxied.close();
      }
    });

    it('believes X-Forwarded-For only from the configured proxy', async () => {
      const elsewhere = await startApi({ TRUST_PROXY: '10.9.9.9' });
      try {
        for (let i = 0; i < CLIENT_ERROR_REPORTS.limit; i++) {
          await report(elsewhere, { message: `error ${i}`, url: '/' }, `203.0.113.${i}`).expect(204);
        }
        await report(elsewhere, { message: 'one more', url: '/' }, '198.51.100.1').expect(429);
      } finally {
        await elsewhere.close();
      }
    });
  });
});
