import { isUtf8 } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';

import {
  CARE_SETTINGS,
  ErrorCode,
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  ImportKind,
  OrderDto,
  PROFESSION_GROUPS,
  SWEDISH_REGIONS,
} from '@hyrkoll/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import request from 'supertest';
import type { DataSource } from 'typeorm';

import { DEMO_POLICY } from '../../src/database/seeds/demo-agreement';
import { hashPassword } from '../../src/modules/auth/passwords';
import { MAX_LINE_CHARS } from '../../src/modules/imports/import-lines';
import { anOrder, JUSTIFICATION } from './builders';
import { as, loginAs, TestSession } from './sessions';

/**
 * Building blocks of the fuzzing spec (fuzz.int-spec.ts): arbitraries for hostile strings and
 * values, the OpenAPI schema walker, raw requests (bodies, content types, multipart) and the
 * check of the one error shape.
 */

// ---------------------------------------------------------------------------------------------
// Run settings: a seed from FUZZ_SEED (on CI the commit's, elsewhere random by default) and the
// number of runs per property.

/** The commit's seed: its id's first 31 bits, so that CI's run of a commit can be repeated exactly. */
function commitSeed(): number | null {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: __dirname,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^[0-9a-f]{8}/.test(head) ? parseInt(head.slice(0, 8), 16) % 2 ** 31 : null;
  } catch {
    return null;
  }
}

/**
 * The seed of this run; fast-check prints it with every counterexample, replay with FUZZ_SEED.
 * Each commit explores other inputs on CI; a local run draws a new seed every time.
 */
export const FUZZ_SEED = process.env['FUZZ_SEED']
  ? Number(process.env['FUZZ_SEED'])
  : ((process.env['CI'] === 'true' ? commitSeed() : null) ?? Math.floor(Math.random() * 2 ** 31));

/** Multiplies every property's runs (FUZZ_RUNS_SCALE=10 for a long session of fuzzing). */
const SCALE = Number(process.env['FUZZ_RUNS_SCALE'] ?? 1) || 1;

/** Time allowed to each test of the fuzzing spec. */
export const FUZZ_TIMEOUT = 90_000 * Math.max(1, SCALE);

export function runs(n: number): number {
  return Math.max(1, Math.round(n * SCALE));
}

/**
 * Runs per property (each scaled by FUZZ_RUNS_SCALE): per GET route, per write route with
 * refused requests, per write route with well-formed bodies, upload requests, CSV files.
 */
export const RUNS = { query: 20, refused: 40, wellFormed: 20, uploads: 50, csv: 70 };

/** Percent-encodes every byte of the UTF-8 form of `s` except the unreserved characters. */
export function pct(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');
}

/** The cookie (and CSRF token) of a session of `pool`, by key; none for an unknown key. */
export function sessionHeaders(
  pool: Record<string, TestSession>,
  key: string | undefined,
  csrf = true,
): Record<string, string> {
  const s = key ? pool[key] : undefined;
  return s ? { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) } : {};
}

/** A key of a session of `pool` that may call a route of this access rule (any one for public and logged-in routes). */
export function sessionFor(
  access: { kind: string; permission?: string },
  pool: Record<string, TestSession>,
): fc.Arbitrary<string | undefined> {
  const keys = Object.entries(pool)
    .filter(([, s]) => access.kind !== 'permission' || s.me.permissions.includes(access.permission as never))
    .map(([key]) => key);
  return keys.length > 0 ? fc.constantFrom(...keys) : fc.constant(undefined);
}

/**
 * Checks a property and returns null, or the failure report of fast-check (the shrunk
 * counterexample, the seed and the path to replay it) prefixed with `label`.
 */
