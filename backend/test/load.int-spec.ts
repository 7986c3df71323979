// Loads the demo into a throwaway database of its own, which no other file writes to: it keeps withDemoData.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

import type { DispensationDto, MeDto, OrderDto } from '@hyrkoll/contracts';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { hashPassword } from '../src/common/auth/passwords';
import { AppConfig } from '../src/config/app-config';
import { migrateAsOwner } from '../src/database/migrate';
import { DEMO_PASSWORD } from '../src/database/seeds/demo-users';
import { typeormOptions } from '../src/database/typeorm-options';
import { anOrder, JUSTIFICATION } from './support/builders';
import { createThrowawayDatabase, databaseEnv, dropDatabase } from './support/databases';
import { eventuallyValue } from './support/eventually';
import { ActionFigures, figuresOf, LoadClient, Sample } from './support/load-client';
import { freePort } from './support/ports';
import { withDemoData } from './support/test-app';
import { testEnv, uniquePrefix } from './support/test-env';
import { DIST } from './support/worker-process';

/** The issue asks for 60 s; HYRKOLL_LOAD_SECONDS shortens it for a quick local try. */
const SECONDS = Number(process.env['HYRKOLL_LOAD_SECONDS'] || 60);
const CLIENTS = 200;
/** Of the 200 clients, these decide dispensations; the others order. */
const DECIDING_CLIENTS = 40;
/** Share of orders for doctors: the hiring stop covers them, so they need a dispensation. */
const DOCTOR_SHARE = 0.6;
const REJECT_SHARE = 0.1;

