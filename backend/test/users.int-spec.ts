import type { AuditEventDto, ErrorBody, UnitDto, UserDto } from '@hyrkoll/contracts';

import { NewRegion, newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';

/** In a region of its own: the users it lists and creates are the only ones there. */
describe('users and roles (administrator)', () => {
  let api: TestApp;
  let region: NewRegion;
  let admin: TestSession;
  let norrbole: UnitDto;

  beforeAll(async () => {
    api = await startApi();
    region = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-SKE'],
      units: [{ costCentre: '120101', area: 'NSO-SKE', name: 'Hälsocentral Norrböle' }],
      users: {
        Administrator: [{ role: 'ADMINISTRATOR' }],
        Purchaser: [{ role: 'PURCHASER' }],
        Lena: [
          { role: 'AREA_CHIEF', area: 'NSO-SKE' },
          { role: 'UNIT_MANAGER', unit: '120101' },
        ],
        ShortLived: [{ role: 'STEERING_GROUP' }],
      },
    });
    admin = region.sessions['Administrator'] as TestSession;
    const units = (await as(api.app, admin).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[];
    norrbole = units.find((u) => u.costCentre === '120101') as UnitDto;
  });

  afterAll(() => api.close());

  it("lists the region's users with their roles, and no one of another region", async () => {
    const users = (await as(api.app, admin).get('/api/users').expect(200)).body as UserDto[];
    expect(users.map((u) => u.email).sort()).toEqual(
      Object.values(region.users)
        .map((u) => u.email)
        .sort(),
    );
    const lena = users.find((u) => u.email === region.users['Lena']?.email);
    expect(lena?.roles.map((r) => r.role).sort()).toEqual(['AREA_CHIEF', 'UNIT_MANAGER']);
  });

  it('creates a user with the given roles and no password yet, and audits it', async () => {
    const res = await as(api.app, admin)
      .post('/api/users', {
        email: `New.Manager@region-${region.code}.test`,
        name: 'Ny Enhetschef',
        roles: [{ role: 'UNIT_MANAGER', unitId: norrbole.id }],
      })
      .expect(201);
    const user = res.body as UserDto;
    expect(user).toMatchObject({
      email: `new.manager@region-${region.code}.test`,
      passwordSet: false,
      roles: [{ role: 'UNIT_MANAGER', unit: { id: norrbole.id, name: norrbole.name, costCentre: '120101' } }],
    });

    const audit = (await as(api.app, admin).get(`/api/audit?entityType=user&entityId=${user.id}`).expect(200))
      .body as AuditEventDto[];
    expect(audit.map((e) => e.action).reverse()).toEqual(['user.create', 'user.password-link']);
    expect(audit[1]).toMatchObject({ action: 'user.create', actor: { name: 'Administrator' } });
  });

  it('refuses a role without its scope, naming the field', async () => {
    const res = await as(api.app, admin)
      .post('/api/users', {
        email: `bad.roles@region-${region.code}.test`,
        name: 'Bad Roles',
        roles: [{ role: 'AREA_CHIEF' }, { role: 'PURCHASER', unitId: norrbole.id }, { role: 'KING' }],
      })
      .expect(400);
    const body = res.body as ErrorBody;
    expect(body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'roles.2.role' })]),
    );
    const again = await as(api.app, admin)
      .post('/api/users', {
        email: `bad.roles@region-${region.code}.test`,
        name: 'Bad Roles',
        roles: [{ role: 'AREA_CHIEF' }, { role: 'PURCHASER', unitId: norrbole.id }],
      })
      .expect(400);
    expect((again.body as ErrorBody).details).toEqual([
      {
        field: 'roles.0.areaId',
        code: 'scope',
        params: { role: 'AREA_CHIEF', scope: 'area' },
        message: 'AREA_CHIEF needs an areaId and no unitId',
      },
      {
        field: 'roles.1.role',
        code: 'scope',
        params: { role: 'PURCHASER', scope: 'region' },
        message: 'PURCHASER covers the region: give no unitId or areaId',
      },
    ]);
    const users = (await as(api.app, admin).get('/api/users').expect(200)).body as UserDto[];
    expect(users.some((u) => u.email === `bad.roles@region-${region.code}.test`)).toBe(false);
  });

  it('refuses a second user with the same e-mail address with 409', async () => {
    const res = await as(api.app, admin)
      .post('/api/users', {
        email: region.users['Purchaser']?.email,
        name: 'Copy',
        roles: [],
      })
      .expect(409);
    expect((res.body as ErrorBody).code).toBe('DUPLICATE_EMAIL');
  });

  it('refuses a change based on a stale version with 409, and deactivation ends the sessions', async () => {
    const users = (await as(api.app, admin).get('/api/users').expect(200)).body as UserDto[];
    const user = users.find((u) => u.name === 'ShortLived') as UserDto;
    const session = region.sessions['ShortLived'] as TestSession;

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
    const res = await as(api.app, region.sessions['Purchaser'] as TestSession)
      .get('/api/users')
      .expect(403);
    expect(res.body).toMatchObject({ code: 'PERMISSION_MISSING', params: { permission: 'user:manage' } });
  });
});
