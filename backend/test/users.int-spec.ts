import type { AuditEventDto, ErrorBody, UnitDto, UserDto } from '@hyrkoll/contracts';

import { as, DEMO, loginAs, TestSession } from './support/sessions';
import { startApi, TestApp, withDemoData } from './support/test-app';

describe('users and roles (administrator)', () => {
  let api: TestApp;
  let admin: TestSession;
  let norrbole: UnitDto;

  beforeAll(async () => {
    api = await startApi();
    await withDemoData(api.dataSource);
    admin = await loginAs(api.app, DEMO.administrator);
    const units = (await as(api.app, admin).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[];
    norrbole = units.find((u) => u.costCentre === '120101') as UnitDto;
  });

  afterAll(() => api.close());

  it('lists the demo users with their roles', async () => {
    const users = (await as(api.app, admin).get('/api/users').expect(200)).body as UserDto[];
    const lena = users.find((u) => u.email === DEMO.areaChiefAndUnitManagerUmea);
    expect(lena?.roles.map((r) => r.role).sort()).toEqual(['AREA_CHIEF', 'UNIT_MANAGER']);
  });

  it('creates a user who can then log in with the given roles, and audits it', async () => {
    const res = await as(api.app, admin)
      .post('/api/users', {
        email: 'New.Manager@demo.hyrkoll.se',
        name: 'Ny Enhetschef',
        password: 'a-long-first-password',
        roles: [{ role: 'UNIT_MANAGER', unitId: norrbole.id }],
      })
      .expect(201);
    const user = res.body as UserDto;
    expect(user.email).toBe('new.manager@demo.hyrkoll.se');
    const session = await loginAs(api.app, 'new.manager@demo.hyrkoll.se', 'a-long-first-password');
    expect(session.me.roles).toEqual([
      { role: 'UNIT_MANAGER', unit: { id: norrbole.id, name: norrbole.name, costCentre: '120101' } },
    ]);

    const audit = (await as(api.app, admin).get(`/api/audit?entityType=user&entityId=${user.id}`).expect(200))
      .body as AuditEventDto[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'user.create', actor: { name: 'Anders Sjöberg' } });
    expect(JSON.stringify(audit[0]?.after)).not.toContain('argon2');
  });

  it('refuses a role without its scope, naming the field', async () => {
    const res = await as(api.app, admin)
      .post('/api/users', {
        email: 'bad.roles@demo.hyrkoll.se',
        name: 'Bad Roles',
        password: 'a-long-first-password',
        roles: [{ role: 'AREA_CHIEF' }, { role: 'PURCHASER', unitId: norrbole.id }, { role: 'KING' }],
      })
      .expect(400);
    const body = res.body as ErrorBody;
    expect(body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'roles.2.role' })]),
    );
    const again = await as(api.app, admin)
      .post('/api/users', {
        email: 'bad.roles@demo.hyrkoll.se',
        name: 'Bad Roles',
        password: 'a-long-first-password',
        roles: [{ role: 'AREA_CHIEF' }, { role: 'PURCHASER', unitId: norrbole.id }],
      })
      .expect(400);
    expect((again.body as ErrorBody).details).toEqual([
      { field: 'roles.0.areaId', message: 'AREA_CHIEF needs an areaId and no unitId' },
      { field: 'roles.1.role', message: 'PURCHASER covers the region: give no unitId or areaId' },
    ]);
    const users = (await as(api.app, admin).get('/api/users').expect(200)).body as UserDto[];
    expect(users.some((u) => u.email === 'bad.roles@demo.hyrkoll.se')).toBe(false);
  });

  it('refuses a second user with the same e-mail address with 409', async () => {
    const res = await as(api.app, admin)
      .post('/api/users', {
        email: DEMO.purchaser,
        name: 'Copy',
        password: 'a-long-first-password',
        roles: [],
      })
      .expect(409);
    expect((res.body as ErrorBody).code).toBe('CONFLICT');
  });

  it('refuses a change based on a stale version with 409, and deactivation ends the sessions', async () => {
    // A user of its own: the demo users are shared by every test file.
    const user = (
      await as(api.app, admin)
        .post('/api/users', {
          email: 'short.lived@demo.hyrkoll.se',
          name: 'Short Lived',
          password: 'short-lived-password',
          roles: [{ role: 'STEERING_GROUP' }],
        })
        .expect(201)
    ).body as UserDto;
    const session = await loginAs(api.app, 'short.lived@demo.hyrkoll.se', 'short-lived-password');

    const renamed = (
      await as(api.app, admin)
        .patch(`/api/users/${user.id}`, { version: user.version, name: 'Short L.' })
        .expect(200)
    ).body as UserDto;
    expect(renamed.version).toBe(user.version + 1);
    const stale = await as(api.app, admin)
      .patch(`/api/users/${user.id}`, { version: user.version, active: false })
      .expect(409);
    expect((stale.body as ErrorBody).message).toContain(`version is now ${renamed.version}`);

    await as(api.app, admin)
      .patch(`/api/users/${user.id}`, { version: renamed.version, active: false })
      .expect(200);
    await as(api.app, session).get('/api/auth/me').expect(401);
  });

  it('lets nobody but an administrator manage users', async () => {
    const purchaser = await loginAs(api.app, DEMO.purchaser);
    const res = await as(api.app, purchaser).get('/api/users').expect(403);
    expect((res.body as ErrorBody).message).toContain('user:manage');
  });
});
