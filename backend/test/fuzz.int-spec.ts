import type { INestApplicationContext } from '@nestjs/common';
import { IMPORT_KINDS, ImportDto, ImportKind } from '@hyrkoll/contracts';
import fc from 'fast-check';
import type { Server } from 'node:http';
import request from 'supertest';
import { RollupsService } from '../src/modules/rollups/rollups.service';
import { CONSULTANTS, daysFromToday } from './support/builders';
import {
  answerProblem,
  anyJson,
  check,
  csvCase,
  deepJson,
  FUZZ_REGION,
  FUZZ_TIMEOUT,
  FuzzRegion,
  Json,
  multipart,
  OpenApiDocument,
  Operation,
  oddString,
  Part,
  PATH_TRICKS,
  propertyPaths,
  renderCsv,
  uploadAnswer,
  RawRequest,
  RawResponse,
  resolver,
  Schema,
  sendRaw,
  withFuzzRegion,
  withValueAt,
  wrongTypeValue,
} from './support/fuzz';
import { DEMO, loginAs, TestSession } from './support/sessions';
import { startApi, startWorker, TestApp, withDemoData } from './support/test-app';
import { rowCounts } from './support/databases';

/** Path segments that try to leave the route, break the decoding or the id's type. */
const RAW_PATH_VALUES = [
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '..',
  '.',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AE%C0%AE',
  "'%20OR%201=1--",
  '%3Cscript%3E',
  '1;DROP%20TABLE%20orders',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123',
  '-1',
  '1e309',
  'NaN',
  'null',
  '%F0%9F%98%80',
  '%EF%BB%BF',
  '%ED%A0%80',
];

/** Percent-encodes every byte of the UTF-8 form of `s` except the unreserved characters. */
function pct(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');
}

/** Control characters, which a file name must not keep. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

// a property runs many requests; FUZZ_RUNS_SCALE gives it more time
jest.setTimeout(FUZZ_TIMEOUT);

/**
 * Runs per property (each scaled by FUZZ_RUNS_SCALE): per GET route, per write route with
 * refused requests, per write route with well-formed bodies, upload requests, CSV files.
 */
const RUNS = { query: 20, refused: 40, wellFormed: 20, uploads: 50, csv: 70 };

/** Demo-region sessions by role, as in support/sessions.ts. */
const DEMO_ROLES = {
  purchaser: DEMO.purchaser,
  unitManager: DEMO.unitManagerSkelleftea,
  areaChief: DEMO.areaChiefSkelleftea,
  areaChiefAndUnitManager: DEMO.areaChiefAndUnitManagerUmea,
  healthcareDirector: DEMO.healthcareDirector,
  steeringGroup: DEMO.steeringGroup,
  administrator: DEMO.administrator,
};

interface Route {
  method: RawRequest['method'];
  /** OpenAPI path, parameters as `{name}`. */
  path: string;
  op: Operation;
  /** The JSON body schema, resolved; null when the route takes no JSON body. */
  body: Schema | null;
  multipart: boolean;
  access: { kind: string; permission?: string };
}

/**
 * Property-based fuzzing of the whole API, generated from the OpenAPI document, and of the
 * CSV imports through the real worker. Every answer is below 500; every refusal is a 4xx in
 * the error shape; a refused request writes nothing; an import ends DONE or REFUSED, and a
 * refused one writes no fact rows. The seed is printed with any counterexample (FUZZ_SEED
 * replays it; FUZZ_RUNS_SCALE runs longer).
 */
