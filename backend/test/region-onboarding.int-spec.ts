import { hostname, userInfo } from 'node:os';

import type { AuditEventDto, UserDto } from '@hyrkoll/contracts';
import request from 'supertest';

import { runCli } from './support/cli';
import { createThrowawayDatabase, databaseEnv, dropDatabase } from './support/databases';
import { as, loginAs } from './support/sessions';
import { startApi, TestApp } from './support/test-app';
import { testEnv } from './support/test-env';

const PUBLIC_URL = 'https://hyrkoll.test';

/**
 * The operator onboards a region without the demo seed, through the built CLI, in a throwaway
 * database of its own (region 24 is the demo's, which other files load into the shared one).
 */
describe('onboarding a region (cli region:create)', () => {
  let url: string;
  let env: Record<string, string | undefined>;
  let api: TestApp | undefined;

  beforeAll(async () => {
    url = await createThrowawayDatabase('hyrkoll_it_onboarding');
    // migrate runs as the owner; every other command and the API as the application's role
    env = { ...testEnv(), ...databaseEnv(url), PUBLIC_URL };
    const migrated = await runCli('migrate', env);
    expect(migrated.code).toBe(0);
  });

  afterAll(async () => {
    await api?.close();
    await dropDatabase(url);
  });

  const create = (extra: string[] = []) =>
    runCli('region:create', env, [
      '--county',
      '24',
      '--name',
      'Region Västerbotten',
      '--admin-email',
      'Anna.Admin@regionvasterbotten.se',
      '--admin-name',
      'Anna Admin',
      ...extra,
    ]);

  it('refuses a county that does not exist and a missing e-mail address, naming the option', async () => {
    const bad = await runCli('region:create', env, [
      '--county',
      '26',
      '--name',
      'Region X',
      '--admin-email',
      'x@example.se',
      '--admin-name',
      'X',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--county must be the two-digit code of a Swedish county');
    const noEmail = await runCli('region:create', env, [
      '--county',
      '24',
      '--name',
      'R',
      '--admin-name',
      'X',
    ]);
    expect(noEmail.code).toBe(2);
    expect(noEmail.out).toContain('--admin-email must be an e-mail address');
  });

  it("creates the region, its county's municipalities and an administrator who sets a password by link", async () => {
    const created = await create();
    expect(created.code).toBe(0);
    expect(created.out).toContain('region 24 Region Västerbotten with 15 municipalities');
    const token = /https:\/\/hyrkoll\.test\/password-setup#([A-Za-z0-9_-]{40,})/.exec(created.out)?.[1];
    expect(token).toBeDefined();

    api = await startApi({ DATABASE_URL: databaseEnv(url).DATABASE_URL, PUBLIC_URL });
    const municipalities = await api.dataSource.query<{ code: string; name: string }[]>(
      'SELECT m.code, m.name FROM municipalities m JOIN regions r ON r.id = m.region_id WHERE r.code = $1 ORDER BY m.code',
      ['24'],
    );
    expect(municipalities).toHaveLength(15);
    expect(municipalities[0]).toEqual({ code: '2401', name: 'Nordmaling' });
    expect(municipalities.map((m) => m.code)).toContain('2480');
    const mailed = await api.dataSource.query<{ job_name: string }[]>(
      `SELECT job_name FROM outbox WHERE queue = 'notifications'`,
    );
    expect(mailed).toEqual([{ job_name: 'password-setup' }]);

    // no password until the link is used
    const early = await request(api.app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: 'anna.admin@regionvasterbotten.se', password: 'annas-own-password' });
    expect(early.status).toBe(401);
    await request(api.app.getHttpServer())
      .post('/api/password-setup')
      .send({ token, password: 'annas-own-password' })
      .expect(204);
    const anna = await loginAs(api.app, 'anna.admin@regionvasterbotten.se', 'annas-own-password');
    expect(anna.me).toMatchObject({
      region: { code: '24', name: 'Region Västerbotten' },
      roles: [{ role: 'ADMINISTRATOR' }],
    });
    const users = (await as(api.app, anna).get('/api/users').expect(200)).body as UserDto[];
    expect(users.map((u) => u.email)).toEqual(['anna.admin@regionvasterbotten.se']);
  });

  it('refuses to create a region that exists, and changes nothing', async () => {
    const again = await create();
    expect(again.code).toBe(1);
    expect(again.out).toContain('region 24 (Region Västerbotten) already exists; nothing was changed');
    const [{ n }] = (await api?.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM users',
    )) as { n: number }[];
    expect(n).toBe(1);
  });

  it('adds a second administrator, who can then approve grants', async () => {
    const added = await runCli('region:add-admin', env, [
      '--county',
      '24',
      '--admin-email',
      'bo.admin@regionvasterbotten.se',
      '--admin-name',
      'Bo Admin',
    ]);
    expect(added.code).toBe(0);
    // the region has an administrator who can let Bo in: the link goes to Bo's mail only
    expect(added.out).toMatch(
      /administrator Bo Admin <bo\.admin@regionvasterbotten\.se>: the one-time link is mailed to them only/,
    );
    expect(added.out).not.toContain('/password-setup#');
    const roles = await api?.dataSource.query<{ role: string }[]>(
      `SELECT a.role FROM role_assignments a JOIN users u ON u.id = a.user_id WHERE u.email = $1`,
      ['bo.admin@regionvasterbotten.se'],
    );
    expect(roles).toEqual([{ role: 'ADMINISTRATOR' }]);
    const links = await api?.dataSource.query<{ printed: number; mailed: number }[]>(
      `SELECT count(*) FILTER (WHERE s.token_hash IS NOT NULL)::int AS printed,
              count(*) FILTER (WHERE s.token_hash IS NULL)::int AS mailed
         FROM password_setups s JOIN users u ON u.id = s.user_id WHERE u.email = $1`,
      ['bo.admin@regionvasterbotten.se'],
    );
    expect(links).toEqual([{ printed: 0, mailed: 1 }]);
  });

  it("records both commands in operator_events and the region's trail with the system account", async () => {
    const account = `${userInfo().username}@${hostname()}`;
    const events = await api?.dataSource.query<
      { actor_name: string; action: string; outcome: string; detail: Record<string, unknown> }[]
    >(`SELECT actor_name, action, outcome, detail FROM operator_events ORDER BY seq`);
    expect(events).toEqual([
      {
        actor_name: account,
        action: 'region.create',
        outcome: 'allowed',
        detail: expect.objectContaining({
          county: '24',
          email: 'anna.admin@regionvasterbotten.se',
          linkPrinted: true,
        }),
      },
      {
        actor_name: account,
        action: 'region.add-admin',
        outcome: 'allowed',
        detail: expect.objectContaining({
          county: '24',
          email: 'bo.admin@regionvasterbotten.se',
          linkPrinted: false,
        }),
      },
    ]);
    const anna = await loginAs(
      (api as TestApp).app,
      'anna.admin@regionvasterbotten.se',
      'annas-own-password',
    );
    const bo = (
      (
        await as((api as TestApp).app, anna)
          .get('/api/users')
          .expect(200)
      ).body as UserDto[]
    ).find((u) => u.email === 'bo.admin@regionvasterbotten.se') as UserDto;
    const trail = (
      await as((api as TestApp).app, anna)
        .get(`/api/audit?entityType=user&entityId=${bo.id}`)
        .expect(200)
    ).body as AuditEventDto[];
    expect(trail.map((e) => e.actor.name)).toEqual([
      `operator (cli: ${account})`,
      `operator (cli: ${account})`,
    ]);
  });

  it('prints the link again when no administrator of the region can log in', async () => {
    await api?.dataSource.query(
      `UPDATE users SET active = false WHERE email IN ('anna.admin@regionvasterbotten.se', 'bo.admin@regionvasterbotten.se')`,
    );
    const added = await runCli('region:add-admin', env, [
      '--county',
      '24',
      '--admin-email',
      'cecilia.admin@regionvasterbotten.se',
      '--admin-name',
      'Cecilia Admin',
    ]);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/https:\/\/hyrkoll\.test\/password-setup#[A-Za-z0-9_-]{40,}/);
  });
});
