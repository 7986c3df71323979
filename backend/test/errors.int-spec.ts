import type { ErrorBody } from '@hyrkoll/contracts';
import request from 'supertest';

import { RouteAccessRegistry } from '../src/common/auth/route-access.registry';
import { startApi, TestApp } from './support/test-app';

function expectErrorShape(body: unknown, statusCode: number, code: string): ErrorBody {
  const error = body as ErrorBody;
  expect(error).toEqual(
    expect.objectContaining({ statusCode, code, message: expect.stringMatching(/\S/) as unknown as string }),
  );
  expect(Object.keys(error).every((key) => ['statusCode', 'code', 'message', 'details'].includes(key))).toBe(
    true,
  );
  return error;
}

describe('the one error shape', () => {
  let api: TestApp;
  const post = () => request(api.app.getHttpServer()).post('/api/client-errors');

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(() => api.close());

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await post().set('content-type', 'application/json').send('{"message": "x",').expect(400);
    expectErrorShape(res.body, 400, 'MALFORMED_JSON');
  });

  it('answers an empty JSON body with 400', async () => {
    const res = await post().set('content-type', 'application/json').send('').expect(400);
    expectErrorShape(res.body, 400, 'MALFORMED_JSON');
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await post().set('content-type', 'text/plain').send('hello').expect(415);
    expectErrorShape(res.body, 415, 'JSON_REQUIRED');
  });

  it('answers wrong types, missing and unknown fields with 400 and one detail per field', async () => {
    const res = await post().send({ url: 42, extra: true }).expect(400);
    const body = expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(body.details).toEqual(
      expect.arrayContaining([
        { field: 'message', code: 'required', message: 'message is required' },
        { field: 'url', code: 'type', params: { type: 'string' }, message: 'url must be a string' },
        { field: 'extra', code: 'unknownField', message: 'unknown field' },
      ]),
    );
  });

  it('answers a huge string with 400 naming the field', async () => {
    const res = await post()
      .send({ message: 'x'.repeat(2001), url: '/' })
      .expect(400);
    const body = expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(body.details).toEqual([
      {
        field: 'message',
        code: 'maxLength',
        params: { max: 2000 },
        message: expect.stringContaining('2000'),
      },
    ]);
  });

  it('answers a body over the size limit with 413', async () => {
    const res = await post()
      .send({ message: 'x'.repeat(1_100_000), url: '/' })
      .expect(413);
    expectErrorShape(res.body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a JSON array or a scalar body with 400', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      const res = await post().set('content-type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400, res.body.code);
    }
  });

  it('answers an unknown route with 404 in the shape', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/no-such-thing').expect(404);
    expectErrorShape(res.body, 404, 'ROUTE_NOT_FOUND');
  });

  it('accepts a valid report with 204', async () => {
    await post().send({ message: 'TypeError: x is undefined', url: '/organisation' }).expect(204);
  });

  it("answers its own request id, never the caller's", async () => {
    const sane = await request(api.app.getHttpServer())
      .get('/api/org/regions')
      .set('x-request-id', 'trace-42');
    expect(sane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const replaced = await request(api.app.getHttpServer())
      .get('/api/org/regions')
      .set('x-request-id', 'not a sane id; drop table');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('OpenAPI', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(() => api.close());

  it('documents every route of the route table with its access rule, summary and responses', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/docs-json').expect(200);
    const paths = res.body.paths as Record<
      string,
      Record<string, { summary?: string; responses?: object; 'x-access'?: unknown }>
    >;
    const routes = api.app.get(RouteAccessRegistry).table();
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const operation = paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect({ route: `${route.method} ${route.path}`, documented: Boolean(operation) }).toEqual({
        route: `${route.method} ${route.path}`,
        documented: true,
      });
      expect(operation?.summary).toEqual(expect.any(String));
      expect(Object.keys(operation?.responses ?? {}).length).toBeGreaterThan(0);
      expect(operation?.['x-access']).toEqual(route.access);
    }
  });

  it('gives every answer with a body a response schema', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/docs-json').expect(200);
    const paths = res.body.paths as Record<
      string,
      Record<
        string,
        { responses: Record<string, { content?: { 'application/json'?: { schema?: object } } }> }
      >
    >;
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (/^2\d\d$/.test(status) && status !== '204' && !response.content?.['application/json']?.schema)
            missing.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('serves the interactive documentation at /api/docs', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/docs').redirects(1).expect(200);
    expect(res.text).toContain('swagger');
  });
});
