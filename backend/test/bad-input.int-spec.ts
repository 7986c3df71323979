import request from 'supertest';

import { RouteAccessRegistry, RouteEntry } from '../src/common/auth/route-access.registry';
import { rowCounts } from './support/databases';
import { NewRegion, newRegion } from './support/new-region';
import type { TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
  enum?: unknown[];
  items?: Schema;
}

/**
 * Bad input on every write route, built from the OpenAPI document: missing fields, wrong
 * types, unknown fields, huge strings, malformed JSON. Each must be a 4xx in the error shape,
 * never a 5xx, and nothing may be written.
 */
describe('bad input on every write route', () => {
  let api: TestApp;
  let region: NewRegion;
  let all: TestSession;
  let schemas: Record<string, Schema>;
  let paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: Schema } | undefined> } }>
  >;
  let writes: RouteEntry[];

  beforeAll(async () => {
    api = await startApi();
    // One user with every role, so that every route passes the guard and reaches validation.
    region = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-SKE'],
      units: [{ costCentre: '120101', area: 'NSO-SKE' }],
      users: {
        AllRoles: [
          { role: 'UNIT_MANAGER', unit: '120101' },
          { role: 'AREA_CHIEF', area: 'NSO-SKE' },
          { role: 'HEALTHCARE_DIRECTOR' },
          { role: 'PURCHASER' },
          { role: 'STEERING_GROUP' },
          { role: 'ADMINISTRATOR' },
        ],
      },
      agreement: true,
    });
    all = region.sessions['AllRoles'] as TestSession;
    expect(all.me.roles).toHaveLength(6);
    const doc = (await request(api.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    schemas = doc.components.schemas;
    paths = doc.paths;
    writes = api.app
      .get(RouteAccessRegistry)
      .table()
      .filter((r) => r.method !== 'GET' && r.path !== '/api/auth/logout');
  });

  afterAll(() => api.close());

  function resolve(schema: Schema): Schema {
    if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop() as string] as Schema);
    if (schema.allOf) {
      const parts = schema.allOf.map(resolve);
      return {
        type: 'object',
        properties: Object.assign({}, ...parts.map((p) => p.properties)),
        required: parts.flatMap((p) => p.required ?? []),
      };
    }
    return schema;
  }

  function wrongValue(schema: Schema): unknown {
    const s = resolve(schema);
    switch (s.type) {
      case 'string':
        return 12345;
      case 'number':
      case 'integer':
        return 'not a number';
      case 'boolean':
        return 'yes';
      case 'array':
        return 'not a list';
      default:
        return 'not an object';
    }
  }

  function pathOf(route: RouteEntry): string {
    // :code is a municipality's: the one of the region's unit
    return route.path
      .replace(/:id/g, '00000000-0000-4000-8000-000000000000')
      .replace(/:code/g, `${region.code}81`);
  }

  function badBodies(route: RouteEntry): { label: string; body: string; contentType?: string }[] {
    const op = paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
    const json = op?.requestBody?.content['application/json']?.schema;
    const schema = json ? resolve(json) : { type: 'object', properties: {} };
    const properties = schema.properties ?? {};
    const wrongTypes = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, wrongValue(v)]));
    const huge = Object.fromEntries(Object.keys(properties).map((k) => [k, 'x'.repeat(100_000)]));
    return [
      { label: 'missing fields', body: '{}' },
      { label: 'wrong types', body: JSON.stringify(wrongTypes) },
      { label: 'unknown field', body: JSON.stringify({ ...wrongTypes, notAField: true }) },
      { label: 'huge strings', body: JSON.stringify({ ...huge, extra: 'x'.repeat(100_000) }) },
      { label: 'malformed JSON', body: '{"version": 1,' },
      { label: 'a list', body: '[1, 2, 3]' },
      { label: 'not JSON', body: 'version=1', contentType: 'text/plain' },
    ];
  }

  async function counts(): Promise<Record<string, number>> {
    return rowCounts(api.dataSource);
  }

  it('has write routes to check', () => {
    expect(writes.length).toBeGreaterThanOrEqual(25);
  });

  it('answers every bad body with a 4xx in the error shape and writes nothing', async () => {
    const before = await counts();
    const failures: string[] = [];
    for (const route of writes) {
      for (const bad of badBodies(route)) {
        const method = route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
        const res = await request(api.app.getHttpServer())
          [method](pathOf(route))
          .set('cookie', all.cookie)
          .set('x-csrf-token', all.csrf)
          .set('content-type', bad.contentType ?? 'application/json')
          .send(bad.body);
        const label = `${route.method} ${route.path} (${bad.label})`;
        const shapeOk =
          typeof res.body?.statusCode === 'number' &&
          typeof res.body?.code === 'string' &&
          typeof res.body?.message === 'string' &&
          res.body.statusCode === res.status;
        if (res.status < 400 || res.status >= 500 || !shapeOk)
          failures.push(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});
