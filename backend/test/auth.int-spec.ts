import type { ErrorBody, MeDto, UserDto } from '@hyrkoll/contracts';
import request from 'supertest';

import { hashPassword } from '../src/common/auth/passwords';
import { MAX_FAILED_LOGINS } from '../src/modules/auth/auth.service';
import {
  LOGIN_ADDRESS_ATTEMPTS_PER_WINDOW,
  LOGIN_ATTEMPTS_PER_WINDOW,
  LOGIN_WINDOW_SECONDS,
} from '../src/modules/auth/login-throttle';
import { NEW_REGION_PASSWORD, NewRegion, newRegion } from './support/new-region';
import { as, loginAs, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';

describe('login, sessions and CSRF', () => {
  let api: TestApp;
  let region: NewRegion;
  const server = () => api.app.getHttpServer();
  const emailOf = (name: string) => region.users[name]?.email as string;
  const login = (name: string) => loginAs(api.app, emailOf(name), NEW_REGION_PASSWORD);

  beforeAll(async () => {
    api = await startApi();
    region = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-SKE'],
      units: [
        { costCentre: '120101', area: 'NSO-SKE', name: 'Hälsocentral Norrböle' },
        { costCentre: '120102', area: 'NSO-SKE', name: 'Hälsocentral Kåge' },
      ],
      users: {
        Eva: [
          { role: 'UNIT_MANAGER', unit: '120101' },
          { role: 'UNIT_MANAGER', unit: '120102' },
        ],
        Purchaser: [{ role: 'PURCHASER' }],
        Steering: [{ role: 'STEERING_GROUP' }],
        Director: [{ role: 'HEALTHCARE_DIRECTOR' }],
        Administrator: [{ role: 'ADMINISTRATOR' }],
      },
    });
  });

  afterAll(() => api.close());

  it('logs in with the right password and sets an httpOnly, SameSite session cookie', async () => {
    const res = await request(server())
      .post('/api/auth/login')
      .send({ email: `Eva@Region-${region.code}.test`, password: NEW_REGION_PASSWORD })
      .expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cookie).toMatch(/^hyrkoll_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; Secure is set behind TLS
    const me = res.body as MeDto;
    expect(me.name).toBe('Eva');
    expect(me.region.code).toBe(region.code);
    expect(me.roles.map((r) => r.unit?.name).sort()).toEqual(['Hälsocentral Kåge', 'Hälsocentral Norrböle']);
    expect(me.permissions).toEqual(expect.arrayContaining(['order:write', 'order:read']));
    expect(me.permissions).not.toContain('dispensation:decide');
    expect(me.csrfToken.length).toBeGreaterThan(20);
  });

  it('refuses a wrong password or an unknown user with the same 401', async () => {
    const wrong = await request(server())
      .post('/api/auth/login')
      .send({ email: emailOf('Purchaser'), password: 'nope' })
      .expect(401);
    const unknown = await request(server())
      .post('/api/auth/login')
      .send({ email: 'nobody@x.se', password: 'nope' })
      .expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect((wrong.body as ErrorBody).code).toBe('LOGIN_FAILED');
  });

  it('answers a route without a session, or with a forged one, with 401', async () => {
    await request(server()).get('/api/auth/me').expect(401);
    await request(server()).get('/api/auth/me').set('cookie', 'hyrkoll_session=forged-token').expect(401);
  });

  it('refuses a state-changing request without the CSRF token, and with a wrong one', async () => {
    const session = await login('Purchaser');
    const missing = await request(server())
      .post('/api/auth/logout')
      .set('cookie', session.cookie)
      .expect(403);
    expect((missing.body as ErrorBody).message).toContain('CSRF');
    await request(server())
      .post('/api/auth/logout')
      .set('cookie', session.cookie)
      .set('x-csrf-token', 'x'.repeat(32))
      .expect(403);
    await as(api.app, session).get('/api/auth/me').expect(200);
  });

  it('ends the session on logout, audited with the method; a password session has no provider to leave', async () => {
    const session = await login('Steering');
    const res = await as(api.app, session).post('/api/auth/logout').expect(200);
    expect(res.body).toEqual({ providerLogoutUrl: null });
    await as(api.app, session).get('/api/auth/me').expect(401);
    const actions = await api.dataSource.query<{ action: string; after: { method: string } }[]>(
      `SELECT action, after FROM audit_events WHERE entity_id = $1 AND action LIKE 'auth.%' ORDER BY seq`,
      [session.me.id],
    );
    expect(actions.slice(-2)).toEqual([
      { action: 'auth.login', after: { method: 'password' } },
      { action: 'auth.logout', after: { method: 'password', by: 'user' } },
    ]);
  });

  it('replaces the old session when logging in again with its cookie (rotation)', async () => {
    const first = await login('Director');
    const res = await request(server())
      .post('/api/auth/login')
      .set('cookie', first.cookie)
      .send({ email: emailOf('Director'), password: NEW_REGION_PASSWORD })
      .expect(200);
    const second = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? '';
    expect(second).not.toBe(first.cookie);
    await as(api.app, first).get('/api/auth/me').expect(401);
    await request(server()).get('/api/auth/me').set('cookie', second).expect(200);
  });

  it('locks an account after repeated failed logins, even for the right password', async () => {
    const admin = region.sessions['Administrator'] as TestSession;
    const lockme = `lockme@region-${region.code}.test`;
    const created = await as(api.app, admin)
      .post('/api/users', {
        email: lockme,
        name: 'Lock Me',
        roles: [],
      })
      .expect(201);
    expect((created.body as UserDto).email).toBe(lockme);
    // as if chosen through the user's one-time link (separation-of-duties.int-spec.ts)
    await api.dataSource.query('UPDATE users SET password_hash = $2 WHERE email = $1', [
      lockme,
      await hashPassword('the-right-password'),
    ]);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await request(server()).post('/api/auth/login').send({ email: lockme, password: 'wrong' }).expect(401);
    }
    const locked = await request(server())
      .post('/api/auth/login')
      .send({ email: lockme, password: 'the-right-password' })
      .expect(401);
    expect((locked.body as ErrorBody).code).toBe('LOGIN_FAILED');
  });
  it("stores the user's own language, validated, for that user only, and gives it back after the next login", async () => {
    const eva = await login('Eva');
    const purchaser = await login('Purchaser');
    expect(eva.me.locale).toBe('sv');
    expect(purchaser.me.locale).toBe('sv');

    for (const body of [{}, { locale: 'de' }, { locale: 'SV' }, { locale: 1 }]) {
      const bad = await as(api.app, eva).put('/api/auth/me/locale', body).expect(400);
      expect((bad.body as ErrorBody).code).toBe('VALIDATION_FAILED');
      expect(((bad.body as ErrorBody).details as { field: string }[]).map((d) => d.field)).toEqual([
        'locale',
      ]);
    }
    // an unknown field cannot reach another user's row
    await as(api.app, eva).put('/api/auth/me/locale', { locale: 'en', userId: purchaser.me.id }).expect(400);
    expect(((await as(api.app, eva).get('/api/auth/me').expect(200)).body as MeDto).locale).toBe('sv');

    // no session, no CSRF token: refused
    await request(server()).put('/api/auth/me/locale').send({ locale: 'en' }).expect(401);
    await request(server())
      .put('/api/auth/me/locale')
      .set('cookie', eva.cookie)
      .send({ locale: 'en' })
      .expect(403);

    await as(api.app, eva).put('/api/auth/me/locale', { locale: 'en' }).expect(204);
    expect(((await as(api.app, eva).get('/api/auth/me').expect(200)).body as MeDto).locale).toBe('en');
    expect((await login('Eva')).me.locale).toBe('en');
    // only the caller's own row changed
    expect(((await as(api.app, purchaser).get('/api/auth/me').expect(200)).body as MeDto).locale).toBe('sv');

    await as(api.app, eva).put('/api/auth/me/locale', { locale: 'sv' }).expect(204);
    expect((await login('Eva')).me.locale).toBe('sv');
  });
});