export async function check<T>(
  label: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  numRuns: number,
): Promise<string | null> {
  try {
    await fc.assert(fc.asyncProperty(arbitrary, predicate), {
      seed: FUZZ_SEED,
      numRuns: runs(numRuns),
      includeErrorInReport: true,
      // a run that hangs fails with its seed and path, and so does a property that runs out of
      // time (shrinking included), before the test's own timeout would hide both
      timeout: 30_000,
      interruptAfterTimeLimit: FUZZ_TIMEOUT - 20_000,
      markInterruptAsFailure: true,
    });
    return null;
  } catch (error) {
    // the problem first, then the shrunk counterexample and the seed and path to replay it
    const lines = (error as Error).message
      .split('\n')
      .filter((l) => !/^\s+at /.test(l) && !l.startsWith('Hint:'));
    const got = lines.find((l) => l.startsWith('Got error:')) ?? '';
    const rest = lines.filter((l) => l !== got && l.trim() !== '').map((l) => l.slice(0, 600));
    return [`${label}: ${got.slice(0, 800)}`, ...rest].join('\n');
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile strings.

export const SQL_FRAGMENTS = [
  "' OR 1=1 --",
  "'; DROP TABLE orders; --",
  '" OR ""="',
  "1' UNION SELECT password_hash FROM users --",
  '1; SELECT pg_sleep(10)',
  '$$; SELECT 1; $$',
  "E'\\x00'",
  '\\',
  '%',
  '_%',
  "admin'--",
];

export const SCRIPT_FRAGMENTS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  '<!--',
  ']]>',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
];

export const ODD_UNICODE = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '\u202eabc\u202c',
  '\u200f\u200e\u061c',
  '\u200b\u200c\u200d\u2060',
  '\ufeff',
  'e\u0301\u0301\u0301\u0301\u0301',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358',
  '👩‍⚕️🏥🇸🇪',
  'A\u030a',
  '\u0085\u2028\u2029',
  '\u001b[31m',
  '\r\n\t\u000b\u000c',
  'ﬁ\uFFFD\uFFFF',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
];

export const NUMBERISH = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  '9007199254740993',
  '1,5',
  '1 000',
  '٣',
  '+1',
  '1.',
  '.5',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
];

export const PATH_TRICKS = [
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e/%2e%2e/',
  '/etc/passwd',
  'C:\\boot.ini',
  '\\\\server\\share\\x.csv',
  'con',
  '.',
  '..',
  '~/.ssh/id_rsa',
];

/** Strings that are hostile in some way: injection, odd Unicode, numbers in disguise, huge. */
export function oddString(): fc.Arbitrary<string> {
  const fragments = fc.constantFrom(
    ...SQL_FRAGMENTS,
    ...SCRIPT_FRAGMENTS,
    ...ODD_UNICODE,
    ...NUMBERISH,
    ...PATH_TRICKS,
    '',
    ' ',
  );
  return fc.oneof(
    { arbitrary: fragments, weight: 6 },
    {
      arbitrary: fc.tuple(fragments, fragments, fc.string({ maxLength: 8 })).map((p) => p.join('')),
      weight: 2,
    },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 3 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }), weight: 2 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(300, 5_000, 100_000), fc.constantFrom('x', 'å', '😀', '\u0301', "'"))
        .map(([n, c]) => c.repeat(n)),
      weight: 1,
    },
  );
}

// ---------------------------------------------------------------------------------------------
// JSON values.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Nested arrays or objects `depth` levels deep (built iteratively: no recursion limits here). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A value of any JSON type, mostly small, sometimes odd. */
export function anyJson(): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(0, -1, 1.5, 2 ** 31, -(2 ** 53), 1e308, Number.MIN_VALUE),
    fc.integer(),
    oddString(),
    fc.array(fc.oneof(fc.integer(), oddString()), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), oddString()), { maxKeys: 3 }),
  );
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI document.

export interface Schema {
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
  enum?: unknown[];
  items?: Schema;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema } | undefined> };
  'x-access'?: { kind: string; permission?: string } | null;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** Follows `$ref` and merges `allOf`, so that every schema handed out is a plain one. */
export function resolver(doc: OpenApiDocument): (schema: Schema) => Schema {
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop() as string] as Schema);
    if (schema.allOf) {
      const parts = schema.allOf.map(resolve);
      const merged: Schema = Object.assign({}, ...parts);
      delete merged.allOf;
      if (parts.some((p) => p.properties)) {
        merged.properties = Object.assign({}, ...parts.map((p) => p.properties));
        merged.required = parts.flatMap((p) => p.required ?? []);
      }
      return merged;
    }
    return schema;
  };
  return resolve;
}

/** A value that certainly does not have the schema's type (the validation must refuse it). */
export function wrongTypeValue(schema: Schema): fc.Arbitrary<Json> {
  const notString = fc.oneof(
    fc.integer(),
    fc.constant(true),
    fc.constant([] as Json),
    fc.constant({ value: 'x' } as Json),
    fc.array(oddString(), { minLength: 1, maxLength: 3 }),
  );
  switch (schema.type) {
    case 'string':
      return notString;
    case 'number':
    case 'integer':
      return fc.oneof(
        fc.constantFrom<Json>(...NUMBERISH, '1', '2', 'false', ''),
        oddString(),
        fc.constant(true),
        fc.constant([1] as Json),
        fc.constant({ n: 1 } as Json),
      );
    case 'boolean':
      return fc.oneof(
        fc.constantFrom<Json>('true', 'false', 'yes', 0, 1, '', [true], { v: true }),
        oddString(),
      );
    case 'array':
      return fc.oneof(oddString(), fc.integer(), fc.constant({ 0: 'a' } as Json), fc.constant(true));
    default:
      return fc.oneof(oddString(), fc.integer(), fc.constant([{}] as Json), fc.constant(false));
  }
}

