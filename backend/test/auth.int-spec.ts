import type { ErrorBody, MeDto, UserDto } from '@hyrkoll/contracts';
import request from 'supertest';

import { MAX_FAILED_LOGINS } from '../src/modules/auth/auth.service';
import { LOGIN_ATTEMPTS_PER_WINDOW } from '../src/modules/auth/login-throttle';
import { as, DEMO, loginAs } from './support/sessions';
import { startApi, TestApp, withDemoData } from './support/test-app';

describe('login, sessions and CSRF', () => {
  let api: TestApp;
  const server = () => api.app.getHttpServer();

  beforeAll(async () => {
    api = await startApi();
    await withDemoData(api.dataSource);
  });

  afterAll(() => api.close());

  it('logs in with the right password and sets an httpOnly, SameSite session cookie', async () => {
    const res = await request(server())
      .post('/api/auth/login')
      .send({ email: 'Eva.Lindqvist@demo.hyrkoll.se', password: 'hyrkoll-demo' })
      .expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cookie).toMatch(/^hyrkoll_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; Secure is set behind TLS
    const me = res.body as MeDto;
    expect(me.name).toBe('Eva Lindqvist');
    expect(me.region.code).toBe('24');
    expect(me.roles.map((r) => r.unit?.name).sort()).toEqual(['Hälsocentral Kåge', 'Hälsocentral Norrböle']);
    expect(me.permissions).toEqual(expect.arrayContaining(['order:write', 'order:read']));
    expect(me.permissions).not.toContain('dispensation:decide');
    expect(me.csrfToken.length).toBeGreaterThan(20);
  });

  it('refuses a wrong password or an unknown user with the same 401', async () => {
    const wrong = await request(server())
      .post('/api/auth/login')
      .send({ email: DEMO.purchaser, password: 'nope' })
      .expect(401);
    const unknown = await request(server())
      .post('/api/auth/login')
      .send({ email: 'nobody@x.se', password: 'nope' })
      .expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect((wrong.body as ErrorBody).code).toBe('UNAUTHENTICATED');
  });

  it('answers a route without a session, or with a forged one, with 401', async () => {
    await request(server()).get('/api/auth/me').expect(401);
    await request(server()).get('/api/auth/me').set('cookie', 'hyrkoll_session=forged-token').expect(401);
  });

  it('refuses a state-changing request without the CSRF token, and with a wrong one', async () => {
    const session = await loginAs(api.app, DEMO.purchaser);
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

  it('ends the session on logout', async () => {
    const session = await loginAs(api.app, DEMO.steeringGroup);
    await as(api.app, session).post('/api/auth/logout').expect(204);
    await as(api.app, session).get('/api/auth/me').expect(401);
  });

  it('replaces the old session when logging in again with its cookie (rotation)', async () => {
    const first = await loginAs(api.app, DEMO.healthcareDirector);
    const res = await request(server())
      .post('/api/auth/login')
      .set('cookie', first.cookie)
      .send({ email: DEMO.healthcareDirector, password: 'hyrkoll-demo' })
      .expect(200);
    const second = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? '';
    expect(second).not.toBe(first.cookie);
    await as(api.app, first).get('/api/auth/me').expect(401);
    await request(server()).get('/api/auth/me').set('cookie', second).expect(200);
  });

  it('locks an account after repeated failed logins, even for the right password', async () => {
    const admin = await loginAs(api.app, DEMO.administrator);
    const created = await as(api.app, admin)
      .post('/api/users', {
        email: 'lockme@demo.hyrkoll.se',
        name: 'Lock Me',
        password: 'the-right-password',
        roles: [],
      })
      .expect(201);
    expect((created.body as UserDto).email).toBe('lockme@demo.hyrkoll.se');
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await request(server())
        .post('/api/auth/login')
        .send({ email: 'lockme@demo.hyrkoll.se', password: 'wrong' })
        .expect(401);
    }
    const locked = await request(server())
      .post('/api/auth/login')
      .send({ email: 'lockme@demo.hyrkoll.se', password: 'the-right-password' })
      .expect(429);
    expect((locked.body as ErrorBody).message).toContain('locked');
  });
});

describe('login throttling per address', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startApi();
    await withDemoData(api.dataSource);
  });

  afterAll(() => api.close());

  it(`allows ${LOGIN_ATTEMPTS_PER_WINDOW} failed attempts per window, then answers 429 even to the right password`, async () => {
    const attempt = () =>
      request(api.app.getHttpServer()).post('/api/auth/login').send({ email: 'nobody@x.se', password: 'x' });
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) {
      expect((await attempt()).status).toBe(401);
    }
    const limited = await request(api.app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: DEMO.purchaser, password: 'hyrkoll-demo' });
    expect(limited.status).toBe(429);
    expect((limited.body as ErrorBody).code).toBe('RATE_LIMITED');
  });
});