describe('fuzzing the API and the CSV imports (fast-check)', () => {
  let api: TestApp;
  let server: Server;
  let doc: OpenApiDocument;
  let resolve: (s: Schema) => Schema;
  let routes: Route[];
  const demo: Record<string, TestSession> = {};
  let demoIds: Record<string, string>;
  let region: FuzzRegion;

  beforeAll(async () => {
    // FUZZ_LOG=1 shows the server's own log lines (stack traces of 5xx answers) while replaying
    api = await startApi(process.env['FUZZ_LOG'] ? { LOG_LEVEL: 'error' } : {});
    server = api.app.getHttpServer() as Server;
    await withDemoData(api.dataSource);
    for (const [key, email] of Object.entries(DEMO_ROLES)) demo[key] = await loginAs(api.app, email);
    region = await withFuzzRegion(api.app, api.dataSource);
    doc = (await request(server).get('/api/docs-json').expect(200)).body as OpenApiDocument;
    resolve = resolver(doc);
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const json = op.requestBody?.content['application/json']?.schema;
        return {
          method: method as Route['method'],
          path,
          op,
          body: json ? resolve(json) : null,
          multipart: Boolean(op.requestBody?.content['multipart/form-data']),
          access: op['x-access'] ?? { kind: 'public' },
        };
      }),
    );
    // ids of real records of the demo region, so that refused requests reach past the lookups
    const [ids] = await api.dataSource.query(
      `SELECT (SELECT id FROM orders WHERE region_id = r.id LIMIT 1) AS orders,
              (SELECT id FROM dispensations WHERE region_id = r.id LIMIT 1) AS dispensations,
              (SELECT id FROM users WHERE region_id = r.id AND email = $1) AS users,
              (SELECT id FROM suppliers WHERE region_id = r.id LIMIT 1) AS suppliers,
              (SELECT id FROM areas WHERE region_id = r.id LIMIT 1) AS areas,
              (SELECT id FROM units WHERE region_id = r.id LIMIT 1) AS units,
              (SELECT id FROM imports WHERE region_id = r.id LIMIT 1) AS imports
         FROM regions r WHERE r.code = '24'`,
      [DEMO.steeringGroup],
    );
    demoIds = Object.fromEntries(
      Object.entries(ids as Record<string, string | null>).filter(([, v]) => v),
    ) as Record<string, string>;
  });

  afterAll(() => api.close());

  async function counts(): Promise<string> {
    return JSON.stringify(await rowCounts(api.dataSource));
  }

  /** Keys of the sessions of `pool` that may call the route (every one for public and logged-in routes). */
  function sessionKeys(route: Route, pool: Record<string, TestSession>): string[] {
    return Object.entries(pool)
      .filter(
        ([, s]) =>
          route.access.kind !== 'permission' || s.me.permissions.includes(route.access.permission as never),
      )
      .map(([key]) => key);
  }

  function sessionArb(route: Route, pool: Record<string, TestSession>): fc.Arbitrary<string | undefined> {
    const keys = sessionKeys(route, pool);
    return keys.length > 0 ? fc.constantFrom(...keys) : fc.constant(undefined);
  }

  /** The cookie (and CSRF token) of a session of `pool`, by key. */
  function auth(
    pool: Record<string, TestSession>,
    key: string | undefined,
    csrf = true,
  ): Record<string, string> {
    const s = key ? pool[key] : undefined;
    return s ? { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) } : {};
  }

  /** The record kind a path parameter names, by the route's prefix. */
  function recordOf(path: string): string | null {
    const match = /^\/api\/(?:agreement\/|org\/)?([a-z-]+)\/\{/.exec(path);
    const name = match?.[1] ?? '';
    return (
      {
        orders: 'orders',
        dispensations: 'dispensations',
        users: 'users',
        suppliers: 'suppliers',
        areas: 'areas',
        units: 'units',
        imports: 'imports',
        'former-employees': 'formerEmployees',
        municipalities: 'municipalities',
      }[name] ?? null
    );
  }

  /** The route's path with a real record of `ids` (or a well-formed unknown id) as parameter. */
  function plainPath(route: Route, ids: Record<string, string>): string {
    const record = recordOf(route.path);
    return route.path.replace(
      /\{\w+\}/,
      (record && ids[record]) ||
        (route.path.includes('{kind}') ? 'purchased-hours' : '00000000-0000-4000-8000-000000000000'),
    );
  }

  /** A path parameter that names no record: odd strings, path tricks, unknown uuids, huge. */
  function missingPathValue(): fc.Arbitrary<string> {
    return fc.oneof(
      { arbitrary: fc.constantFrom(...RAW_PATH_VALUES), weight: 4 },
      { arbitrary: fc.uuid({ version: 4 }), weight: 2 },
      { arbitrary: oddString().map(pct), weight: 3 },
      { arbitrary: fc.constantFrom(...PATH_TRICKS).map(pct), weight: 1 },
      {
        arbitrary: fc.constantFrom(300, 5_000, 12_000).map((n) => 'a'.repeat(n)),
        weight: 1,
      },
    );
  }

  /** Fills the path; `real` gives the id of an existing record for the route, if any. */
  function pathArb(route: Route, real: (record: string) => string | undefined, allowReal: boolean) {
    const params = (route.op.parameters ?? []).filter((p) => p.in === 'path');
    if (params.length === 0) return fc.constant({ path: route.path, real: false });
    const record = recordOf(route.path);
    const existing = record ? real(record) : undefined;
    const kindValue = fc.constantFrom(...IMPORT_KINDS);
    const value: fc.Arbitrary<{ v: string; real: boolean }> = route.path.includes('{kind}')
      ? fc.oneof(
          kindValue.map((v) => ({ v, real: true })),
          missingPathValue().map((v) => ({ v, real: false })),
        )
      : allowReal && existing
        ? fc.oneof(
            { arbitrary: fc.constant({ v: existing, real: true }), weight: 2 },
            { arbitrary: missingPathValue().map((v) => ({ v, real: false })), weight: 1 },
          )
        : missingPathValue().map((v) => ({ v, real: false }));
    return value.map(({ v, real: isReal }) => ({
      path: route.path.replace(/\{\w+\}/, v),
      real: isReal,
    }));
  }

  /** A query string from the declared parameters: wrong types, odd strings, duplicates, extras. */
  function queryArb(route: Route): fc.Arbitrary<string> {
    const params = (route.op.parameters ?? []).filter((p) => p.in === 'query');
    const valueOf = (schema: Schema | undefined): fc.Arbitrary<string> => {
      const s = schema ? resolve(schema) : {};
      const enumValues = (s.enum ?? s.items?.enum ?? []).map(String);
      return fc.oneof(
        fc.constantFrom(
          ...enumValues,
          String(s.example ?? ''),
          '2024-01',
          '2024-13',
          '1',
          '0',
          '-1',
          '101',
          '1e9',
          '1e20',
          '0001-01',
          '9999-12',
          '9223372036854775808',
          '9999999999999999999',
        ),
        oddString(),
        fc.uuid(),
      );
    };
    const pair = (name: string, schema: Schema | undefined) =>
      fc.oneof(
        valueOf(schema).map((v) => [[name, v]]),
        fc.array(valueOf(schema), { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => [name, v])),
        fc.constant([[`${name}[]`, '1']]),
        fc.constant([[`${name}[a][b]`, 'x']]),
      );
    const declared = params.map((p) => fc.option(pair(p.name, p.schema), { nil: [] as string[][] }));
    const extras = fc.array(
      fc.oneof(
        fc.tuple(oddString(), oddString()).map(([k, v]) => [[k, v]]),
        fc.constant([['__proto__[admin]', 'true']]),
        fc.constant([['constructor[prototype][x]', '1']]),
      ),
      { maxLength: 2 },
    );
    const raw = fc.option(fc.constantFrom('&&&', '=', '%', '%zz=1', 'a=%E0%A4%A', '?x', ';', '#frag'), {
      nil: '',
    });
    return fc.tuple(fc.tuple(...declared), extras, raw).map(([d, e, r]) => {
      const pairs = [...d.flat(), ...e.flat()] as string[][];
      const text = pairs.map(([k, v]) => `${pct(k as string)}=${pct(v as string)}`).join('&');
      return [text, r].filter(Boolean).join('&');
    });
  }

  /** Values that fit the schema well enough to pass validation now and then. */
  function plausible(
    name: string,
    schema: Schema,
    ids: Record<string, string>,
    depth = 0,
  ): fc.Arbitrary<Json> {
    const s = resolve(schema);
    if (s.enum && s.enum.length > 0) return fc.constantFrom(...(s.enum as Json[]));
    const known: Record<string, fc.Arbitrary<Json>> = {
      periodStart: fc.constant(daysFromToday(90)),
      periodEnd: fc.constant(daysFromToday(170)),
      validFrom: fc.constantFrom(daysFromToday(10), daysFromToday(400)),
      validTo: fc.constantFrom(daysFromToday(500), daysFromToday(20)),
      on: fc.constant(daysFromToday(0)),
      identityNumber: fc.constantFrom(...CONSULTANTS),
      consultantIdentityNumber: fc.constantFrom(...CONSULTANTS),
      email: fc.stringMatching(/^[a-z]{1,12}$/).map((l) => `${l}@nowhere.fuzz-region.test`),
      code: fc.stringMatching(/^[A-Z][A-Z0-9_-]{0,10}$/),
      costCentre: fc.stringMatching(/^[0-9]{6}$/),
      municipalityCode: fc.constant(region.municipalityCode),
      unitId: fc.constantFrom(ids['unitId'] ?? '', ids['targetUnitId'] ?? ''),
      areaId: fc.constantFrom(ids['areaId'] ?? '', ids['targetAreaId'] ?? ''),
      supplierId: fc.constant(ids['supplierId'] ?? ''),
      version: fc.constantFrom(1, 2, 3),
    };
    const text = (example: unknown) =>
      fc.oneof(
        { arbitrary: fc.constant(typeof example === 'string' ? example : 'text'), weight: 2 },
        { arbitrary: oddString(), weight: 3 },
      );
    const knownValue = known[name];
    switch (s.type) {
      case 'string':
        if (knownValue && name !== 'version')
          return fc.oneof({ arbitrary: knownValue, weight: 3 }, { arbitrary: oddString(), weight: 1 });
        if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...Object.values(ids)), fc.uuid());
        return text(s.example);
      case 'number':
      case 'integer':
        return fc.oneof(
          { arbitrary: knownValue ?? fc.constant((s.example as number) ?? 1), weight: 3 },
          { arbitrary: fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 50 }), weight: 2 },
          { arbitrary: fc.constantFrom(0, -1, 0.5, 2 ** 31, 2 ** 53 + 2, 1e20, 1e308, -0), weight: 2 },
        );
      case 'boolean':
        return fc.boolean();
      case 'array':
        return s.items
          ? fc.array(plausible(name, s.items, ids, depth + 1), { maxLength: 3 })
          : fc.constant([]);
      default: {
        if (!s.properties || depth > 4) return anyJson();
        const model = Object.fromEntries(
          Object.entries(s.properties).map(([k, v]) => [k, plausible(k, v, ids, depth + 1)]),
        );
        return fc.record(model, { requiredKeys: s.required ?? [] }) as fc.Arbitrary<Json>;
      }
    }
  }

  /** An object body that the validation must refuse, and what was done to it. */
  function poisonedObject(
    route: Route,
    ids: Record<string, string>,
  ): fc.Arbitrary<{ body: Json; label: string }> {
    const schema = route.body ?? { type: 'object', properties: {} };
    const base = plausible('', schema, ids);
    const paths = propertyPaths(schema, resolve);
    const requiredChain = paths.filter((p) =>
      p.path.every(
        (_, i) => paths.find((q) => q.path.join('.') === p.path.slice(0, i + 1).join('.'))?.required,
      ),
    );
    const objectPaths = [[], ...paths.filter((p) => p.schema.properties).map((p) => p.path)];
    const declaredAt = (prefix: string[]) => {
      const at =
        prefix.length === 0 ? schema : paths.find((p) => p.path.join('.') === prefix.join('.'))?.schema;
      return new Set(Object.keys(resolve(at ?? {}).properties ?? {}));
    };
    const poisons: fc.Arbitrary<(b: Json) => { body: Json; label: string }>[] = [
      // an unknown field, anywhere an object is
      fc
        .tuple(
          fc.constantFrom(...objectPaths),
          fc.oneof(
            fc.constantFrom(
              '__proto__',
              'constructor',
              'prototype',
              'regionId',
              'id',
              'isAdmin',
              'status',
              'createdBy',
            ),
            fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
          ),
          anyJson(),
        )
        .filter(([prefix, key]) => !declaredAt(prefix).has(key))
        .map(([prefix, key, value]) => (b: Json) => {
          const body = structuredClone(b) as Record<string, Json>;
          let node = body;
          for (const k of prefix) {
            const next = node[k];
            if (typeof next !== 'object' || next === null || Array.isArray(next)) node[k] = {};
            node = node[k] as Record<string, Json>;
          }
          Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
          return { body, label: `unknown field ${[...prefix, key].join('.')}` };
        }),
    ];
    if (paths.length > 0) {
      poisons.push(
        fc
          .constantFrom(...paths)
          .chain((p) => wrongTypeValue(p.schema).map((value) => ({ p, value })))
          .map(({ p, value }) => (b: Json) => ({
            body: withValueAt(b, p.path, value),
            label: `wrong type at ${p.path.join('.')}`,
          })),
      );
    }
    if (requiredChain.length > 0) {
      poisons.push(
        fc.constantFrom(...requiredChain).map((p) => (b: Json) => ({
          body: withValueAt(b, p.path, undefined),
          label: `missing ${p.path.join('.')}`,
        })),
      );
    }
    const long = paths.filter((p) => p.schema.maxLength !== undefined);
    if (long.length > 0) {
      poisons.push(
        fc
          .tuple(
            fc.constantFrom(...long),
            fc.constantFrom(1, 100, 100_000),
            fc.constantFrom('x', '😀', '\u0301'),
          )
          .map(([p, extra, c]) => (b: Json) => ({
            body: withValueAt(b, p.path, c.repeat((p.schema.maxLength as number) + extra)),
            label: `too long at ${p.path.join('.')}`,
          })),
      );
    }
    const ranged = paths.filter((p) => p.schema.minimum !== undefined || p.schema.maximum !== undefined);
    if (ranged.length > 0) {
      poisons.push(
        fc
          .tuple(fc.constantFrom(...ranged), fc.constantFrom('below', 'above', 'huge'))
          .map(([p, how]) => (b: Json) => {
            const { minimum, maximum } = p.schema;
            const value =
              how === 'below' && minimum !== undefined
                ? minimum - 1
                : how === 'above' && maximum !== undefined
                  ? maximum + 1
                  : maximum !== undefined
                    ? 1e308
                    : -1e308;
            return { body: withValueAt(b, p.path, value), label: `out of range at ${p.path.join('.')}` };
          }),
      );
    }
    const enums = paths.filter((p) => p.schema.enum && p.schema.type === 'string');
    if (enums.length > 0) {
      poisons.push(
        fc
          .tuple(
            fc.constantFrom(...enums),
            fc.oneof(oddString(), fc.constantFrom('lakare', 'Lakare', 'LAKARE ', ' ')),
          )
          .filter(([p, v]) => !(p.schema.enum as unknown[]).includes(v))
          .map(([p, v]) => (b: Json) => ({
            body: withValueAt(b, p.path, v),
            label: `not in the enum at ${p.path.join('.')}`,
          })),
      );
    }
    return fc.tuple(base, fc.oneof(...poisons)).map(([b, poison]) => poison(b));
  }

  /** JSON text with transport variations that change nothing about what it says. */
  function transport(
    json: string,
  ): fc.Arbitrary<{ body: string | Buffer; contentType: string; label: string }> {
    return fc.oneof(
      { arbitrary: fc.constant({ body: json, contentType: 'application/json', label: '' }), weight: 6 },
      fc.constant({ body: `\ufeff${json}`, contentType: 'application/json', label: ' with a BOM' }),
      fc.constant({ body: ` \r\n\t${json}\n\n`, contentType: 'application/json', label: ' padded' }),
      fc.constant({
        body: json,
        contentType: 'Application/JSON; charset=UTF-8',
        label: ' odd content-type case',
      }),
      fc.constant({
        body: Buffer.from(json, 'utf16le'),
        contentType: 'application/json; charset=utf-16le',
        label: ' as UTF-16',
      }),
      fc.constant({
        body: Buffer.from(json, 'latin1'),
        contentType: 'application/json; charset=latin1',
        label: ' as Latin-1',
      }),
    );
  }

  /** A request to a write route that must be refused whatever the server state. */
  function refusedWrite(route: Route): fc.Arbitrary<{ req: RawRequest; expect?: number[] }> {
    const session = sessionArb(route, demo);
    const headers = (key: string | undefined, csrf = true) => auth(demo, key, csrf);
    const hasBody = route.body !== null;
    const object = poisonedObject(route, demoIds);
    type Variant = { body?: string | Buffer; contentType?: string; label: string; expect?: number[] };
    const variants: fc.Arbitrary<Variant>[] = [];
    if (hasBody) {
      variants.push(
        object.chain(({ body, label }) =>
          transport(JSON.stringify(body)).map((t) => ({ ...t, label: `${label}${t.label}` })),
        ),
        // not JSON at all, or JSON that is not an object
        fc.tuple(object, fc.nat()).map(([{ body }, n]) => {
          const text = JSON.stringify(body);
          return {
            body: text.slice(0, n % text.length),
            contentType: 'application/json',
            label: 'truncated JSON',
          };
        }),
        fc
          .constantFrom(
            { body: '{"version": 1,}', label: 'trailing comma' },
            { body: "{'version': 1}", label: 'single quotes' },
            { body: '{version: 1}', label: 'unquoted key' },
            { body: '{"version": NaN}', label: 'NaN literal' },
            { body: '{"version": 1} /* c */', label: 'comment' },
            { body: '{"a":1}{"b":2}', label: 'two documents' },
            { body: '', label: 'empty body' },
            { body: 'null', label: 'null' },
            { body: '42', label: 'a number' },
            { body: '"text"', label: 'a string' },
            { body: '[]', label: 'an empty list' },
            { body: '[{"version":1}]', label: 'a list of objects' },
            { body: '{"__proto__": {"isAdmin": true}}', label: '__proto__' },
            { body: '{"constructor": {"prototype": {"isAdmin": true}}}', label: 'constructor.prototype' },
            { body: '\u0000', label: 'NUL' },
            { body: '\ud800', label: 'a lone surrogate' },
          )
          .map((v) => ({ ...v, contentType: 'application/json' })),
        fc
          .tuple(
            fc.constantFrom(1_000, 20_000, 200_000),
            fc.constantFrom<'array' | 'object'>('array', 'object'),
          )
          .map(([depth, kind]) => ({
            body: deepJson(depth, kind),
            contentType: 'application/json',
            label: `${kind}s ${depth} deep`,
          })),
        fc.constant({
          body: `{"x":"${'x'.repeat(1_100_000)}"}`,
          contentType: 'application/json',
          label: 'over 1 MB',
        }),
        // the right body in the wrong content type
        fc
          .tuple(
            object,
            fc.constantFrom(
              'text/plain',
              'application/xml',
              'text/xml',
              'application/x-www-form-urlencoded',
              'application/octet-stream',
              'text/csv',
              'application/vnd.api+json',
              'application/json-patch+json',
              'application/jsonx',
              'json',
              'text/html; charset=utf-8',
            ),
          )
          .map(([{ body, label }, contentType]) => ({
            body: contentType.includes('urlencoded')
              ? Object.entries(body as Record<string, Json>)
                  .map(([k, v]) => `${pct(k)}=${pct(typeof v === 'string' ? v : JSON.stringify(v))}`)
                  .join('&')
              : contentType.includes('xml')
                ? `<?xml version="1.0"?><body>${JSON.stringify(body)}</body>`
                : JSON.stringify(body),
            contentType,
            label: `${label} as ${contentType}`,
            expect: [415],
          })),
      );
      if (!route.multipart) {
        variants.push(
          object.map(({ body, label }) => {
            const form = multipart(
              Object.entries(body as Record<string, Json>).map(([k, v]) => ({
                name: k,
                content: Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)),
              })),
            );
            return { body: form.body, contentType: form.contentType, label: `${label} as multipart` };
          }),
        );
      }
    }
    // wrong or missing CSRF token: refused before anything else
    const csrf = fc
      .tuple(session, fc.constantFrom('', 'x', 'null', '0'.repeat(64)))
      .map(([s, token]) => ({ s, token }));
    return fc.oneof(
      ...(variants.length > 0
        ? [
            fc
              .tuple(
                session,
                pathArb(route, (r) => demoIds[r], hasBody),
                fc.oneof(...variants),
                idempotencyKey(),
              )
              .map(([s, p, v, key]) => ({
                req: {
                  method: route.method,
                  // a status is expected only where the path cannot be refused first
                  path: v.expect ? plainPath(route, demoIds) : p.path,
                  headers: {
                    ...headers(s),
                    ...(v.contentType ? { 'content-type': v.contentType } : {}),
                    ...key,
                  },
                  body: v.body,
                  label: `${route.method.toUpperCase()} ${route.path} ${v.label}`,
                } satisfies RawRequest,
                expect: v.expect,
              })),
          ]
        : []),
      // a path that names no record (bodiless routes only ever get these)
      ...(route.path.includes('{')
        ? [
            fc
              .tuple(
                session,
                pathArb(route, () => undefined, false),
                idempotencyKey(),
              )
              .filter(([, p]) => !p.real || !hasBody)
              .map(([s, p, key]) => ({
                req: {
                  method: route.method,
                  path: p.path,
                  headers: {
                    ...headers(s),
                    ...(hasBody ? { 'content-type': 'application/json' } : {}),
                    ...key,
                  },
                  body: hasBody ? '{}' : undefined,
                  label: `${route.method.toUpperCase()} ${p.path.slice(0, 120)} (no such record)`,
                } satisfies RawRequest,
              })),
          ]
        : []),
      ...(route.access.kind === 'public'
        ? []
        : [
            csrf.map(({ s, token }) => ({
              req: {
                method: route.method,
                path: route.path.replace(/\{\w+\}/, '00000000-0000-4000-8000-000000000000'),
                headers: {
                  ...headers(s, false),
                  ...(token ? { 'x-csrf-token': token } : {}),
                  ...(hasBody ? { 'content-type': 'application/json' } : {}),
                },
                body: hasBody ? '{}' : undefined,
                label: `${route.method.toUpperCase()} ${route.path} with CSRF token ${JSON.stringify(token)}`,
              } satisfies RawRequest,
              expect: [403],
            })),
          ]),
    );
  }

  function idempotencyKey(): fc.Arbitrary<Record<string, string>> {
    return fc.oneof(
      { arbitrary: fc.constant({}), weight: 4 },
      fc.stringMatching(/^[!-~]{1,40}$/).map((k) => ({ 'idempotency-key': `fuzz-${k}` })),
      fc.constantFrom('', ' ', 'a b', 'x'.repeat(300), 'é').map((k) => ({ 'idempotency-key': k })),
    );
  }

  function checkAnswer(res: RawResponse, expectStatus?: number[], writeMustFail = false): string | null {
    const problem = answerProblem(res);
    if (problem) return problem;
    if (writeMustFail && (res.status < 400 || res.status >= 500))
      return `accepted (${res.status}): ${res.text.slice(0, 200)}`;
    if (expectStatus && !expectStatus.includes(res.status))
      return `answered ${res.status}, expected ${expectStatus.join(' or ')}: ${res.text.slice(0, 200)}`;
    return null;
  }

  it('builds its requests from an OpenAPI document that covers the API', () => {
    expect(routes.length).toBeGreaterThanOrEqual(60);
    expect(routes.filter((r) => r.body).length).toBeGreaterThanOrEqual(25);
    expect(routes.some((r) => r.multipart)).toBe(true);
  });

  it('refuses broken requests on every route with a 4xx in the error shape, and writes nothing', async () => {
    const before = await counts();
    const failures: string[] = [];
    for (const route of routes) {
      if (route.path === '/api/auth/logout') continue; // would end the session the other requests use
      const label = `${route.method.toUpperCase()} ${route.path}`;
      if (route.method === 'get') {
        const arb = fc.tuple(
          sessionArb(route, demo),
          pathArb(route, (r) => demoIds[r], true),
          queryArb(route),
        );
        const failure = await check(
          label,
          arb,
          async ([s, p, query]) => {
            const req: RawRequest = {
              method: 'get',
              path: query ? `${p.path}?${query}` : p.path,
              headers: auth(demo, s, false),
              label,
            };
            const res = await sendRaw(server, req);
            if (route.path === '/api/health' && res.status === 503) return; // no worker runs yet: degraded, as documented
            const problem = checkAnswer(res);
            if (problem) throw new Error(`${problem} (GET ${req.path.slice(0, 200)})`);
          },
          RUNS.query,
        );
        if (failure) failures.push(failure);
        continue;
      }
      const failure = await check(
        label,
        refusedWrite(route),
        async ({ req, expect: expectStatus }) => {
          const problem = checkAnswer(await sendRaw(server, req), expectStatus, true);
          if (problem) throw new Error(`${problem} (${req.label.slice(0, 200)})`);
        },
        RUNS.refused,
      );
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('answers well-formed bodies full of hostile text without a 5xx, and a refusal writes nothing', async () => {
    // in the fuzz region: these requests may pass validation and write
    const pool = region.sessions;
    const targets: Record<string, string> = {
      orders: region.ids['orderId'] as string,
      dispensations: region.ids['dispensationId'] as string,
      users: region.ids['victimUserId'] as string,
      suppliers: region.ids['supplierId'] as string,
      areas: region.ids['targetAreaId'] as string,
      units: region.ids['targetUnitId'] as string,
      formerEmployees: region.ids['formerEmployeeId'] as string,
      municipalities: region.municipalityCode,
    };
    const failures: string[] = [];
    let accepted = 0;
    for (const route of routes) {
      if (route.method === 'get' || route.multipart || route.path === '/api/auth/logout') continue;
      const label = `${route.method.toUpperCase()} ${route.path}`;
      const arb = fc.tuple(
        sessionArb(route, pool),
        pathArb(route, (r) => targets[r], true),
        route.body ? plausible('', route.body, region.ids) : fc.constant(undefined),
      );
      const failure = await check(
        label,
        arb,
        async ([s, p, body]) => {
          const before = await counts();
          const req: RawRequest = {
            method: route.method,
            path: p.path,
            headers: {
              ...auth(pool, s),
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            body: body !== undefined ? JSON.stringify(body) : undefined,
            label,
          };
          const res = await sendRaw(server, req);
          const problem = answerProblem(res);
          if (problem) throw new Error(`${problem} (${req.path.slice(0, 200)})`);
          if (res.status < 400) accepted++;
          else if ((await counts()) !== before)
            throw new Error(
              `${req.path.slice(0, 200)}: refused with ${res.status} but rows changed: ${res.text.slice(0, 200)}`,
            );
        },
        RUNS.wellFormed,
      );
      if (failure) failures.push(failure);
    }
    if (process.env['FUZZ_LOG']) console.warn('well-formed bodies accepted', accepted);
    expect(failures).toEqual([]);
    // the bodies get through validation often enough to reach the services and the database
    expect(accepted).toBeGreaterThan(5);
  });

  describe('keeps the bugs the fuzzing found fixed', () => {
    const as21 = (key: string) => auth(region.sessions, key);
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
      expect(res).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
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
      ).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
      expect(await answer({ method: 'patch', path })).toMatchObject({ status: 415 });
      const { body, ...headers } = json('null');
      expect(await answer({ method: 'patch', path, headers, body })).toMatchObject({
        status: 400,
        body: { code: 'MALFORMED_REQUEST', message: 'The body must be a JSON object' },
      });
    });

    it('refuses JSON nested 20 000 deep with 400 instead of overflowing the stack', async () => {
      for (const kind of ['array', 'object'] as const) {
        const { body, ...headers } = json(deepJson(20_000, kind));
        expect(await answer({ method: 'post', path: '/api/org/areas', headers, body })).toMatchObject({
          status: 400,
          body: { code: 'MALFORMED_REQUEST', message: expect.stringContaining('nested deeper') },
        });
      }
    });

    it('answers paths the router refuses, and headers over 16 kB, in the error shape', async () => {
      expect(await answer({ method: 'get', path: '/api/orders/%E0%A4%A' })).toMatchObject({ status: 400 });
      expect(await answer({ method: 'get', path: `/api/orders/${'a'.repeat(300)}` })).toMatchObject({
        status: 414,
        body: { code: 'MALFORMED_REQUEST' },
      });
      expect(await answer({ method: 'get', path: `/api/orders?q=${'x'.repeat(20_000)}` })).toMatchObject({
        status: 431,
        body: { code: 'MALFORMED_REQUEST' },
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
        body: { details: [{ field: 'version', message: expect.stringContaining('2147483647') }] },
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

    it('refuses a name of only whitespace with 400 naming the field, instead of a 500 from the database', async () => {
      const { body, ...headers } = json(
        JSON.stringify({
          email: 'blank@nowhere.fuzz-region.test',
          name: '\r\n\t\u000b\f',
          password: 'a-long-first-password',
          roles: [],
        }),
      );
      expect(
        await answer({ method: 'post', path: '/api/users', headers, body, as: 'administrator' }),
      ).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', details: [{ field: 'name', message: 'name must not be blank' }] },
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
        body: { details: [{ field: 'name', message: 'name must not be blank' }] },
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
          details: [{ field: 'name', message: 'name must not contain NUL characters' }],
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
        body: { details: [{ field: 'comment', message: 'comment must be valid Unicode text' }] },
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
        body: { details: [{ field: 'constructor', message: 'unknown field' }] },
      });
    });

    it('refuses a UTF-16 file without a byte-order mark (NUL bytes) and broken multipart bodies with 400', async () => {
      const upload = (content: Buffer, cut = 1, contentType?: string) => {
        const form = multipart([{ name: 'file', filenameHeader: 'filename="timmar.csv"', content }]);
        return answer({
          method: 'post',
          path: '/api/imports/purchased-hours',
          headers: { 'content-type': contentType ?? form.contentType },
          body: form.body.subarray(0, Math.floor(form.body.length * cut)),
          as: 'purchaser',
        });
      };
      const csv = `month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n1899-01;${FUZZ_REGION.unitCostCentre};LAKARE;X;1;1;\n`;
      expect(await upload(Buffer.from(csv, 'utf16le'))).toMatchObject({
        status: 400,
        body: { details: [{ field: 'file', message: expect.stringContaining('not UTF-8') }] },
      });
      expect(await upload(Buffer.from(csv), 1, 'multipart/form-data')).toMatchObject({
        status: 400,
        body: { code: 'MALFORMED_REQUEST' },
      });
      for (const cut of [0.5, 0.9])
        expect(await upload(Buffer.from(csv), cut)).toMatchObject({
          status: 400,
          body: { code: 'MALFORMED_REQUEST' },
        });
      // nothing was received: each upload's transaction was rolled back
      const [{ n }] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM imports WHERE region_id = $1 AND file_name = 'timmar.csv'`,
        [region.regionId],
      );
      expect(n).toBe(0);
    });
  });

  describe('uploads and CSV imports, through the worker', () => {
    let worker: INestApplicationContext;
    /** Every file writes months of a year of its own, so that files never replace each other's rows. */
    let year = 1900;
    const received: { id: string; label: string }[] = [];

    beforeAll(async () => {
      worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
    });

    afterAll(async () => {
      await worker?.close();
    });

    const purchaser = (csrf = true) => auth(region.sessions, 'purchaser', csrf);

    async function finished(id: string): Promise<ImportDto> {
      for (let i = 0; i < 200; i++) {
        const res = await request(server).get(`/api/imports/${id}`).set(purchaser(false));
        const imp = res.body as ImportDto;
        if (['DONE', 'REFUSED', 'FAILED'].includes(imp.status)) return imp;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`import ${id} is stuck`);
    }

    async function factRows(kind: ImportKind, months: string[]): Promise<number> {
      const table = {
        'purchased-hours': 'purchased_hours',
        'own-staff-cost': 'own_staff_costs',
        'national-comparison': 'national_comparison',
      }[kind];
      const regionFilter = kind === 'national-comparison' ? '' : 'AND region_id = $2';
      const [{ n }] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE to_char(month, 'YYYY-MM') = ANY($1) ${regionFilter}`,
        kind === 'national-comparison' ? [months] : [months, region.regionId],
      );
      return n as number;
    }

    it('refuses every broken upload request with a 4xx, and keeps no path in a file name', async () => {
      const names = fc.oneof(
        fc.constantFrom(
          ...PATH_TRICKS,
          '../../etc/passwd',
          '..\\..\\x.csv',
          'a\u0000b.csv',
          '\u0000',
          '',
          ' ',
          '.csv',
          `${'x'.repeat(5000)}.csv`,
          'timmar\u202evsc.exe',
          'C:\\fakepath\\timmar.csv',
          'a"b.csv',
          'a\r\nContent-Type: text/html\r\n.csv',
          '😀.csv',
          '\ud800.csv',
        ),
        oddString(),
      );
      // how the name goes into the part's header: quoted, RFC 5987, unquoted
      const filename = fc.tuple(names, fc.constantFrom('quoted', 'rfc5987', 'bare')).map(([name, style]) => ({
        name,
        style,
        header:
          style === 'quoted'
            ? `filename="${name}"`
            : style === 'bare'
              ? `filename=${name}`
              : `filename*=UTF-8''${pct(name)}`,
      }));
      const csv = () =>
        Buffer.from(
          `month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n${++year}-01;${FUZZ_REGION.unitCostCentre};LAKARE;Fuzzbemanning AB;1;100;\n`,
        );
      type Shape = { parts: (f: { header: string }) => Part[]; label: string; valid: boolean };
      const shapes: Shape[] = [
        {
          label: 'one file',
          valid: true,
          parts: (f) => [{ name: 'file', filenameHeader: f.header, contentType: 'text/csv', content: csv() }],
        },
        {
          label: 'wrong field name',
          valid: false,
          parts: (f) => [{ name: 'files', filenameHeader: f.header, content: csv() }],
        },
        {
          label: 'field name File',
          valid: false,
          parts: (f) => [{ name: 'File', filenameHeader: f.header, content: csv() }],
        },
        {
          label: 'empty field name',
          valid: false,
          parts: (f) => [{ name: '', filenameHeader: f.header, content: csv() }],
        },
        { label: 'no file, a text field', valid: false, parts: () => [{ name: 'file', content: csv() }] },
        { label: 'no parts', valid: false, parts: () => [] },
        {
          label: 'two files',
          valid: false,
          parts: (f) => [
            { name: 'file', filenameHeader: f.header, content: csv() },
            { name: 'file', filenameHeader: 'filename="b.csv"', content: csv() },
          ],
        },
        {
          label: 'a field, then the file',
          valid: false,
          parts: (f) => [
            { name: 'note', content: Buffer.from('x') },
            { name: 'file', filenameHeader: f.header, content: csv() },
          ],
        },
        {
          label: 'many fields',
          valid: false,
          parts: (f) => [
            ...Array.from({ length: 8 }, (_, i) => ({ name: `f${i}`, content: Buffer.from('x') })),
            { name: 'file', filenameHeader: f.header, content: csv() },
          ],
        },
        {
          label: 'an empty file',
          valid: false,
          parts: (f) => [{ name: 'file', filenameHeader: f.header, content: Buffer.alloc(0) }],
        },
        {
          label: 'a binary file',
          valid: false,
          parts: (f) => [
            {
              name: 'file',
              filenameHeader: f.header,
              contentType: 'image/png',
              content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe]),
            },
          ],
        },
      ];
      const breakages = fc.constantFrom(
        ...Array<string>(8).fill('none'),
        'truncated',
        'no closing boundary',
        'boundary mismatch',
        'no boundary parameter',
        'multipart/mixed',
        'lf line ends',
      );
      const statuses: Record<number, number> = {};
      const kinds = fc.oneof(
        { arbitrary: fc.constantFrom(...IMPORT_KINDS), weight: 4 },
        { arbitrary: fc.constantFrom('timesheets', '..%2F..', '%00', 'PURCHASED-HOURS'), weight: 1 },
      );
      const failure = await check(
        'upload requests',
        fc.tuple(
          // half of them the one well-formed shape, so that the odd file names are received
          fc.oneof(fc.constant(shapes[0] as Shape), fc.constantFrom(...shapes)),
          filename,
          breakages,
          kinds,
          sessionArb(routes.find((r) => r.multipart) as Route, region.sessions),
        ),
        async ([shape, f, breakage, kind, s]) => {
          const form = multipart(shape.parts(f));
          let body = form.body;
          let contentType = form.contentType;
          if (breakage === 'truncated') body = body.subarray(0, Math.floor(body.length / 2));
          if (breakage === 'no closing boundary') body = body.subarray(0, body.lastIndexOf('--') - 2);
          if (breakage === 'boundary mismatch') contentType = 'multipart/form-data; boundary=something-else';
          if (breakage === 'no boundary parameter') contentType = 'multipart/form-data';
          if (breakage === 'multipart/mixed') contentType = contentType.replace('form-data', 'mixed');
          if (breakage === 'lf line ends')
            body = Buffer.from(body.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
          const res = await sendRaw(server, {
            method: 'post',
            path: `/api/imports/${kind}`,
            headers: { ...auth(region.sessions, s), 'content-type': contentType },
            body,
            label: shape.label,
          });
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const problem = answerProblem(res);
          if (problem) throw new Error(`${shape.label}, ${breakage}: ${problem}`);
          // a well-formed request with a well-formed name must be received
          const plain =
            shape.valid &&
            breakage === 'none' &&
            (IMPORT_KINDS as readonly string[]).includes(kind) &&
            /\S/.test(f.name) &&
            !CONTROL.test(f.name) &&
            (f.style === 'rfc5987' || (f.style === 'quoted' && !/["\\\r\n]/.test(f.name)));
          if (res.status === 202) {
            const imp = JSON.parse(res.text) as ImportDto;
            received.push({ id: imp.id, label: `${shape.label} ${JSON.stringify(f.name).slice(0, 60)}` });
            if (
              /[/\\]/.test(imp.fileName) ||
              CONTROL.test(imp.fileName) ||
              imp.fileName.length === 0 ||
              imp.fileName.length > 255
            )
              throw new Error(
                `${shape.label}: file name kept as ${JSON.stringify(imp.fileName.slice(0, 100))}`,
              );
          } else if (plain) {
            throw new Error(
              `${shape.label}: a plain upload was answered ${res.status}: ${res.text.slice(0, 200)}`,
            );
          }
        },
        RUNS.uploads,
      );
      if (process.env['FUZZ_LOG']) console.warn('upload requests', statuses);
      expect(failure).toBeNull();
      // whatever was received is validated and ends DONE or REFUSED, never FAILED or stuck
      for (const { id, label } of received.splice(0)) {
        const imp = await finished(id);
        expect({ label, status: imp.status }).toEqual({
          label,
          status: expect.stringMatching(/^(DONE|REFUSED)$/),
        });
      }
    });

    it('answers every CSV file with 202 or 4xx, ends each import DONE or REFUSED, and a refused one writes nothing', async () => {
      const tally: Record<string, number> = {};
      const failure = await check(
        'CSV files',
        csvCase(),
        async (c) => {
          const file = renderCsv(c, ++year);
          const before = await factRows(c.kind, file.months);
          const form = multipart([
            {
              name: 'file',
              filenameHeader: 'filename="fuzz.csv"',
              contentType: 'text/csv',
              content: file.bytes,
            },
          ]);
          const res = await sendRaw(server, {
            method: 'post',
            path: `/api/imports/${c.kind}`,
            headers: { ...purchaser(), 'content-type': form.contentType },
            body: form.body,
            label: 'CSV file',
          });
          const problem = answerProblem(res);
          if (problem) throw new Error(`upload: ${problem}`);
          const expected = uploadAnswer(file.bytes);
          if (res.status !== expected.status)
            throw new Error(
              `upload answered ${res.status}, expected ${expected.status} (${expected.why}): ${res.text.slice(0, 300)}`,
            );
          if (res.status !== 202) {
            tally[`upload ${res.status}`] = (tally[`upload ${res.status}`] ?? 0) + 1;
            return;
          }
          const imp = await finished((JSON.parse(res.text) as ImportDto).id);
          tally[imp.status] = (tally[imp.status] ?? 0) + 1;
          const after = await factRows(c.kind, file.months);
          // the staged lines go with a refusal, and right after the commit of a DONE import
          let staged = -1;
          for (let i = 0; i < 50 && staged !== 0; i++) {
            if (i > 0) await new Promise((r) => setTimeout(r, 100));
            [{ staged }] = await api.dataSource.query(
              'SELECT count(*)::int AS staged FROM import_lines WHERE import_id = $1',
              [imp.id],
            );
          }
          const summary = `${imp.status} (${imp.errorCount} errors, first ${JSON.stringify(imp.errors[0] ?? null).slice(0, 200)}; message ${imp.message}); file ${file.why.join(', ') || 'clean'}`;
          if (imp.status !== 'DONE' && imp.status !== 'REFUSED') throw new Error(`import ended ${summary}`);
          if (staged !== 0) throw new Error(`${staged} staged lines left behind: ${summary}`);
          if (file.mark === 'refuse' && imp.status !== 'REFUSED')
            throw new Error(`a bad file was imported: ${summary}`);
          if (file.mark === undefined && imp.status !== 'DONE')
            throw new Error(`a good file was refused: ${summary}`);
          if (imp.status === 'REFUSED') {
            if (after !== before)
              throw new Error(`refused, yet ${after - before} fact rows were written: ${summary}`);
            if (imp.errorCount < 1 || imp.errors.length < 1 || imp.rowsWritten !== 0)
              throw new Error(`refused without errors, or with rows written: ${summary}`);
          } else if (imp.rowsWritten !== file.rows || after !== file.rows) {
            throw new Error(
              `DONE with ${imp.rowsWritten} rows written and ${after} in the table, ${file.rows} in the file`,
            );
          }
        },
        RUNS.csv,
      );
      if (process.env['FUZZ_LOG']) console.warn('CSV files', tally);
      expect(failure).toBeNull();
      // the files were spread over the outcomes, not all refused at the door
      expect(Object.keys(tally).sort()).toEqual(expect.arrayContaining(['DONE', 'REFUSED', 'upload 400']));
    });

    it('leaves the rollups of the fuzz region equal to a recompute once the imports are through', async () => {
      const rollups = worker.get(RollupsService);
      let differences: unknown[] = [];
      for (let i = 0; i < 100; i++) {
        differences = (await rollups.check()).filter(
          (d) => (d as { row: { region_id?: string } }).row.region_id === region.regionId,
        );
        if (differences.length === 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(differences).toEqual([]);
    });
  });
});