/** Paths (lists of keys) to every property of an object schema, nested objects included. */
export function propertyPaths(
  schema: Schema,
  resolve: (s: Schema) => Schema,
  prefix: string[] = [],
  depth = 0,
): { path: string[]; schema: Schema; required: boolean }[] {
  const s = resolve(schema);
  if (depth > 4 || !s.properties) return [];
  return Object.entries(s.properties).flatMap(([key, child]) => {
    const resolved = resolve(child);
    const here = { path: [...prefix, key], schema: resolved, required: (s.required ?? []).includes(key) };
    return [here, ...propertyPaths(resolved, resolve, [...prefix, key], depth + 1)];
  });
}

/** A copy of `body` with the value at `path` set (parents created as needed) or deleted. */
export function withValueAt(body: Json, path: string[], value: Json | undefined): Json {
  const copy = structuredClone(body) as Record<string, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, Json>;
  }
  const last = path[path.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Requests and their answers.

export interface RawRequest {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** What was broken, for the failure report. */
  label: string;
}

export interface RawResponse {
  status: number;
  text: string;
  headers: Record<string, string>;
}

export async function sendRaw(server: Server, r: RawRequest): Promise<RawResponse> {
  let test = request(server)[r.method](r.path).buffer(true);
  for (const [name, value] of Object.entries(r.headers)) test = test.set(name, value);
  if (r.body !== undefined) test = test.send(r.body);
  const res = await test.parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (c: Buffer) => chunks.push(c));
    response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
  });
  return { status: res.status, text: res.body as string, headers: res.headers as Record<string, string> };
}

const CODES = new Set<string>(Object.values(ErrorCode));

/**
 * What is wrong with an answer: a 5xx, or a 4xx whose body is not `{ statusCode, code,
 * message, details? }` (JSON, statusCode equal to the status, a known code, a message,
 * details a list of `{ field, message }` or an object). Null when it is fine.
 */
export function answerProblem(res: RawResponse): string | null {
  if (res.status >= 500) return `answered ${res.status}: ${res.text.slice(0, 300)}`;
  if (res.status < 400) return null;
  if (!/^application\/json/.test(res.headers['content-type'] ?? ''))
    return `${res.status} with content-type ${res.headers['content-type']}: ${res.text.slice(0, 200)}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(res.text) as Record<string, unknown>;
  } catch {
    return `${res.status} with a body that is not JSON: ${res.text.slice(0, 200)}`;
  }
  const extra = Object.keys(body ?? {}).filter(
    (k) => !['statusCode', 'code', 'message', 'details'].includes(k),
  );
  const details = body?.['details'];
  const detailsOk =
    details === undefined ||
    (Array.isArray(details) &&
      details.every(
        (d) =>
          typeof d === 'object' &&
          d !== null &&
          typeof (d as { field?: unknown }).field === 'string' &&
          typeof (d as { message?: unknown }).message === 'string',
      )) ||
    (typeof details === 'object' && details !== null && !Array.isArray(details));
  if (
    typeof body !== 'object' ||
    body === null ||
    body['statusCode'] !== res.status ||
    !CODES.has(body['code'] as string) ||
    typeof body['message'] !== 'string' ||
    (body['message'] as string).trim() === '' ||
    extra.length > 0 ||
    !detailsOk
  )
    return `${res.status} not in the error shape: ${res.text.slice(0, 300)}`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Multipart bodies, written by hand so that names, headers and structure can be broken.

export interface Part {
  name: string;
  /** The raw filename parameter, as it goes into the header (quotes and all are the caller's). */
  filenameHeader?: string;
  contentType?: string;
  content: Buffer;
}

export function multipart(
  parts: Part[],
  boundary = `----hyrkoll-fuzz-${Math.random().toString(16).slice(2)}`,
) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = [`form-data; name="${part.name}"`, part.filenameHeader].filter(Boolean).join('; ');
    const headers = [`Content-Disposition: ${disposition}`];
    if (part.contentType) headers.push(`Content-Type: ${part.contentType}`);
    // header values as browsers send them: UTF-8 bytes, whatever they contain
    chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`, 'utf8'), part.content);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---------------------------------------------------------------------------------------------