describe('login throttling per address and account', () => {
  let api: TestApp;
  let region: NewRegion;

  beforeAll(async () => {
    // behind a trusted proxy on loopback, so each test names its own client address
    api = await startApi({ TRUST_PROXY: 'loopback' });
    region = await newRegion(api.app, api.dataSource, {
      areas: [],
      units: [],
      users: { Purchaser: [{ role: 'PURCHASER' }], Colleague: [{ role: 'PURCHASER' }] },
    });
  });

  afterAll(() => api.close());

  const from = (address: string, path: '/api/auth/login' | '/api/operator/login' = '/api/auth/login') => ({
    login: (email: string, password: string) =>
      request(api.app.getHttpServer()).post(path).set('x-forwarded-for', address).send({ email, password }),
  });
  const emailOf = (name: string) => region.users[name]?.email as string;
  const expectRefused = (res: request.Response) => {
    expect(res.status).toBe(429);
    expect((res.body as ErrorBody).code).toBe('TOO_MANY_LOGINS');
    const wait = Number(res.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LOGIN_WINDOW_SECONDS);
    expect((res.body as ErrorBody).params?.['retryAfterSeconds']).toBe(wait);
  };

  it(`stops guessing at one account after ${LOGIN_ATTEMPTS_PER_WINDOW} failures from an address, with Retry-After, while a colleague there still logs in`, async () => {
    const ward = from('198.51.100.7');
    const target = `nobody-${region.code}@example.test`;
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) {
      expect((await ward.login(target, `guess-${i}`)).status).toBe(401);
    }
    expectRefused(await ward.login(target, 'one more guess'));
    expectRefused(await ward.login(` ${target.toUpperCase()} `, 'the same account, spelt otherwise'));
    // the colleagues behind the same address are not locked out: the right password works, and
    // a mistyped one is still counted as their own
    await ward.login(emailOf('Purchaser'), NEW_REGION_PASSWORD).expect(200);
    await ward.login(emailOf('Colleague'), 'typo').expect(401);
    await ward.login(emailOf('Colleague'), NEW_REGION_PASSWORD).expect(200);
    // the account from another address is counted apart
    expect((await from('198.51.100.8').login(target, 'x')).status).toBe(401);
  });

  it(`stops one address trying many accounts after ${LOGIN_ADDRESS_ATTEMPTS_PER_WINDOW} failures in all, the right password included`, async () => {
    const sprayer = from('198.51.100.9');
    for (let i = 0; i < LOGIN_ADDRESS_ATTEMPTS_PER_WINDOW; i++) {
      expect((await sprayer.login(`user-${i}-${region.code}@example.test`, 'Sommar2026!')).status).toBe(401);
    }
    expectRefused(await sprayer.login(emailOf('Colleague'), NEW_REGION_PASSWORD));
    // the operator's login shares the address's count
    expectRefused(await from('198.51.100.9', '/api/operator/login').login('drift@example.se', 'x'));
    // other addresses are not affected
    await from('198.51.100.10').login(emailOf('Colleague'), NEW_REGION_PASSWORD).expect(200);
  }, 120_000);
});