const RESULTS = join(__dirname, '../../tmp/test-results');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A built process (main.js or worker.js) whose JSON log lines of level warn and above are kept. */
function startProcess(bundle: string, env: Record<string, string | undefined>, log: string[]): ChildProcess {
  const child = spawn(process.execPath, [join(DIST, bundle)], {
    env: { PATH: process.env['PATH'], ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let rest = '';
  const collect = (chunk: Buffer) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) log.push(`${bundle}: ${line}`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return child;
}

async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface LoadUser {
  email: string;
  role: 'UNIT_MANAGER' | 'AREA_CHIEF';
  unitId?: string;
}

/**
 * 200 clients on loopback for 60 s against the built API (and a worker), as in production: unit
 * managers create and submit orders (doctors need the area chief's dispensation under the
 * region's hiring stop, nurses are approved at once), area chiefs decide what waits for them.
 * Every confirmed write must be in the database exactly once, nothing may answer 5xx, and
 * PostgreSQL must report no deadlock. The figures go to tmp/test-results/load.json; the test
 * asserts correctness, never speed.
 */
describe(`load: ${CLIENTS} clients for ${SECONDS} s ordering and deciding`, () => {
  let databaseUrl: string;
  let dataSource: DataSource;
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let origin: string;
  const log: string[] = [];
  const users: LoadUser[] = [];

  beforeAll(async () => {
    databaseUrl = await createThrowawayDatabase('hyrkoll_it_load');
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const env = {
      ...testEnv(),
      ...databaseEnv(databaseUrl),
      QUEUE_PREFIX: uniquePrefix(),
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      WORKER_HEARTBEAT_SECONDS: '5',
    };
    await migrateAsOwner(AppConfig.fromEnv(env));
    dataSource = await new DataSource(
      typeormOptions(AppConfig.fromEnv(env), 'hyrkoll-it-load-check'),
    ).initialize();
    await withDemoData(dataSource);
    // the hiring stop covers doctors only, so that nurse orders are approved without a dispensation
    await dataSource.query(
      `UPDATE dispensation_policies
          SET policy = jsonb_set(jsonb_set(policy, '{hiringStop,all}', 'false'), '{hiringStop,professionGroups}', '["LAKARE"]')`,
    );
    // one unit manager per unit and two area chiefs per area
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const [{ id: regionId }] = await dataSource.query(`SELECT id FROM regions WHERE code = '24'`);
    const units: { id: string; cost_centre: string }[] = await dataSource.query(
      'SELECT id, cost_centre FROM units WHERE region_id = $1 ORDER BY cost_centre',
      [regionId],
    );
    const areas: { id: string; code: string }[] = await dataSource.query(
      'SELECT id, code FROM areas WHERE region_id = $1 ORDER BY code',
      [regionId],
    );
    const add = async (
      email: string,
      role: LoadUser['role'],
      unitId: string | null,
      areaId: string | null,
    ) => {
      const [{ id }] = await dataSource.query(
        `INSERT INTO users (region_id, email, name, locale, password_hash) VALUES ($1, $2, $3, 'sv', $4) RETURNING id`,
        [regionId, email, email.split('@')[0], passwordHash],
      );
      await dataSource.query(
        `INSERT INTO role_assignments (user_id, region_id, role, unit_id, area_id) VALUES ($1, $2, $3, $4, $5)`,
        [id, regionId, role, unitId, areaId],
      );
      users.push({ email, role, ...(unitId && { unitId }) });
    };
    for (const unit of units)
      await add(`load.um.${unit.cost_centre}@load.hyrkoll.se`, 'UNIT_MANAGER', unit.id, null);
    for (const area of areas) {
      for (const n of [1, 2]) {
        await add(`load.ac${n}.${area.code.toLowerCase()}@load.hyrkoll.se`, 'AREA_CHIEF', null, area.id);
      }
    }

    const started = startProcess('main.js', env, log);
    api = started;
    worker = startProcess('worker.js', env, log);
    const live = () =>
      fetch(`${origin}/api/health/live`)
        .then(async (res) => (await res.text(), res.ok))
        .catch(() => false);
    const state = async () => (started.exitCode !== null ? 'exited' : (await live()) ? 'up' : 'starting');
    const reached = await eventuallyValue('the API to start', state, (s) => s !== 'starting', 30_000).catch(
      () => 'starting',
    );
    if (reached !== 'up') throw new Error(`the API did not start:\n${log.join('\n')}`);
  }, 120_000);

  afterAll(async () => {
    await stopProcess(api);
    await stopProcess(worker);
    await dataSource?.destroy();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  async function login(email: string): Promise<{ cookie: string; csrf: string }> {
    const res = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    const me = (await res.json()) as MeDto;
    if (res.status !== 200) throw new Error(`login as ${email}: ${res.status} ${JSON.stringify(me)}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return { cookie, csrf: me.csrfToken };
  }

  it(
    'confirms every write exactly once, answers no 5xx and deadlocks never',
    async () => {
      // one login per user, its session shared by that user's clients
      const sessions = new Map<string, { cookie: string; csrf: string }>();
      for (let i = 0; i < users.length; i += 6) {
        const batch = users.slice(i, i + 6);
        const logged = await Promise.all(batch.map((u) => login(u.email)));
        batch.forEach((u, j) => sessions.set(u.email, logged[j] as { cookie: string; csrf: string }));
      }
      const managers = users.filter((u) => u.role === 'UNIT_MANAGER');
      const chiefs = users.filter((u) => u.role === 'AREA_CHIEF');

      const stats = async () => {
        const admin = new Client({ connectionString: databaseUrl });
        await admin.connect();
        try {
          const { rows } = await admin.query<{ deadlocks: string }>(
            'SELECT deadlocks::text FROM pg_stat_database WHERE datname = current_database()',
          );
          return Number(rows[0]?.deadlocks ?? 0);
        } finally {
          await admin.end();
        }
      };
      const deadlocksBefore = await stats();

      const samples: Sample[] = [];
      const networkErrors: string[] = [];
      const unexpected: string[] = [];
      const created = new Map<string, { doctor: boolean }>();
      const submitted = new Map<string, { status: string; dispensationId: string | null }>();
      const decided = new Map<string, 'APPROVED' | 'REJECTED'>();
      let conflicts = 0;
      const conflictCodes: Record<string, number> = {};
      /** The codes of the 409s each dispensation's deciders got, to tell why when a count is off. */
      const conflictsOn = new Map<string, string[]>();

      const started = performance.now();
      const deadline = Date.now() + SECONDS * 1000;
      const clients: LoadClient[] = [];
      const client = (email: string) => {
        const c = new LoadClient(
          new URL(origin),
          sessions.get(email) as { cookie: string; csrf: string },
          samples,
          (e) => networkErrors.push(e.message),
        );
        clients.push(c);
        return c;
      };

      const orderer = async (no: number) => {
        const user = managers[no % managers.length] as LoadUser;
        const http = client(user.email);
        for (let seq = 0; Date.now() < deadline; seq++) {
          const doctor = Math.random() < DOCTOR_SHARE;
          const builder = anOrder(user.unitId as string).withHours('100.00');
          if (!doctor) builder.withProfession('SJUKSKOTERSKA', 'LEGITIMERAD');
          const draft = await http.post<OrderDto>(
            'create order',
            '/api/orders',
            builder.build(),
            `load-${no}-${seq}-create`,
          );
          if (draft.status !== 201) {
            unexpected.push(`create order: ${draft.status} ${JSON.stringify(draft.body)}`);
            continue;
          }
          if (created.has(draft.body.id)) unexpected.push(`create order: the same id twice ${draft.body.id}`);
          created.set(draft.body.id, { doctor });
          const order = await http.post<OrderDto>(
            'submit order',
            `/api/orders/${draft.body.id}/submit`,
            { version: draft.body.version, ...(doctor && { justification: JUSTIFICATION }) },
            `load-${no}-${seq}-submit`,
          );
          if (order.status !== 200) {
            unexpected.push(`submit order: ${order.status} ${JSON.stringify(order.body)}`);
            continue;
          }
          submitted.set(order.body.id, {
            status: order.body.status,
            dispensationId: order.body.dispensationId,
          });
        }
      };

      const decider = async (no: number) => {
        const user = chiefs[no % chiefs.length] as LoadUser;
        const http = client(user.email);
        for (let seq = 0; Date.now() < deadline; seq++) {
          const inbox = await http.get<{ items: DispensationDto[] }>(
            'dispensation inbox',
            '/api/dispensations?status=UNDER_REVIEW&waitingForMe=true&pageSize=25',
          );
          if (inbox.status !== 200) {
            unexpected.push(`dispensation inbox: ${inbox.status} ${JSON.stringify(inbox.body)}`);
            continue;
          }
          const waiting = inbox.body.items;
          const d = waiting[Math.floor(Math.random() * waiting.length)];
          if (!d) {
            await sleep(200);
            continue;
          }
          const reject = Math.random() < REJECT_SHARE;
          const action = reject ? 'reject dispensation' : 'approve dispensation';
          const res = await http.post<DispensationDto>(
            action,
            `/api/dispensations/${d.id}/${reject ? 'reject' : 'approve'}`,
            reject ? { version: d.version, comment: 'Inte nu' } : { version: d.version },
            `load-d${no}-${seq}`,
          );
          if (res.status === 409) {
            conflicts++;
            const code = (res.body as unknown as { code?: string } | null)?.code ?? 'none';
            conflictCodes[code] = (conflictCodes[code] ?? 0) + 1;
            conflictsOn.set(d.id, [...(conflictsOn.get(d.id) ?? []), code]);
          } else if (res.status === 200) {
            if (decided.has(d.id)) unexpected.push(`${action}: a second winner for ${d.id}`);
            decided.set(d.id, reject ? 'REJECTED' : 'APPROVED');
          } else unexpected.push(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      };

      await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) =>
          i < DECIDING_CLIENTS ? decider(i) : orderer(i - DECIDING_CLIENTS),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      for (const c of clients) c.close();

      // the figures, recorded before anything is asserted
      const actions = [...new Set(samples.map((s) => s.action))].sort();
      const figures = {
        clients: CLIENTS,
        seconds: Math.round(seconds * 10) / 10,
        cpus: cpus().length,
        all: figuresOf(samples, seconds),
        actions: Object.fromEntries(
          actions.map((a) => [
            a,
            figuresOf(
              samples.filter((s) => s.action === a),
              seconds,
            ),
          ]),
        ) as Record<string, ActionFigures>,
        written: {
          ordersCreated: created.size,
          ordersSubmitted: submitted.size,
          dispensationsDecided: decided.size,
          decisionConflicts409: conflicts,
          decisionConflictCodes: conflictCodes,
        },
        networkErrors: networkErrors.length,
      };
      mkdirSync(RESULTS, { recursive: true });
      writeFileSync(join(RESULTS, 'load.json'), `${JSON.stringify(figures, null, 2)}\n`);
      process.stdout.write(`load figures: ${JSON.stringify(figures, null, 2)}\n`);

      // the API and the worker end here, so that PostgreSQL has counted all they did
      await stopProcess(api);
      await stopProcess(worker);
      const deadlocks = (await stats()) - deadlocksBefore;

      // nothing failed, on the network or with 5xx, and every answer was an expected one
      expect(networkErrors).toEqual([]);
      expect(samples.filter((s) => s.status >= 500)).toEqual([]);
      expect(unexpected.slice(0, 10)).toEqual([]);
      expect(deadlocks).toBe(0);
      const bad = log.filter((line) => /deadlock|40P01|"level":(50|60)/.test(line));
      expect(bad.slice(0, 10)).toEqual([]);
      expect(created.size).toBeGreaterThan(0);
      expect(decided.size).toBeGreaterThan(0);

      // every confirmed order exactly once; no order nobody was told about
      const orders: { id: string; status: string; submitted: boolean; creates: number; submits: number }[] =
        await dataSource.query(
          `SELECT o.id, o.status, o.submitted_at IS NOT NULL AS submitted,
                (SELECT count(*)::int FROM audit_events a WHERE a.entity_id = o.id::text AND a.action = 'order.create') AS creates,
                (SELECT count(*)::int FROM audit_events a WHERE a.entity_id = o.id::text AND a.action = 'order.submit') AS submits
           FROM orders o`,
        );
      expect(orders.map((o) => o.id).sort()).toEqual([...created.keys()].sort());
      expect(orders.filter((o) => o.creates !== 1)).toEqual([]);
      expect(
        orders
          .filter((o) => o.submitted)
          .map((o) => o.id)
          .sort(),
      ).toEqual([...submitted.keys()].sort());
      expect(orders.filter((o) => o.submitted !== (o.submits === 1))).toEqual([]);

      // doctors wait for exactly one dispensation, nurses were approved at once
      const dispensations: {
        id: string;
        order_id: string;
        status: string;
        decisions: number;
        outcome: string | null;
      }[] = await dataSource.query(
        `SELECT d.id, d.order_id, d.status,
                (SELECT count(*)::int FROM dispensation_decisions x WHERE x.dispensation_id = d.id) AS decisions,
                (SELECT max(x.outcome) FROM dispensation_decisions x WHERE x.dispensation_id = d.id) AS outcome
           FROM dispensations d`,
      );
      const submittedDoctors = [...submitted.keys()].filter((id) => created.get(id)?.doctor);
      expect(dispensations.map((d) => d.order_id).sort()).toEqual(submittedDoctors.sort());
      const dispensationOf = new Map(dispensations.map((d) => [d.order_id, d.id]));
      for (const [id, s] of submitted) {
        const doctor = created.get(id)?.doctor;
        expect({ id, status: s.status, dispensationId: s.dispensationId }).toEqual({
          id,
          status: doctor ? 'AWAITING_DISPENSATION' : 'APPROVED',
          dispensationId: doctor ? dispensationOf.get(id) : null,
        });
      }

      // every confirmed decision exactly once, with its outcome; no decision nobody was told about
      const withDecision = dispensations.filter((d) => d.decisions > 0);
      const decidedButRefused = withDecision
        .filter((d) => !decided.has(d.id))
        .map((d) => ({ id: d.id, status: d.status, answered: conflictsOn.get(d.id) ?? 'nothing' }));
      expect(decidedButRefused.slice(0, 10)).toEqual([]);
      expect(withDecision.map((d) => d.id).sort()).toEqual([...decided.keys()].sort());
      expect(withDecision.filter((d) => d.decisions !== 1)).toEqual([]);
      for (const d of withDecision) {
        expect({ id: d.id, status: d.status, outcome: d.outcome }).toEqual({
          id: d.id,
          status: decided.get(d.id),
          outcome: decided.get(d.id),
        });
      }
      const orderStatus = new Map(orders.map((o) => [o.id, o.status]));
      for (const d of withDecision) expect(orderStatus.get(d.order_id)).toBe(decided.get(d.id));
    },
    (SECONDS + 90) * 1000,
  );
});