// A region of the fuzzing's own, where requests that pass validation may write what they like
// without touching the demo region other specs rely on.

export const FUZZ_REGION = {
  code: '21',
  municipalityCode: '2180',
  areaCode: 'FUZZ-GVL',
  targetAreaCode: 'FUZZ-TARGET',
  unitCostCentre: '210101',
  targetUnitCostCentre: '210199',
  supplierNumber: '556712-3459',
  password: 'fuzz-region-password',
};

const FUZZ_ROLES = [
  ['purchaser', 'PURCHASER'],
  ['unitManager', 'UNIT_MANAGER'],
  ['areaChief', 'AREA_CHIEF'],
  ['healthcareDirector', 'HEALTHCARE_DIRECTOR'],
  ['steeringGroup', 'STEERING_GROUP'],
  ['administrator', 'ADMINISTRATOR'],
] as const;

export interface FuzzRegion {
  regionId: string;
  municipalityCode: string;
  /** Ids the requests may name: the CSV unit and area, the PATCH targets, a supplier, records. */
  ids: Record<string, string>;
  sessions: Record<string, TestSession>;
}

/** Creates (once) the fuzz region with one user per role, and a draft and a submitted order. */
export async function withFuzzRegion(
  app: NestFastifyApplication,
  dataSource: DataSource,
): Promise<FuzzRegion> {
  const R = FUZZ_REGION;
  const ids = await dataSource.transaction(async (m) => {
    const [existing] = await m.query<{ id: string }[]>('SELECT id FROM regions WHERE code = $1', [R.code]);
    if (existing) return null;
    const [{ id: regionId }] = await m.query<{ id: string }[]>(
      `INSERT INTO regions (code, name) VALUES ($1, 'Region Gävleborg (fuzzing)') RETURNING id`,
      [R.code],
    );
    const [{ id: municipalityId }] = await m.query<{ id: string }[]>(
      `INSERT INTO municipalities (region_id, code, name, price_zone) VALUES ($1, $2, 'Gävle', 1) RETURNING id`,
      [regionId, R.municipalityCode],
    );
    const area = async (code: string) =>
      (
        await m.query<{ id: string }[]>(
          `INSERT INTO areas (region_id, code, name) VALUES ($1, $2, $3) RETURNING id`,
          [regionId, code, code],
        )
      )[0]?.id as string;
    const areaId = await area(R.areaCode);
    const targetAreaId = await area(R.targetAreaCode);
    const unit = async (costCentre: string, a: string) =>
      (
        await m.query<{ id: string }[]>(
          `INSERT INTO units (region_id, area_id, municipality_id, cost_centre, name, care_setting)
           VALUES ($1, $2, $3, $4, $5, 'PRIMARVARD') RETURNING id`,
          [regionId, a, municipalityId, costCentre, costCentre],
        )
      )[0]?.id as string;
    const unitId = await unit(R.unitCostCentre, areaId);
    const targetUnitId = await unit(R.targetUnitCostCentre, targetAreaId);
    const [{ id: supplierId }] = await m.query<{ id: string }[]>(
      `INSERT INTO suppliers (region_id, organisation_number, name, lots) VALUES ($1, $2, 'Fuzzbemanning AB', '{LAKARE,SJUKSKOTERSKA}') RETURNING id`,
      [regionId, R.supplierNumber],
    );
    await m.query(
      `INSERT INTO price_list (region_id, profession, competence_level, price_zone, hourly_rate, valid_from, illustrative)
       SELECT $1, p.profession, p.competence_level, p.price_zone, p.hourly_rate, p.valid_from, true
         FROM price_list p JOIN regions r ON r.id = p.region_id WHERE r.code = '24' AND p.valid_to IS NULL`,
      [regionId],
    );
    await m.query(
      `INSERT INTO travel_allowances (region_id, amount_per_week, valid_from) VALUES ($1, '2500.00', '2020-01-01')`,
      [regionId],
    );
    await m.query('INSERT INTO dispensation_policies (region_id, policy) VALUES ($1, $2)', [
      regionId,
      JSON.stringify(DEMO_POLICY),
    ]);
    const [{ id: formerEmployeeId }] = await m.query<{ id: string }[]>(
      `INSERT INTO former_employees (region_id, identity_hash, identity_masked, employment_ended_on)
       VALUES ($1, '\\x00'::bytea, '19750612-****', '2024-08-31') RETURNING id`,
      [regionId],
    );
    const hash = await hashPassword(R.password);
    const user = async (email: string, role: string, scope: { unit?: string; area?: string }) => {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO users (region_id, email, name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [regionId, email, email, hash],
      );
      await m.query(
        `INSERT INTO role_assignments (user_id, region_id, role, unit_id, area_id) VALUES ($1, $2, $3, $4, $5)`,
        [id, regionId, role, scope.unit ?? null, scope.area ?? null],
      );
      return id;
    };
    for (const [key, role] of FUZZ_ROLES) {
      await user(`fuzz.${key.toLowerCase()}@fuzz-region.test`, role, {
        unit: role === 'UNIT_MANAGER' ? unitId : undefined,
        area: role === 'AREA_CHIEF' ? areaId : undefined,
      });
    }
    const victimUserId = await user('fuzz.victim@fuzz-region.test', 'STEERING_GROUP', {});
    return {
      regionId,
      unitId,
      areaId,
      targetUnitId,
      targetAreaId,
      supplierId,
      formerEmployeeId,
      victimUserId,
    };
  });
  const [{ id: regionId }] = await dataSource.query<{ id: string }[]>(
    'SELECT id FROM regions WHERE code = $1',
    [R.code],
  );
  const sessions: Record<string, TestSession> = {};
  for (const [key] of FUZZ_ROLES)
    sessions[key] = await loginAs(app, `fuzz.${key.toLowerCase()}@fuzz-region.test`, R.password);
  const found = ids ?? (await existingIds(dataSource, regionId));
  const unitManager = sessions['unitManager'] as TestSession;
  const draft = (await as(app, unitManager).post('/api/orders', anOrder(found.unitId).build()).expect(201))
    .body as OrderDto;
  const toSubmit = (await as(app, unitManager).post('/api/orders', anOrder(found.unitId).build()).expect(201))
    .body as OrderDto;
  const order = (
    await as(app, unitManager)
      .post(`/api/orders/${toSubmit.id}/submit`, { version: toSubmit.version, justification: JUSTIFICATION })
      .expect(200)
  ).body as OrderDto;
  // Another fuzz file may have changed the region's dispensation policy by a fuzzed request, so
  // that this order needs no dispensation: the requests then name the region's first one, made
  // under the policy the region was created with.
  const [dispensation] = await dataSource.query<{ id: string }[]>(
    'SELECT id FROM dispensations WHERE region_id = $1 ORDER BY (order_id = $2) DESC, created_at LIMIT 1',
    [regionId, order.id],
  );
  if (!dispensation) throw new Error('the fuzz region has no dispensation to name');
  return {
    regionId,
    municipalityCode: R.municipalityCode,
    sessions,
    ids: {
      ...found,
      orderId: draft.id,
      submittedOrderId: order.id,
      dispensationId: dispensation.id,
    },
  };
}

