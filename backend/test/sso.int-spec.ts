import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
  AccessRequestDto,
  LoginMethodsDto,
  LogoutDto,
  MeDto,
  NoAccessDto,
  UserDto,
} from '@hyrkoll/contracts';
import request from 'supertest';

import { runCli } from './support/cli';
import { NEW_REGION_PASSWORD, NewRegion, newRegion } from './support/new-region';
import { LoopbackProvider, ProtocolBrowser, startLoopbackProvider } from './support/oidc';
import { freePort } from './support/ports';
import { as } from './support/sessions';
import { startApi, TestApp } from './support/test-app';
import { testEnv } from './support/test-env';

/** The value, which the test's steps before have made sure is there. */
function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const SECRET_VARIABLE = 'HYRKOLL_IT_SSO_SECRET';
const CLIENT = { id: 'hyrkoll-it', secret: 'a-client-secret-of-the-integration-tests' };
/** A second client at the provider, which authenticates with a private key (private_key_jwt). */
const KEY_CLIENT = 'hyrkoll-it-key';
const clientKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

/**
 * Single sign-on against a real OpenID provider (the reference implementation, on loopback):
 * the API listens on a port of its own so that the provider can call it back.
 */
describe('single sign-on through the region’s OpenID provider', () => {
  let api: TestApp;
  let base: string;
  /** A second API, configured by the environment, on a port the provider also knows. */
  let envBase: string;
  let envPort: number;
  let provider: LoopbackProvider;
  let region: NewRegion;
  /** A second region, which the operator's command configures. */
  let other: NewRegion;

  const admin = () => as(api.app, present(region.sessions['Administrator']));
  const user = (name: string) => present(region.users[name]);

  beforeAll(async () => {
    process.env[SECRET_VARIABLE] = CLIENT.secret;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    envPort = await freePort();
    envBase = `http://127.0.0.1:${envPort}`;
    api = await startApi({ PORT: String(port), PUBLIC_URL: base });
    await api.app.listen(port, '127.0.0.1');
    region = await newRegion(api.app, api.dataSource, {
      areas: ['A1'],
      units: [{ costCentre: '7001', area: 'A1' }],
      users: {
        Administrator: [{ role: 'ADMINISTRATOR' }],
        Manager: [{ role: 'UNIT_MANAGER', unit: '7001' }],
        Purchaser: [{ role: 'PURCHASER' }],
        Twin: [{ role: 'STEERING_GROUP' }],
        Unverified: [{ role: 'STEERING_GROUP' }],
      },
    });
    other = await newRegion(api.app, api.dataSource, {
      areas: [],
      units: [],
      users: { Admin: [{ role: 'ADMINISTRATOR' }], Buyer: [{ role: 'PURCHASER' }] },
    });
    provider = await startLoopbackProvider({
      client: {
        ...CLIENT,
        redirectUris: [`${base}/api/auth/oidc/callback`, `${envBase}/api/auth/oidc/callback`],
        postLogoutRedirectUris: [`${base}/login`],
        backchannelLogoutUri: `${base}/api/auth/oidc/${region.code}/backchannel-logout`,
      },
      extraClients: [
        {
          client_id: KEY_CLIENT,
          redirect_uris: [`${envBase}/api/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'private_key_jwt',
          token_endpoint_auth_signing_alg: 'RS256',
          jwks: { keys: [{ ...clientKey.publicKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig' }] },
        },
      ],
      accounts: {
        manager: { name: 'Maja Manager', email: user('Manager').email, hsa_id: 'SE2321000222-M1' },
        purchaser: {
          name: 'Pia Purchaser',
          email: user('Purchaser').email,
          hsa_id: 'SE2321000222-P1',
        },
        buyer: { name: 'Bo Buyer', email: present(other.users['Buyer']).email },
        twin: { name: 'Tove Twin', email: user('Twin').email, hsa_id: 'SE2321000222-T1' },
        unverified: {
          name: 'Ulla Unverified',
          email: user('Unverified').email,
          email_verified: false,
          hsa_id: 'SE2321000222-U1',
        },
        stranger: {
          name: 'Sam Stranger',
          email: 'sam@elsewhere.test',
          hsa_id: 'SE2321000222-S1',
          groups: ['g-inkop'],
        },
      },
    });
    await api.dataSource.query(
      `INSERT INTO identity_providers (region_id, label, issuer, client_id, client_auth, secret_ref, scopes, user_claim, groups_claim, group_roles)
       VALUES ($1, 'Testleverantören', $2, $3, 'client_secret_basic', $4, 'openid profile email hsa groups', 'hsa_id', 'groups', $5)`,
      [
        region.regionId,
        provider.issuer,
        CLIENT.id,
        `env:${SECRET_VARIABLE}`,
        JSON.stringify({ 'g-inkop': 'PURCHASER' }),
      ],
    );
  });

  afterAll(async () => {
    await provider?.close();
    await api?.close();
    delete process.env[SECRET_VARIABLE];
  });

  /** Signs in at the provider as `login` and returns the provider's answer to Hyrkoll, not yet delivered. */
  async function callbackOf(browser: ProtocolBrowser, login: string, returnUrl = '/orders'): Promise<string> {
    const start = await browser.request(
      `${base}/api/auth/oidc/${region.code}/login?returnUrl=${encodeURIComponent(returnUrl)}`,
    );
    expect(start.status).toBe(302);
    expect(start.location).toContain(`${provider.issuer}/auth?`);
    const isCallback = (url: URL) => url.pathname === '/api/auth/oidc/callback';
    const form = await browser.follow(present(start.location), isCallback);
    const done = await browser.submitForm(form, { login });
    const answer = await browser.follow(present(done.location), isCallback);
    expect(answer.location).toContain(`${base}/api/auth/oidc/callback?`);
    return present(answer.location);
  }

  async function signIn(login: string, browser = new ProtocolBrowser()) {
    const delivered = await browser.request(await callbackOf(browser, login));
    return { browser, delivered };
  }

  async function meOf(browser: ProtocolBrowser) {
    return request(api.app.getHttpServer()).get('/api/auth/me').set('cookie', browser.cookieHeader(base));
  }

  it('offers the region’s provider on the login page, with passwords still on outside production', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/auth/methods').expect(200);
    const methods = res.body as LoginMethodsDto;
    expect(methods.password).toBe(true);
    expect(methods.providers).toContainEqual({
      region: { code: region.code, name: region.name },
      label: 'Testleverantören',
      loginUrl: `/api/auth/oidc/${region.code}/login`,
    });
  });

  it('signs a linked user in: a session as with a password, audited with the method', async () => {
    const { browser, delivered } = await signIn('manager');
    expect(delivered.status).toBe(302);
    expect(delivered.location).toBe(`${base}/orders`);
    const me = await meOf(browser);
    expect(me.status).toBe(200);
    expect((me.body as MeDto).email).toBe(user('Manager').email);
    expect(browser.cookie(base, 'hyrkoll_sso')).toBeUndefined();
    const [audit] = await api.dataSource.query<
      { action: string; after: { method: string }; actor_user_id: string }[]
    >(
      `SELECT action, after, actor_user_id FROM audit_events
        WHERE entity_id = $1 AND action = 'auth.login' ORDER BY seq DESC LIMIT 1`,
      [user('Manager').id],
    );
    expect(audit).toMatchObject({ action: 'auth.login', after: { method: 'oidc' } });
    expect(present(audit).actor_user_id).toBe(user('Manager').id);
  });

  it('links a user without a link by the e-mail address the provider vouches for, once', async () => {
    await signIn('purchaser');
    const [row] = await api.dataSource.query<{ external_id: string }[]>(
      'SELECT external_id FROM users WHERE id = $1',
      [user('Purchaser').id],
    );
    expect(present(row).external_id).toBe('SE2321000222-P1');
    const links = await api.dataSource.query<unknown[]>(
      `SELECT 1 FROM audit_events WHERE entity_id = $1 AND action = 'user.identity-link'`,
      [user('Purchaser').id],
    );
    expect(links).toHaveLength(1);
  });

  it('goes back only to a path of the site, never to another site', async () => {
    const browser = new ProtocolBrowser();
    const delivered = await browser.request(await callbackOf(browser, 'manager', 'https://evil.test/x'));
    expect(delivered.location).toBe(`${base}/`);
    const other = new ProtocolBrowser();
    const again = await other.request(await callbackOf(other, 'manager', '//evil.test/x'));
    expect(again.location).toBe(`${base}/`);
  });

  it('refuses an answer whose state is not the one it sent, and opens no session', async () => {
    const browser = new ProtocolBrowser();
    const callback = new URL(await callbackOf(browser, 'manager'));
    const state = callback.searchParams.get('state') ?? '';
    callback.searchParams.set('state', 'not-the-state-we-sent');
    const delivered = await browser.request(callback.href);
    expect(delivered.location).toBe(`${base}/login?sso=stale`);
    expect((await meOf(browser)).status).toBe(401);
    // the sign-in it pretended to answer is untouched, and no code was spent on the forgery
    callback.searchParams.set('state', state);
    expect((await browser.request(callback.href)).location).toBe(`${base}/orders`);
  });

  it('refuses an answer delivered in a browser that did not start the sign-in', async () => {
    const started = new ProtocolBrowser();
    const callback = await callbackOf(started, 'manager');
    const other = new ProtocolBrowser();
    const delivered = await other.request(callback);
    expect(delivered.location).toBe(`${base}/login?sso=stale`);
    expect((await meOf(other)).status).toBe(401);
  });

  it('refuses a code that expired before it was delivered', async () => {
    await provider.setCodeTtl(1);
    try {
      const browser = new ProtocolBrowser();
      const callback = await callbackOf(browser, 'manager');
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const delivered = await browser.request(callback);
      expect(delivered.location).toBe(`${base}/login/${region.code}?sso=failed`);
      expect((await meOf(browser)).status).toBe(401);
    } finally {
      await provider.setCodeTtl(60);
    }
  });

  it('refuses a replayed answer, and the code and ID token of another sign-in (its nonce)', async () => {
    const browser = new ProtocolBrowser();
    const first = await callbackOf(browser, 'manager');
    expect((await browser.request(first)).location).toBe(`${base}/orders`);
    // the same answer again: its sign-in is used up
    const replay = new ProtocolBrowser();
    const replayed = await replay.request(first);
    expect(replayed.location).toBe(`${base}/login?sso=stale`);
    // an answer of one sign-in presented to another: the state is made to match the second, but the
    // code and ID token were issued for the first one's PKCE challenge and nonce
    const attacker = new ProtocolBrowser();
    const stolen = new URL(await callbackOf(attacker, 'manager'));
    const victim = new ProtocolBrowser();
    const victimsCallback = new URL(await callbackOf(victim, 'purchaser'));
    stolen.searchParams.set('state', victimsCallback.searchParams.get('state') ?? '');
    const delivered = await victim.request(stolen.href);
    expect(delivered.location).toBe(`${base}/login/${region.code}?sso=failed`);
    expect((await meOf(victim)).status).toBe(401);
  });

  it('keeps signing in when the provider signs with its next key (key rotation)', async () => {
    await signIn('manager');
    const before = await provider.rotateKeys();
    const { browser, delivered } = await signIn('manager');
    expect(delivered.location).toBe(`${base}/orders`);
    expect((await meOf(browser)).status).toBe(200);
    const after = await provider.rotateKeys();
    expect(after).not.toBe(before);
  });

  it('an unknown identity gets a page saying whom to ask, and the administrator a request to decide', async () => {
    const { browser, delivered } = await signIn('stranger');
    expect(delivered.location).toMatch(new RegExp(`^${base}/login/no-access\\?ref=[\\w-]+$`));
    expect((await meOf(browser)).status).toBe(401);
    const ref = new URL(present(delivered.location)).searchParams.get('ref') ?? '';
    const page = await request(api.app.getHttpServer()).get(`/api/auth/no-access?ref=${ref}`).expect(200);
    expect(page.body as NoAccessDto).toEqual({
      outcome: 'no-access',
      region: { code: region.code, name: region.name },
      label: 'Testleverantören',
      name: 'Sam Stranger',
      administrators: [{ name: user('Administrator').name, email: user('Administrator').email }],
    });

    const listed = await admin().get('/api/access-requests').expect(200);
    const pending = (listed.body as AccessRequestDto[]).find((r) => r.subject === 'SE2321000222-S1');
    expect(pending).toMatchObject({
      name: 'Sam Stranger',
      email: 'sam@elsewhere.test',
      proposedRoles: [{ role: 'PURCHASER' }],
      status: 'PENDING',
      attempts: 1,
    });
    // the user made from the request is linked to the identity, which then signs in
    const created = await admin()
      .post('/api/users', {
        email: 'sam@elsewhere.test',
        name: 'Sam Stranger',
        roles: [{ role: 'PURCHASER' }],
        accessRequestId: present(pending).id,
      })
      .expect(201);
    expect((created.body as UserDto).externalId).toBe('SE2321000222-S1');
    const again = await signIn('stranger');
    expect(again.delivered.location).toBe(`${base}/orders`);
    expect(((await meOf(again.browser)).body as MeDto).email).toBe('sam@elsewhere.test');
    const resolvedTwice = await admin()
      .post(`/api/access-requests/${present(pending).id}/dismiss`)
      .expect(409);
    expect(resolvedTwice.body).toMatchObject({
      code: 'ACCESS_REQUEST_WRONG_STATE',
      params: { status: 'RESOLVED' },
    });
  });

  it('a deactivated user’s identity opens no session, and says so', async () => {
    const users = (await admin().get('/api/users').expect(200)).body as UserDto[];
    const sam = users.find((u) => u.email === 'sam@elsewhere.test');
    expect(sam).toBeDefined();
    await admin()
      .patch(`/api/users/${present(sam).id}`, { version: present(sam).version, active: false })
      .expect(200);
    const { browser, delivered } = await signIn('stranger');
    const ref = new URL(present(delivered.location)).searchParams.get('ref') ?? '';
    expect((await meOf(browser)).status).toBe(401);
    const page = await request(api.app.getHttpServer()).get(`/api/auth/no-access?ref=${ref}`).expect(200);
    expect((page.body as NoAccessDto).outcome).toBe('inactive');
  });

  it('logout ends the session and hands over the provider’s end-session address', async () => {
    const { browser } = await signIn('manager');
    const me = (await meOf(browser)).body as MeDto;
    const res = await request(api.app.getHttpServer())
      .post('/api/auth/logout')
      .set('cookie', browser.cookieHeader(base))
      .set('x-csrf-token', me.csrfToken)
      .expect(200);
    const url = new URL(present((res.body as LogoutDto).providerLogoutUrl));
    expect(url.origin + url.pathname).toBe(`${provider.issuer}/session/end`);
    expect(url.searchParams.get('client_id')).toBe(CLIENT.id);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/login`);
    expect(url.searchParams.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await meOf(browser)).status).toBe(401);
    const [audit] = await api.dataSource.query<{ after: { method: string } }[]>(
      `SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'auth.logout' ORDER BY seq DESC LIMIT 1`,
      [me.id],
    );
    expect(present(audit).after).toMatchObject({ method: 'oidc', by: 'user' });
  });

  it('a logout at the provider ends the Hyrkoll session through the back channel', async () => {
    const { browser } = await signIn('manager');
    expect((await meOf(browser)).status).toBe(200);
    const confirm = await browser.follow(`${provider.issuer}/session/end?client_id=${CLIENT.id}`);
    const loggedOut = await browser.submitForm(confirm, { logout: 'yes' });
    await browser.follow(loggedOut.location ?? loggedOut.url);
    expect((await meOf(browser)).status).toBe(401);
    const [audit] = await api.dataSource.query<{ after: { by: string } }[]>(
      `SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'auth.logout' ORDER BY seq DESC LIMIT 1`,
      [user('Manager').id],
    );
    expect(present(audit).after).toMatchObject({ method: 'oidc', by: 'back-channel' });
  });

  it('refuses a logout token that is not the provider’s, and a form body anywhere else', async () => {
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url'),
      Buffer.from(
        JSON.stringify({ iss: provider.issuer, aud: CLIENT.id, sub: 'manager', jti: 'x' }),
      ).toString('base64url'),
      '',
    ].join('.');
    const res = await request(api.app.getHttpServer())
      .post(`/api/auth/oidc/${region.code}/backchannel-logout`)
      .type('form')
      .send({ logout_token: unsigned })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'LOGOUT_TOKEN_INVALID' });
    const form = await request(api.app.getHttpServer())
      .post('/api/auth/login')
      .type('form')
      .send({ email: 'a', password: 'b' })
      .expect(415);
    expect(form.body).toMatchObject({ code: 'JSON_REQUIRED' });
  });

  it('answers 404 for a region without a provider, and 400 for a malformed region', async () => {
    const none = await request(api.app.getHttpServer()).get('/api/auth/oidc/98/login').expect(404);
    expect(none.body).toMatchObject({ code: 'SSO_NOT_CONFIGURED' });
    await request(api.app.getHttpServer()).get('/api/auth/oidc/x1/login').expect(400);
    await request(api.app.getHttpServer()).get('/api/auth/no-access?ref=unknown-reference-1234').expect(404);
  });

  it('with passwords switched off, the login route refuses them and the login page hides the form', async () => {
    const strict = await startApi({ PASSWORD_LOGIN: 'off' });
    try {
      const methods = await request(strict.app.getHttpServer()).get('/api/auth/methods').expect(200);
      expect((methods.body as LoginMethodsDto).password).toBe(false);
      const res = await request(strict.app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: user('Manager').email, password: 'whatever-it-is' })
        .expect(403);
      expect(res.body).toMatchObject({ code: 'PASSWORD_LOGIN_OFF' });
    } finally {
      await strict.close();
    }
  });

  it('signs every one of several first sign-ins at once in as the user, and leaves no access request', async () => {
    const browsers = [0, 1, 2, 3].map(() => new ProtocolBrowser());
    const callbacks = await Promise.all(browsers.map((b) => callbackOf(b, 'twin')));
    const delivered = await Promise.all(browsers.map((b, i) => b.request(present(callbacks[i]))));
    expect(delivered.map((d) => d.location)).toEqual(browsers.map(() => `${base}/orders`));
    const links = await api.dataSource.query<unknown[]>(
      `SELECT 1 FROM audit_events WHERE entity_id = $1 AND action = 'user.identity-link'`,
      [user('Twin').id],
    );
    expect(links).toHaveLength(1);
    const requests = (await admin().get('/api/access-requests').expect(200)).body as AccessRequestDto[];
    expect(requests.filter((r) => r.subject === 'SE2321000222-T1')).toEqual([]);
  });

  it('links by e-mail only an address the provider says it verified', async () => {
    const { browser, delivered } = await signIn('unverified');
    expect(delivered.location).toMatch(/\/login\/no-access\?ref=/);
    expect((await meOf(browser)).status).toBe(401);
    const [row] = await api.dataSource.query<{ external_id: string | null }[]>(
      'SELECT external_id FROM users WHERE id = $1',
      [user('Unverified').id],
    );
    expect(present(row).external_id).toBeNull();
  });

  it('encodes the return address for the Location header, and never returns to the login or another site', async () => {
    for (const [asked, expected] of [
      ['/orders?q=Kåge', '/orders?q=K%C3%A5ge'],
      ['/\u3002', '/%E3%80%82'],
      ['/..//evil.example', '/'],
      ['/login?sso=failed', '/'],
      [`/${'a'.repeat(5000)}`, '/'],
    ] as const) {
      const browser = new ProtocolBrowser();
      const delivered = await browser.request(await callbackOf(browser, 'manager', asked));
      expect(delivered.status).toBe(302);
      expect(delivered.location).toBe(`${base}${expected}`);
      expect((await meOf(browser)).status).toBe(200);
    }
  });

  it('starts a sign-in on the public address, so that the answer comes back to the same cookie', async () => {
    const res = await request(api.app.getHttpServer())
      .get(`/api/auth/oidc/${region.code}/login?returnUrl=%2Forders`)
      .set('host', 'intranet-alias.region.test')
      .expect(302);
    expect(res.headers['location']).toBe(`${base}/api/auth/oidc/${region.code}/login?returnUrl=%2Forders`);
  });

  it('finishes two sign-ins begun in two tabs of one browser, in either order', async () => {
    const browser = new ProtocolBrowser();
    const first = await callbackOf(browser, 'manager', '/orders');
    // the second tab: the provider knows the browser by now and answers without asking
    const start = await browser.request(
      `${base}/api/auth/oidc/${region.code}/login?returnUrl=${encodeURIComponent('/dispensations')}`,
    );
    const answer = await browser.follow(
      present(start.location),
      (url) => url.pathname === '/api/auth/oidc/callback',
    );
    const second = present(answer.location);
    expect((await browser.request(first)).location).toBe(`${base}/orders`);
    expect((await browser.request(second)).location).toBe(`${base}/dispensations`);
  });

  it('lets another person sign in at a browser the provider already knows (prompt=login)', async () => {
    const { browser } = await signIn('manager');
    const start = await browser.request(`${base}/api/auth/oidc/${region.code}/login?prompt=login`);
    const isCallback = (url: URL) => url.pathname === '/api/auth/oidc/callback';
    const form = await browser.follow(present(start.location), isCallback);
    expect(form.body).toContain('name="login"');
    const done = await browser.submitForm(form, { login: 'purchaser' });
    let answer = await browser.follow(present(done.location), isCallback);
    // the provider ends the other person's session first, with a page that submits itself
    if (!answer.location && answer.body.includes('document.forms[0].submit()')) {
      const ended = await browser.submitForm(answer, {});
      answer = await browser.follow(present(ended.location), isCallback);
    }
    await browser.request(present(answer.location));
    expect(((await meOf(browser)).body as MeDto).email).toBe(user('Purchaser').email);
    await request(api.app.getHttpServer()).get(`/api/auth/oidc/${region.code}/login?prompt=none`).expect(400);
  });

  it('says a sign-in cancelled at the provider was cancelled', async () => {
    const browser = new ProtocolBrowser();
    const callback = new URL(await callbackOf(browser, 'manager'));
    const cancelled = new URL(`${base}/api/auth/oidc/callback`);
    cancelled.searchParams.set('error', 'access_denied');
    cancelled.searchParams.set('state', callback.searchParams.get('state') ?? '');
    cancelled.searchParams.set('iss', provider.issuer);
    const delivered = await browser.request(cancelled.href);
    expect(delivered.location).toBe(`${base}/login/${region.code}?sso=cancelled`);
  });

  it('keeps passwords from a region that signs in through its provider, and sends its new users no link', async () => {
    const refused = await request(api.app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: user('Purchaser').email, password: NEW_REGION_PASSWORD })
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'PASSWORD_LOGIN_OFF' });
    // a wrong password answers as always: nothing is said to whoever does not know it
    await request(api.app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: user('Purchaser').email, password: 'not-the-password' })
      .expect(401);
    const created = (
      await admin()
        .post('/api/users', {
          email: `ny.${region.code}@region.test`,
          name: 'Nora Ny',
          roles: [{ role: 'STEERING_GROUP' }],
          externalId: 'SE2321000222-N1',
        })
        .expect(201)
    ).body as UserDto;
    const links = await api.dataSource.query<unknown[]>('SELECT 1 FROM password_setups WHERE user_id = $1', [
      created.id,
    ]);
    expect(links).toEqual([]);
    const link = await admin().post(`/api/users/${created.id}/password-setup`).expect(403);
    expect(link.body).toMatchObject({ code: 'PASSWORD_LOGIN_OFF' });
  });

  describe('configured by the operator’s command or by the environment', () => {
    const env = () => ({ ...testEnv(), [SECRET_VARIABLE]: CLIENT.secret });

    it('sso:configure names every bad option and stores nothing', async () => {
      const bad = await runCli('sso:configure', env(), [
        '--county',
        other.code,
        '--issuer',
        'http://idp.example.se/realm',
        '--client-id',
        'has space',
        '--secret-env',
        'lower',
        '--secret-file',
        'relative/path',
        '--scopes',
        'profile',
        '--group-roles',
        '{"g":"KING"}',
      ]);
      expect(bad.code).not.toBe(0);
      for (const problem of [
        '--label',
        '--issuer must use https',
        '--client-id',
        'exactly one of --secret-env',
        '--secret-env must name an environment variable',
        '--secret-file must be an absolute path',
        '--scopes must include openid',
        '--group-roles: "g"',
      ]) {
        expect(bad.out).toContain(problem);
      }
      const rows = await api.dataSource.query<unknown[]>(
        'SELECT 1 FROM identity_providers WHERE region_id = $1',
        [other.regionId],
      );
      expect(rows).toEqual([]);
    });

    it('sso:configure stores the region’s provider, audited, and its staff sign in; sso:remove stops it', async () => {
      const configured = await runCli('sso:configure', env(), [
        '--county',
        other.code,
        '--label',
        'Andra regionens inloggning',
        '--issuer',
        provider.issuer,
        '--client-id',
        CLIENT.id,
        '--secret-env',
        SECRET_VARIABLE,
        '--user-claim',
        'email',
      ]);
      expect(configured.code).toBe(0);
      expect(configured.out).toContain('/api/auth/oidc/callback');
      expect(configured.out).toContain(`/api/auth/oidc/${other.code}/backchannel-logout`);
      const methods = (await request(api.app.getHttpServer()).get('/api/auth/methods').expect(200))
        .body as LoginMethodsDto;
      expect(methods.providers.map((p) => p.region.code)).toEqual(
        expect.arrayContaining([region.code, other.code]),
      );
      const [audit] = await api.dataSource.query<{ action: string; actor_name: string }[]>(
        `SELECT action, actor_name FROM audit_events WHERE region_id = $1 AND entity_type = 'identity-provider'`,
        [other.regionId],
      );
      expect(audit).toMatchObject({ action: 'identity-provider.create', actor_name: 'operator (cli)' });
      // the purchaser of the other region signs in by e-mail: the provider's account 'buyer'
      const browser = new ProtocolBrowser();
      const start = await browser.request(`${base}/api/auth/oidc/${other.code}/login`);
      const isCallback = (url: URL) => url.pathname === '/api/auth/oidc/callback';
      const form = await browser.follow(present(start.location), isCallback);
      const done = await browser.submitForm(form, { login: 'buyer' });
      const answer = await browser.follow(present(done.location), isCallback);
      const delivered = await browser.request(present(answer.location));
      expect(delivered.location).toBe(`${base}/`);
      expect(((await meOf(browser)).body as MeDto).email).toBe(present(other.users['Buyer']).email);

      expect((await runCli('sso:remove', env(), ['--county', other.code])).code).toBe(0);
      await request(api.app.getHttpServer()).get(`/api/auth/oidc/${other.code}/login`).expect(404);
    });

    it('a provider that cannot be reached sends the person back to the region’s login page, saying so', async () => {
      const closed = await freePort();
      await api.dataSource.query(
        `INSERT INTO identity_providers (region_id, label, issuer, client_id, client_auth, secret_ref)
         VALUES ($1, 'Borta', $2, 'x', 'client_secret_basic', $3)`,
        [other.regionId, `http://127.0.0.1:${closed}`, `env:${SECRET_VARIABLE}`],
      );
      try {
        const res = await request(api.app.getHttpServer())
          .get(`/api/auth/oidc/${other.code}/login`)
          .expect(302);
        expect(res.headers['location']).toBe(`/login/${other.code}?sso=unavailable`);
      } finally {
        await api.dataSource.query('DELETE FROM identity_providers WHERE region_id = $1', [other.regionId]);
      }
    });

    it('takes one region’s provider from the environment, which wins over a stored one', async () => {
      const fromEnv = await startApi({
        PORT: String(envPort),
        PUBLIC_URL: envBase,
        OIDC_REGION: region.code,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: CLIENT.id,
        OIDC_CLIENT_SECRET: CLIENT.secret,
        OIDC_LABEL: 'Miljöns inloggning',
        OIDC_SCOPES: 'openid profile email hsa',
        OIDC_USER_CLAIM: 'hsa_id',
      });
      try {
        await fromEnv.app.listen(envPort, '127.0.0.1');
        const methods = (await request(fromEnv.app.getHttpServer()).get('/api/auth/methods').expect(200))
          .body as LoginMethodsDto;
        expect(methods.providers.find((p) => p.region.code === region.code)?.label).toBe(
          'Miljöns inloggning',
        );
        const browser = new ProtocolBrowser();
        const start = await browser.request(`${envBase}/api/auth/oidc/${region.code}/login`);
        const isCallback = (url: URL) => url.pathname === '/api/auth/oidc/callback';
        const form = await browser.follow(present(start.location), isCallback);
        const done = await browser.submitForm(form, { login: 'manager' });
        const answer = await browser.follow(present(done.location), isCallback);
        expect(answer.location).toContain(`${envBase}/api/auth/oidc/callback?`);
        const delivered = await browser.request(present(answer.location));
        expect(delivered.location).toBe(`${envBase}/`);
        const me = await request(fromEnv.app.getHttpServer())
          .get('/api/auth/me')
          .set('cookie', browser.cookieHeader(envBase));
        expect((me.body as MeDto).email).toBe(user('Manager').email);
      } finally {
        await fromEnv.close();
      }
    });

    it('authenticates to the provider with a private key instead of a secret (private_key_jwt)', async () => {
      const keyFile = join(mkdtempSync(join(tmpdir(), 'hyrkoll-sso-')), 'client.pem');
      writeFileSync(keyFile, clientKey.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
      const withKey = await startApi({
        PORT: String(envPort),
        PUBLIC_URL: envBase,
        OIDC_REGION: region.code,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: KEY_CLIENT,
        OIDC_PRIVATE_KEY_FILE: keyFile,
        OIDC_SCOPES: 'openid profile email hsa',
        OIDC_USER_CLAIM: 'hsa_id',
      });
      try {
        await withKey.app.listen(envPort, '127.0.0.1');
        const browser = new ProtocolBrowser();
        const start = await browser.request(`${envBase}/api/auth/oidc/${region.code}/login`);
        const isCallback = (url: URL) => url.pathname === '/api/auth/oidc/callback';
        const form = await browser.follow(present(start.location), isCallback);
        const done = await browser.submitForm(form, { login: 'manager' });
        const answer = await browser.follow(present(done.location), isCallback);
        const delivered = await browser.request(present(answer.location));
        expect(delivered.location).toBe(`${envBase}/`);
      } finally {
        await withKey.close();
      }
    });
  });
});
