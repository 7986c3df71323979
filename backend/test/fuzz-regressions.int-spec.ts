import type { Server } from 'node:http';

import { FUZZ_REGION, FuzzRegion, withFuzzRegion } from './support/fuzz/region';
import { answerProblem, multipart, RawRequest, sendRaw } from './support/fuzz/requests';
import { sessionHeaders } from './support/fuzz/run';
import { deepJson } from './support/fuzz/values';
import { startApi, TestApp } from './support/test-app';

/**
 * What the fuzzing (fuzz.int-spec.ts, fuzz-imports.int-spec.ts) found, each kept fixed by a
 * request of its own: every answer a 4xx in the error shape, naming the field where there is one.
 */
describe('fuzzing findings stay fixed', () => {
  let api: TestApp;
  let server: Server;
  let region: FuzzRegion;

  beforeAll(async () => {
    api = await startApi();
    server = api.app.getHttpServer() as Server;
    region = await withFuzzRegion(api.app, api.dataSource);
  });

  afterAll(() => api.close());

  describe('keeps the bugs the fuzzing found fixed', () => {
    const as21 = (key: string) => sessionHeaders(region.sessions, key);
    const json = (body: string) => ({ 'content-type': 'application/json', body });

    async function answer(
      req: Omit<RawRequest, 'label' | 'headers'> & { headers?: Record<string, string>; as?: string },
    ) {
      const res = await sendRaw(server, {
        ...req,
        headers: { ...as21(req.as ?? 'administrator'), ...req.headers },
        label: 'regression',
      });
      expect(answerProblem(res)).toBeNull();
      return {
        status: res.status,
        body: JSON.parse(res.text) as { code: string; message: string; details?: unknown },
      };
    }

    it('refuses a form-urlencoded body with 415 instead of reading it as fields', async () => {
      const res = await answer({
        method: 'post',
        path: '/api/org/areas',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'code=FORM-AREA&name=Form',
      });
      expect(res).toMatchObject({ status: 415, body: { code: 'JSON_REQUIRED' } });
    });

    it('refuses a body that is not a JSON object, instead of validating it as {} (a no-op write)', async () => {
      const path = `/api/org/areas/${region.ids['targetAreaId']}`;
      const form = multipart([{ name: 'name', content: Buffer.from('x') }]);
      expect(
        await answer({
          method: 'patch',
          path,
          headers: { 'content-type': form.contentType },
          body: form.body,
        }),
      ).toMatchObject({ status: 415, body: { code: 'JSON_REQUIRED' } });
      expect(await answer({ method: 'patch', path })).toMatchObject({ status: 415 });
      const { body, ...headers } = json('null');
      expect(await answer({ method: 'patch', path, headers, body })).toMatchObject({
        status: 400,
        body: { code: 'BODY_NOT_OBJECT', message: 'The body must be a JSON object' },
      });
    });

    it('refuses JSON nested 20 000 deep with 400 instead of overflowing the stack', async () => {
      for (const kind of ['array', 'object'] as const) {
        const { body, ...headers } = json(deepJson(20_000, kind));
        expect(await answer({ method: 'post', path: '/api/org/areas', headers, body })).toMatchObject({
          status: 400,
          body: { code: 'BODY_TOO_DEEP', message: expect.stringContaining('nested deeper') },
        });
      }
    });

    it('answers paths the router refuses, and headers over 16 kB, in the error shape', async () => {
      expect(await answer({ method: 'get', path: '/api/orders/%E0%A4%A' })).toMatchObject({ status: 400 });
      expect(await answer({ method: 'get', path: `/api/orders/${'a'.repeat(300)}` })).toMatchObject({
        status: 414,
        body: { code: 'URL_TOO_LONG' },
      });
      expect(await answer({ method: 'get', path: `/api/orders?q=${'x'.repeat(20_000)}` })).toMatchObject({
        status: 431,
        body: { code: 'HEADERS_TOO_LARGE' },
      });
    });

    it('refuses versions and pages beyond PostgreSQL integers with 400 instead of 500', async () => {
      const { body, ...headers } = json(JSON.stringify({ version: 1e20 }));
      expect(
        await answer({
          method: 'post',
          path: `/api/orders/${region.ids['orderId']}/publish`,
          headers,
          body,
          as: 'purchaser',
        }),
      ).toMatchObject({
        status: 400,
        body: {
          details: [
            {
              field: 'version',
              code: 'max',
              params: { max: 2147483647 },
              message: expect.stringContaining('2147483647'),
            },
          ],
        },
      });
      expect(await answer({ method: 'get', path: '/api/orders?page=1e20', as: 'purchaser' })).toMatchObject({
        status: 400,
      });
      expect(
        await answer({ method: 'get', path: '/api/dispensations?page=1e20', as: 'purchaser' }),
      ).toMatchObject({
        status: 400,
      });
    });

    it('refuses a body without one of its required objects with 400 naming it, instead of a 500', async () => {
      const send = async (path: string, method: 'put' | 'post', payload: unknown, as: string) => {
        const { body, ...headers } = json(JSON.stringify(payload));
        return answer({ method, path, headers, body, as });
      };
      // seed 251349728 of the route fuzzing: a policy without its policy
      expect(await send('/api/policy', 'put', { version: 0 }, 'administrator')).toMatchObject({
        status: 400,
        body: {
          code: 'VALIDATION_FAILED',
          details: [{ field: 'policy', code: 'required', message: 'policy is required' }],
        },
      });
      const policy = (await answer({ method: 'get', path: '/api/policy', as: 'administrator' }))
        .body as unknown as {
        version: number;
        policy: Record<string, unknown>;
      };
      const { karens: _karens, ...withoutKarens } = policy.policy;
      expect(
        await send('/api/policy', 'put', { version: policy.version, policy: withoutKarens }, 'administrator'),
      ).toMatchObject({
        status: 400,
        body: {
          details: [{ field: 'policy.karens', code: 'required', message: 'policy.karens is required' }],
        },
      });
      expect(
        await send(
          '/api/users',
          'post',
          {
            email: 'noroles@nowhere.fuzz-region.test',
            name: 'Inga roller',
          },
          'administrator',
        ),
      ).toMatchObject({
        status: 400,
        body: { details: [{ field: 'roles', code: 'required', message: 'roles is required' }] },
      });
    });

    it('refuses a name of only whitespace with 400 naming the field, instead of a 500 from the database', async () => {
      const { body, ...headers } = json(
        JSON.stringify({
          email: 'blank@nowhere.fuzz-region.test',
          name: '\r\n\t\u000b\f',
          roles: [],
        }),
      );
      expect(
        await answer({ method: 'post', path: '/api/users', headers, body, as: 'administrator' }),
      ).toMatchObject({
        status: 400,
        body: {
          code: 'VALIDATION_FAILED',
          details: [{ field: 'name', code: 'required', message: 'name must not be blank' }],
        },
      });
      const supplier = json(JSON.stringify({ version: 1, name: '   ' }));
      expect(
        await answer({
          method: 'patch',
          path: `/api/agreement/suppliers/${region.ids['supplierId']}`,
          headers: { 'content-type': supplier['content-type'] },
          body: supplier.body,
          as: 'purchaser',
        }),
      ).toMatchObject({
        status: 400,
        body: { details: [{ field: 'name', code: 'required', message: 'name must not be blank' }] },
      });
    });

    it('refuses NUL characters and lone surrogates, which PostgreSQL cannot store, with 400 naming the field', async () => {
      const { body, ...headers } = json(JSON.stringify({ version: 1, name: 'a\u0000b' }));
      expect(
        await answer({
          method: 'patch',
          path: `/api/agreement/suppliers/${region.ids['supplierId']}`,
          headers,
          body,
          as: 'purchaser',
        }),
      ).toMatchObject({
        status: 400,
        body: {
          code: 'VALIDATION_FAILED',
          details: [{ field: 'name', code: 'text', message: 'name must not contain NUL characters' }],
        },
      });
      const surrogate = json(JSON.stringify({ version: 1, comment: 'x\ud800' }));
      expect(
        await answer({
          method: 'post',
          path: `/api/dispensations/${region.ids['dispensationId']}/reject`,
          headers: { 'content-type': surrogate['content-type'] },
          body: surrogate.body,
          as: 'areaChief',
        }),
      ).toMatchObject({
        status: 400,
        body: {
          details: [{ field: 'comment', code: 'text', message: 'comment must be valid Unicode text' }],
        },
      });
      expect(
        await answer({
          method: 'patch',
          path: '/api/agreement/municipalities/%00',
          headers: { 'content-type': 'application/json' },
          body: '{"priceZone":1}',
          as: 'purchaser',
        }),
      ).toMatchObject({ status: 400 });
    });

    it('refuses a constructor key as an unknown field instead of dropping it', async () => {
      const { body, ...headers } = json('{"identityNumber":"19811218-9876","constructor":1}');
      expect(
        await answer({
          method: 'post',
          path: '/api/agreement/former-employees/check',
          headers,
          body,
          as: 'purchaser',
        }),
      ).toMatchObject({
        status: 400,
        body: { details: [{ field: 'constructor', code: 'unknownField', message: 'unknown field' }] },
      });
    });

    it('refuses a __proto__ key naming it, not as JSON that is not valid', async () => {
      const path = '/api/agreement/former-employees/check';
      for (const [text, field] of [
        ['{"identityNumber":"19811218-9876","__proto__":{"isAdmin":true}}', '__proto__'],
        ['{"identityNumber":"19811218-9876","x":{"constructor":{"prototype":{}}}}', 'x.constructor'],
      ] as const) {
        const { body, ...headers } = json(text);
        const key = field.split('.').pop() as string;
        expect(await answer({ method: 'post', path, headers, body, as: 'purchaser' })).toMatchObject({
          status: 400,
          body: {
            code: 'VALIDATION_FAILED',
            details: [
              { field, code: 'unknownField', message: `the key "${key}" is not allowed in a request body` },
            ],
          },
        });
      }
      // broken JSON is still called broken
      const { body, ...headers } = json('{"__proto__": ');
      expect(await answer({ method: 'post', path, headers, body, as: 'purchaser' })).toMatchObject({
        status: 400,
        body: { code: 'MALFORMED_JSON' },
      });
    });

    it('refuses a UTF-16 file without a byte-order mark (NUL bytes) and broken multipart bodies with 400', async () => {
      const upload = (content: Buffer, cut = 1, contentType?: string) => {
        const form = multipart([{ name: 'file', filenameHeader: 'filename="timmar.csv"', content }]);
        return answer({
          method: 'post',
          path: '/api/imports/purchased-hours?source=fuzz',
          headers: { 'content-type': contentType ?? form.contentType },
          body: form.body.subarray(0, Math.floor(form.body.length * cut)),
          as: 'purchaser',
        });
      };
      // the region's imports of that name so far (the uploads fuzzing may have let through)
      const received = async () =>
        (
          await api.dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM imports WHERE region_id = $1 AND file_name = 'timmar.csv'`,
            [region.regionId],
          )
        )[0]?.n;
      const before = await received();
      const csv = `month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n1899-01;${FUZZ_REGION.unitCostCentre};LAKARE;X;1;1;\n`;
      expect(await upload(Buffer.from(csv, 'utf16le'))).toMatchObject({
        status: 400,
        body: {
          details: [{ field: 'file', code: 'notUtf8', message: expect.stringContaining('not UTF-8') }],
        },
      });
      expect(await upload(Buffer.from(csv), 1, 'multipart/form-data')).toMatchObject({
        status: 400,
        body: { code: 'MALFORMED_MULTIPART' },
      });
      for (const cut of [0.5, 0.9])
        expect(await upload(Buffer.from(csv), cut)).toMatchObject({
          status: 400,
          body: { code: 'MALFORMED_MULTIPART' },
        });
      // nothing was received: each upload's transaction was rolled back
      expect(await received()).toBe(before);
    });
  });
});