async function existingIds(dataSource: DataSource, regionId: string): Promise<Record<string, string>> {
  const [row] = await dataSource.query<Record<string, string>[]>(
    `SELECT (SELECT id FROM units WHERE region_id = $1 AND cost_centre = $2) AS "unitId",
            (SELECT id FROM units WHERE region_id = $1 AND cost_centre = $3) AS "targetUnitId",
            (SELECT id FROM areas WHERE region_id = $1 AND code = $4) AS "areaId",
            (SELECT id FROM areas WHERE region_id = $1 AND code = $5) AS "targetAreaId",
            (SELECT id FROM suppliers WHERE region_id = $1 LIMIT 1) AS "supplierId",
            (SELECT id FROM former_employees WHERE region_id = $1 LIMIT 1) AS "formerEmployeeId",
            (SELECT id FROM users WHERE email = 'fuzz.victim@fuzz-region.test') AS "victimUserId"`,
    [
      regionId,
      FUZZ_REGION.unitCostCentre,
      FUZZ_REGION.targetUnitCostCentre,
      FUZZ_REGION.areaCode,
      FUZZ_REGION.targetAreaCode,
    ],
  );
  return Object.fromEntries(Object.entries(row ?? {}).filter(([, v]) => v)) as Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// CSV import files: valid rows of the fuzz region, broken in known ways.

/** Cells a spreadsheet would run as a formula (decision 010 refuses them). */
const FORMULAS = [
  '=1+2',
  '=HYPERLINK("http://example.invalid")',
  '+1+1',
  '@SUM(A1)',
  '-cmd',
  "=cmd|' /C calc'!A0",
  ' =1',
  '\t=1',
];

type Mark = 'refuse' | 'unknown';

type Mutation =
  | { t: 'formula'; row: number; col: number; value: string }
  | { t: 'bad month'; row: number; value: string }
  | { t: 'extra cell' | 'missing cell' | 'duplicate row'; row: number }
  | { t: 'huge cell'; row: number; col: number; char: string }
  | { t: 'endless line'; row: number; col: number; char: string }
  | { t: 'unbalanced quote' | 'padded cell' | 'BOM in cell' | 'NUL in cell'; row: number; col: number }
  | { t: 'line break in cell'; row: number; col: number; brk: string }
  | { t: 'blank line'; at: number; text: string }
  | {
      t: 'delimiters only' | 'header in capitals' | 'all quoted' | 'trailing delimiter' | 'two BOMs';
      at: number;
    }
  | { t: 'data delimited by ,'; at: number };

export interface CsvCase {
  kind: ImportKind;
  rows: { month: number; cells: string[] }[];
  delimiter: ';' | ',' | '\t' | '|';
  lineEnd: '\n' | '\r\n' | '\r';
  encoding: 'utf8' | 'utf8 with BOM' | 'latin1' | 'utf16le with BOM' | 'utf16le' | 'utf16be with BOM';
  mutations: Mutation[];
}

function decimal(maxWhole: number, negative: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min: negative ? -maxWhole : 0, max: maxWhole }),
      fc.integer({ min: 0, max: 99 }),
      fc.constantFrom('point', 'comma', 'spaces', 'whole'),
    )
    .map(([whole, cents, style]) => {
      const c = String(cents).padStart(2, '0');
      if (style === 'whole') return String(whole);
      if (style === 'point') return `${whole}.${c}`;
      const grouped =
        style === 'spaces' ? String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : String(whole);
      return `${grouped},${c}`;
    });
}

