import type {
  DispensationDto,
  OrderDto,
  Permission,
  SupplierDto,
  UnitDto,
  UserDto,
} from '@hyrkoll/contracts';
import { canAccess, Grant } from '@hyrkoll/domain';
import request from 'supertest';

import { RouteAccessRegistry, RouteEntry } from '../src/common/auth/route-access.registry';
import { anOrder } from './support/builders';
import { DEMO_STAFF } from './support/demo-staff';
import { NewRegion, newRegion } from './support/new-region';
import { newOperator, OperatorSession } from './support/operator';
import { as, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';
import { submitOrder } from './support/workflow';

/**
 * Every route × every role (and no login, a user of another region, and the deployment's
 * operator): the guard lets a user through exactly when they hold the route's permission, records
 * outside the user's scope or region are never returned or changed, and the operator, who
 * belongs to no region, reaches only its own routes.
 */
describe('authorization matrix, generated from the route table', () => {
  let api: TestApp;
  let region: NewRegion;
  let routes: readonly RouteEntry[];
  const sessions: Record<string, TestSession> = {};
  let operator: OperatorSession;
  const grants: Record<string, Grant[]> = {};
  let fixtures: {
    regionId: string;
    orderSke: OrderDto;
    orderSla: OrderDto;
    orderOther: string;
    dispSke: DispensationDto;
    dispSla: DispensationDto;
    user: UserDto;
    supplier: SupplierDto;
  };

  function submitted(
    session: TestSession,
    unit: UnitDto,
  ): Promise<{ order: OrderDto; dispensation: DispensationDto }> {
    return submitOrder(api.app, session, anOrder(unit.id).withHours('100.00').build());
  }

  beforeAll(async () => {
    api = await startApi();
    // the demo's staffing in a region of the file's own, and a second region with a purchaser
    // and a unit manager
    region = await newRegion(api.app, api.dataSource, DEMO_STAFF);
    const other = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-LULEA'],
      units: [{ costCentre: '910101', area: 'NSO-LULEA' }],
      users: {
        otherRegionPurchaser: [{ role: 'PURCHASER' }],
        otherRegionUnitManager: [{ role: 'UNIT_MANAGER', unit: '910101' }],
      },
    });
    Object.assign(sessions, region.sessions, other.sessions);
    for (const [key, session] of Object.entries(sessions)) {
      const regionId = key.startsWith('otherRegion') ? other.regionId : region.regionId;
      grants[key] = session.me.roles.map((r) => ({
        role: r.role,
        regionId,
        unitId: r.unit?.id ?? null,
        areaId: r.area?.id ?? null,
      }));
    }
    const units = (
      await as(api.app, sessions['unitManagerSkelleftea'] as TestSession)
        .get('/api/org/units')
        .expect(200)
    ).body as UnitDto[];
    const ske = await submitted(
      sessions['unitManagerSkelleftea'] as TestSession,
      units.find((u) => u.costCentre === '120101') as UnitDto,
    );
    const sla = await submitted(
      sessions['unitManagerLappland'] as TestSession,
      units.find((u) => u.costCentre === '130102') as UnitDto,
    );
    const otherOrder = (
      await as(api.app, sessions['otherRegionUnitManager'] as TestSession)
        .post(
          '/api/orders',
          anOrder(other.unitIds['910101'] as string)
            .withHours('100.00')
            .build(),
        )
        .expect(201)
    ).body as OrderDto;
    const users = (
      await as(api.app, sessions['administrator'] as TestSession)
        .get('/api/users')
        .expect(200)
    ).body as UserDto[];
    const suppliers = (
      await as(api.app, sessions['purchaser'] as TestSession)
        .get('/api/agreement/suppliers')
        .expect(200)
    ).body as SupplierDto[];
    fixtures = {
      regionId: grants['purchaser']?.[0]?.regionId as string,
      orderSke: ske.order,
      orderSla: sla.order,
      orderOther: otherOrder.id,
      dispSke: ske.dispensation,
      dispSla: sla.dispensation,
      user: users.find((u) => u.email === region.users['steeringGroup']?.email) as UserDto,
      supplier: suppliers[0] as SupplierDto,
    };
    routes = api.app.get(RouteAccessRegistry).table();
    operator = await newOperator(api);
  });

  afterAll(() => api.close());

  /** A concrete path for a route, with its parameters filled from the fixtures. */
  function pathOf(route: RouteEntry): string {
    return route.path
      .replace(/^\/api\/orders\/:id/, `/api/orders/${fixtures.orderSke.id}`)
      .replace(/^\/api\/dispensations\/:id/, `/api/dispensations/${fixtures.dispSke.id}`)
      .replace(/^\/api\/users\/:id/, `/api/users/${fixtures.user.id}`)
      .replace(/^\/api\/grant-requests\/:id/, '/api/grant-requests/00000000-0000-4000-8000-000000000000')
      .replace(/^\/api\/agreement\/suppliers\/:id/, `/api/agreement/suppliers/${fixtures.supplier.id}`)
      .replace(
        /^\/api\/agreement\/former-employees\/:id/,
        '/api/agreement/former-employees/00000000-0000-4000-8000-000000000000',
      )
      .replace(/:code/, `${region.code}82`); // Norrböle's municipality
  }

  function send(route: RouteEntry, session?: Pick<TestSession, 'cookie' | 'csrf'>) {
    const server = api.app.getHttpServer();
    const path = pathOf(route);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let test = request(server)[method](path);
    if (session) test = test.set('cookie', session.cookie).set('x-csrf-token', session.csrf);
    // An empty body: allowed callers get 400 from validation, which happens after the guard.
    return method === 'get' || method === 'delete' ? test : test.send({});
  }

  it('covers every route of the API', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(routes.every((r) => r.access)).toBe(true);
  });

  it('refuses every non-public route without a login (401), and serves public ones', async () => {
    for (const route of routes) {
      if (route.method === 'POST' && route.path === '/api/auth/login') continue; // a login attempt would count as a failure
      const res = await send(route);
      const label = `${route.method} ${route.path}`;
      if (route.access?.kind === 'public')
        expect({ label, status: res.status }).not.toEqual({ label, status: 401 });
      else expect({ label, status: res.status }).toEqual({ label, status: 401 });
    }
  });

  it('lets each role through the guard exactly when it holds the route permission', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if (route.access?.kind !== 'permission') continue;
      const permission = route.access.permission as Permission;
      for (const [key, session] of Object.entries(sessions)) {
        const res = await send(route, session);
        const allowed = session.me.permissions.includes(permission);
        const blocked = res.status === 403 && /needs the permission/.test(res.body?.message ?? '');
        if (allowed === blocked || res.status === 401 || res.status >= 500) {
          failures.push(
            `${route.method} ${route.path} as ${key}: ${res.status} (${allowed ? 'should pass' : 'should be refused'})`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses the operator on every route of the regions (401), and every region user on the operator's (403)", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const kind = route.access?.kind;
      const label = `${route.method} ${route.path}`;
      if (kind === 'public') continue;
      if (kind !== 'operator') {
        const res = await send(route, operator);
        if (res.status !== 401) failures.push(`${label} as the operator: ${res.status}`);
        continue;
      }
      for (const [key, session] of Object.entries(sessions)) {
        const res = await send(route, session);
        if (res.status !== 403 || res.body?.code !== 'OPERATOR_ONLY')
          failures.push(`${label} as ${key}: ${res.status}`);
      }
      if (label === 'POST /api/operator/logout') continue; // below, last
      const res = await send(route, operator);
      if (![200, 400].includes(res.status)) failures.push(`${label} as the operator: ${res.status}`);
    }
    for (const [key, session] of Object.entries(sessions)) {
      const res = await request(api.app.getHttpServer())
        .get('/api/admin/queues/api/queues')
        .set('cookie', session.cookie);
      if (res.status !== 403) failures.push(`the queue board as ${key}: ${res.status}`);
    }
    expect(failures).toEqual([]);
    // the operator's session token is no user's session, whichever cookie carries it
    const token = /hyrkoll_operator=([^;]+)/.exec(operator.cookie)?.[1] as string;
    const asUser = `hyrkoll_session=${token}`;
    for (const path of ['/api/auth/me', '/api/orders', '/api/metrics/skr-ratio', '/api/operations/status']) {
      await request(api.app.getHttpServer()).get(path).set('cookie', asUser).expect(401);
    }
    await request(api.app.getHttpServer())
      .post('/api/operator/logout')
      .set('cookie', operator.cookie)
      .set('x-csrf-token', operator.csrf)
      .expect(204);
    await request(api.app.getHttpServer()).get('/api/operator/me').set('cookie', operator.cookie).expect(401);
  });

  it('returns a record only to users whose scope covers it, and never across regions', async () => {
    const records = [
      {
        path: `/api/orders/${fixtures.orderSke.id}`,
        permission: 'order:read',
        placement: {
          regionId: fixtures.regionId,
          areaId: fixtures.orderSke.unit.areaId,
          unitId: fixtures.orderSke.unit.id,
        },
      },
      {
        path: `/api/orders/${fixtures.orderSla.id}`,
        permission: 'order:read',
        placement: {
          regionId: fixtures.regionId,
          areaId: fixtures.orderSla.unit.areaId,
          unitId: fixtures.orderSla.unit.id,
        },
      },
      {
        path: `/api/orders/${fixtures.orderSke.id}/bids`,
        permission: 'order:read',
        placement: {
          regionId: fixtures.regionId,
          areaId: fixtures.orderSke.unit.areaId,
          unitId: fixtures.orderSke.unit.id,
        },
      },
      {
        path: `/api/orders/${fixtures.orderSke.id}/timeline`,
        permission: 'order:read',
        placement: {
          regionId: fixtures.regionId,
          areaId: fixtures.orderSke.unit.areaId,
          unitId: fixtures.orderSke.unit.id,
        },
      },
      {
        path: `/api/dispensations/${fixtures.dispSke.id}`,
        permission: 'dispensation:read',
        placement: {
          regionId: fixtures.regionId,
          areaId: fixtures.dispSke.unit.areaId,
          unitId: fixtures.dispSke.unit.id,
        },
      },
      {
        path: `/api/dispensations/${fixtures.dispSla.id}`,
        permission: 'dispensation:read',
        placement: {
          regionId: fixtures.regionId,
          areaId: fixtures.dispSla.unit.areaId,
          unitId: fixtures.dispSla.unit.id,
        },
      },
      {
        path: `/api/orders/${fixtures.orderOther}`,
        permission: 'order:read',
        placement: { regionId: 'other', areaId: 'x', unitId: 'x' },
      },
    ] as const;
    const failures: string[] = [];
    for (const record of records) {
      for (const [key, session] of Object.entries(sessions)) {
        if (!session.me.permissions.includes(record.permission)) continue;
        const res = await as(api.app, session).get(record.path);
        const mayRead =
          canAccess(grants[key] as Grant[], record.permission, record.placement) ||
          (key.startsWith('otherRegion') && record.path.includes(fixtures.orderOther));
        const expected = mayRead ? 200 : 404;
        if (res.status !== expected)
          failures.push(`GET ${record.path} as ${key}: ${res.status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lists only records inside the user scope', async () => {
    const failures: string[] = [];
    for (const [key, session] of Object.entries(sessions)) {
      if (session.me.permissions.includes('order:read')) {
        const { items } = (await as(api.app, session).get('/api/orders?pageSize=100').expect(200)).body as {
          items: OrderDto[];
        };
        for (const o of items) {
          const regionId = key.startsWith('otherRegion')
            ? (grants[key]?.[0]?.regionId as string)
            : fixtures.regionId;
          if (
            !canAccess(grants[key] as Grant[], 'order:read', {
              regionId,
              areaId: o.unit.areaId,
              unitId: o.unit.id,
            })
          )
            failures.push(`${key} lists order ${o.reference}`);
        }
      }
      if (session.me.permissions.includes('dispensation:read')) {
        const { items } = (await as(api.app, session).get('/api/dispensations?pageSize=100').expect(200))
          .body as { items: DispensationDto[] };
        for (const d of items) {
          if (
            !canAccess(grants[key] as Grant[], 'dispensation:read', {
              regionId: fixtures.regionId,
              areaId: d.unit.areaId,
              unitId: d.unit.id,
            })
          ) {
            failures.push(`${key} lists dispensation ${d.orderReference}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets nobody outside the scope act on an order or a dispensation, and leaves it unchanged', async () => {
    const actions = [
      {
        path: `/api/orders/${fixtures.orderSke.id}/cancel`,
        body: { version: fixtures.orderSke.version, reason: 'matrix' },
      },
      {
        path: `/api/dispensations/${fixtures.dispSke.id}/approve`,
        body: { version: fixtures.dispSke.version },
      },
      {
        path: `/api/dispensations/${fixtures.dispSke.id}/reject`,
        body: { version: fixtures.dispSke.version, comment: 'matrix' },
      },
      {
        path: `/api/dispensations/${fixtures.dispSke.id}/withdraw`,
        body: { version: fixtures.dispSke.version },
      },
    ];
    const outsiders = [
      'unitManagerLappland',
      'areaChiefLappland',
      'areaChiefAndUnitManagerUmea',
      'steeringGroup',
      'otherRegionPurchaser',
      'otherRegionUnitManager',
    ];
    const failures: string[] = [];
    for (const action of actions) {
      for (const key of outsiders) {
        const res = await as(api.app, sessions[key] as TestSession).post(action.path, action.body);
        if (![403, 404].includes(res.status)) failures.push(`POST ${action.path} as ${key}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    const order = (
      await as(api.app, sessions['unitManagerSkelleftea'] as TestSession)
        .get(`/api/orders/${fixtures.orderSke.id}`)
        .expect(200)
    ).body as OrderDto;
    expect(order.version).toBe(fixtures.orderSke.version);
    const dispensation = (
      await as(api.app, sessions['areaChiefSkelleftea'] as TestSession)
        .get(`/api/dispensations/${fixtures.dispSke.id}`)
        .expect(200)
    ).body as DispensationDto;
    expect(dispensation.version).toBe(fixtures.dispSke.version);
  });
});