/** A supplier name: ordinary, or hostile text (which may itself make the row invalid). */
function supplierName(): fc.Arbitrary<string> {
  return fc.oneof(
    {
      arbitrary: fc.constantFrom(
        'Fuzzbemanning AB',
        '556712-3459',
        'Okänd Bemanning AB',
        'Läkarhuset i Gävle',
      ),
      weight: 3,
    },
    { arbitrary: oddString(), weight: 2 },
  );
}

function rowCells(kind: ImportKind): fc.Arbitrary<string[]> {
  if (kind === 'purchased-hours')
    return fc.tuple(
      fc.constant(FUZZ_REGION.unitCostCentre),
      fc.constantFrom(...PROFESSION_GROUPS, 'lakare'),
      supplierName(),
      decimal(9_999, true),
      decimal(9_999_999, true),
      fc.constant(''),
    );
  if (kind === 'own-staff-cost')
    return fc.tuple(
      fc.constant(FUZZ_REGION.areaCode),
      fc.constantFrom(...CARE_SETTINGS),
      fc.constantFrom(...PROFESSION_GROUPS),
      decimal(99_999_999, false),
      fc.oneof(fc.constant(''), decimal(99_999_999, false)),
    );
  return fc.tuple(
    fc.constantFrom(...Object.keys(SWEDISH_REGIONS)),
    fc.oneof(decimal(99, false), fc.constant('100')),
  );
}

/** An import file: a few valid rows, then none or some of the breakages above. */
export function csvCase(): fc.Arbitrary<CsvCase> {
  return fc.constantFrom(...IMPORT_KINDS).chain((kind) => {
    const columns = IMPORT_COLUMNS[kind].length;
    const mutation: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(20), fc.nat(columns - 1)).chain(([row, col]) =>
      fc.oneof(
        fc.constantFrom(...FORMULAS).map((value) => ({ t: 'formula' as const, row, col, value })),
        fc
          .constantFrom('2024-13', '24-01', '2024/01', '', 'januari')
          .map((value) => ({ t: 'bad month' as const, row, value })),
        fc
          .constantFrom('extra cell' as const, 'missing cell' as const, 'duplicate row' as const)
          .map((t) => ({ t, row })),
        fc.constantFrom('x', '9', 'å').map((char) => ({ t: 'huge cell' as const, row, col, char })),
        fc.constantFrom('x', 'å').map((char) => ({ t: 'endless line' as const, row, col, char })),
        fc
          .constantFrom(
            'unbalanced quote' as const,
            'padded cell' as const,
            'BOM in cell' as const,
            'NUL in cell' as const,
          )
          .map((t) => ({ t, row, col })),
        fc.constantFrom('\n', '\r\n').map((brk) => ({ t: 'line break in cell' as const, row, col, brk })),
        fc
          .constantFrom('', '   ', '\t', '\u00a0')
          .map((text) => ({ t: 'blank line' as const, at: row, text })),
        fc
          .constantFrom(
            'delimiters only' as const,
            'header in capitals' as const,
            'all quoted' as const,
            'trailing delimiter' as const,
            'two BOMs' as const,
            'data delimited by ,' as const,
          )
          .map((t) => ({ t, at: row })),
      ),
    );
    return fc.record({
      kind: fc.constant(kind),
      rows: fc.array(fc.record({ month: fc.integer({ min: 1, max: 12 }), cells: rowCells(kind) }), {
        minLength: 1,
        maxLength: 6,
      }),
      delimiter: fc.constantFrom<CsvCase['delimiter']>(';', ';', ',', '\t', '|'),
      lineEnd: fc.constantFrom<CsvCase['lineEnd']>('\n', '\n', '\r\n', '\r\n', '\r\n', '\r'),
      encoding: fc.constantFrom<CsvCase['encoding']>(
        ...Array<CsvCase['encoding']>(6).fill('utf8'),
        'utf8 with BOM',
        'latin1',
        'utf16le with BOM',
        'utf16le',
        'utf16be with BOM',
      ),
      mutations: fc.array(mutation, { maxLength: 3 }),
    });
  });
}

export interface RenderedCsv {
  bytes: Buffer;
  months: string[];
  /** Data rows of the file as meant (what a DONE import writes). */
  rows: number;
  /** 'refuse' when the file has a certain error, 'unknown' when it may have one, else undefined. */
  mark: Mark | undefined;
  why: string[];
}

/** Whether a supplier name is refused: blank, over 200 characters, or a formula. */
function textProblem(value: string): boolean {
  const v = value.trim();
  return v === '' || v.length > 200 || /^[=+@]/.test(v) || (/^-/.test(v) && !/^-?\d/.test(v));
}

/** Writes the file in `year` and tells what the import must make of it. */
export function renderCsv(c: CsvCase, year: number): RenderedCsv {
  const columns = IMPORT_COLUMNS[c.kind];
  const why: string[] = [];
  let mark: Mark | undefined;
  const refuse = (reason: string) => ((mark = 'refuse'), why.push(reason));
  const unknown = (reason: string) => (mark !== 'refuse' && (mark = 'unknown'), why.push(reason));
  const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  const rows = c.rows.map((r) => [month(r.month), ...r.cells]);
  const raw = new Set<string>(); // cells written as they are, without quoting
  const months = [...new Set(c.rows.map((r) => month(r.month)))];
  let header = [...columns] as string[];
  let dataDelimiter: string = c.delimiter;
  const extraLines: { at: number; text: string }[] = [];
  let quoteAll = false;
  let trailing = false;
  let prefix = '';
  for (const m of c.mutations) {
    const at = 'row' in m ? m.row % rows.length : 0;
    const row = rows[at] as string[];
    const col = 'col' in m ? m.col % row.length : 0;
    switch (m.t) {
      case 'formula':
        row[col] = m.value;
        refuse(`formula in ${columns[col]}`);
        break;
      case 'bad month':
        row[0] = m.value;
        refuse('bad month');
        break;
      case 'extra cell':
        row.push('x');
        refuse('extra cell');
        break;
      case 'missing cell':
        row.pop();
        refuse('missing cell');
        break;
      case 'duplicate row':
        rows.push([...row]);
        break;
      case 'huge cell':
        // far over any cell's limit, well under the line limit: the row is refused, not the upload
        row[col] = m.char.repeat(5_000);
        refuse(`huge ${columns[col]}`);
        break;
      case 'endless line':
        // one line over the upload's line limit: the upload itself is refused (uploadAnswer)
        row[col] = m.char.repeat(MAX_LINE_CHARS + 1);
        refuse('endless line');
        break;
      case 'unbalanced quote':
        row[col] = `"${row[col]}`;
        raw.add(`${at}:${col}`);
        if (col < columns.length - 1 && row.length === columns.length) refuse('unbalanced quote');
        else unknown('unbalanced quote in the last column');
        break;
      case 'padded cell':
        row[col] = ` ${row[col]} `;
        break;
      case 'BOM in cell':
        row[col] = `\ufeff${row[col]}`;
        unknown('BOM in a cell');
        break;
      case 'NUL in cell':
        row[col] = `${row[col]}\u0000`;
        break;
      case 'line break in cell':
        row[col] = `${row[col]}${m.brk}x`;
        refuse('line break in a cell');
        break;
      case 'blank line':
        extraLines.push({ at: m.at % (rows.length + 1), text: m.text });
        break;
      case 'delimiters only':
        extraLines.push({ at: m.at % (rows.length + 1), text: c.delimiter.repeat(columns.length - 1) });
        refuse('a line of delimiters');
        break;
      case 'header in capitals':
        header = header.map((h) => h.toUpperCase());
        break;
      case 'all quoted':
        quoteAll = true;
        break;
      case 'trailing delimiter':
        trailing = true;
        refuse('trailing delimiter');
        break;
      case 'two BOMs':
        prefix = '\ufeff\ufeff';
        break;
      case 'data delimited by ,':
        if (c.delimiter === ';') {
          dataDelimiter = ',';
          if (rows.some((r) => r.some((cell) => cell.includes(';'))))
            unknown('data delimited by , with ; in a cell');
          else refuse('data delimited by ,');
        }
        break;
    }
  }
  if (c.delimiter === '\t' || c.delimiter === '|') refuse(`delimiter ${JSON.stringify(c.delimiter)}`);
  // a line break inside a quoted field is not supported (each physical line is one record)
  if (rows.some((r) => r.some((cell) => cell.includes('\n')))) refuse('line break in a generated cell');
  else if (rows.some((r) => r.some((cell) => cell.includes('\r')))) unknown('carriage return in a cell');
  if (c.kind === 'purchased-hours')
    for (const r of rows) if (r[3] !== undefined && textProblem(r[3])) refuse('supplier name refused');
  if (c.kind === 'national-comparison') {
    // keyed as the import reads the cells: trimmed, the county with its leading zero
    const keys = rows.map((r) => `${r[0]?.trim()}|${r[1]?.trim().padStart(2, '0')}`);
    if (new Set(keys).size !== keys.length) refuse('the same month and county twice');
  }
  const quote = (cell: string, delimiter: string, key: string) =>
    raw.has(key)
      ? cell
      : quoteAll || cell.includes(delimiter) || /["\r\n]/.test(cell)
        ? `"${cell.replace(/"/g, '""')}"`
        : cell;
  const lines = [
    `${prefix}${header.map((h) => quote(h, c.delimiter, 'h')).join(c.delimiter)}${trailing ? c.delimiter : ''}`,
    ...rows.map(
      (r, i) =>
        `${r.map((cell, j) => quote(cell, dataDelimiter, `${i}:${j}`)).join(dataDelimiter)}${trailing ? dataDelimiter : ''}`,
    ),
  ];
  for (const extra of extraLines.sort((a, b) => b.at - a.at)) lines.splice(extra.at + 1, 0, extra.text);
  const text = `${lines.join(c.lineEnd)}${c.lineEnd}`;
  let bytes: Buffer;
  switch (c.encoding) {
    case 'utf8':
      bytes = Buffer.from(text, 'utf8');
      break;
    case 'utf8 with BOM':
      bytes = Buffer.from(`\ufeff${text}`, 'utf8');
      break;
    case 'latin1':
      bytes = Buffer.from(text, 'latin1');
      break;
    case 'utf16le':
      bytes = Buffer.from(text, 'utf16le');
      break;
    case 'utf16le with BOM':
      bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
      break;
    case 'utf16be with BOM':
      bytes = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
      break;
  }
  return { bytes, months, rows: rows.length, mark, why };
}

/**
 * What the upload itself must answer: 400 for a file that is not UTF-8 text (bytes that are
 * not UTF-8, or NUL characters, as UTF-16 without a byte-order mark has), that has a line over
 * the line limit, or that has no data line after the header; else 202.
 */
export function uploadAnswer(bytes: Buffer): { status: 202 | 400; why: string } {
  if (!isUtf8(bytes)) return { status: 400, why: 'not UTF-8' };
  const text = bytes.toString('utf8');
  if (text.includes('\u0000')) return { status: 400, why: 'NUL characters' };
  const lines = text.replace(/^\ufeff/, '').split('\n');
  if (lines.some((line) => line.replace(/\r$/, '').length > MAX_LINE_CHARS))
    return { status: 400, why: 'a line over the limit' };
  const data = lines.slice(1).filter((line) => line.replace(/\r$/, '').trim() !== '');
  return data.length === 0 ? { status: 400, why: 'no data lines' } : { status: 202, why: '' };
}
