// Works in a PostgreSQL server of its own, which no other file writes to: it keeps withDemoData.
import type { ErrorBody, HealthReport, OrderDto, UnitDto } from '@hyrkoll/contracts';
import { Client } from 'pg';
import request, { Response } from 'supertest';
import { DataSource } from 'typeorm';

import { AppConfig } from '../src/config/app-config';
import { migrateAsOwner } from '../src/database/migrate';
import { typeormOptions } from '../src/database/typeorm-options';
import { verifyAuditTrail } from '../src/modules/audit/audit-verify';
import { anOrder } from './support/builders';
import { databaseEnv } from './support/databases';
import { eventually, eventuallyValue } from './support/eventually';
import { PrivatePostgres, startPrivatePostgres } from './support/private-postgres';
import { as, DEMO, loginAs, TestSession } from './support/sessions';
import { startApi, TestApp, withDemoData } from './support/test-app';
import { testEnv } from './support/test-env';
import { submitOrder } from './support/workflow';

/** How long the API may take to answer again once PostgreSQL is back. */
const RECOVERY_LIMIT_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectUnavailable(res: Response, what: string): void {
  expect({ what, status: res.status }).toEqual({ what, status: 503 });
  const body = res.body as ErrorBody;
  expect(body).toEqual({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.any(String) });
  expect(body.message).toMatch(/unavailable|cannot be reached/);
  expect(res.headers['retry-after']).toBeDefined();
}

/**
 * PostgreSQL stopped and started again under a running API (its own server, so that stopping it
 * touches nothing else): while it is down every request that needs it gets 503 in the error
 * shape — also the session lookup of a logged-in request and the login — and /api/health names
 * the database; once it is back the same process answers again by itself, and every write it
 * confirmed before the stop is there.
 */
describe('PostgreSQL restarted under a running API', () => {
  let pg: PrivatePostgres;
  let databaseUrl: string;
  let api: TestApp;
  let eva: TestSession;
  let maria: TestSession;
  let unit: UnitDto;
  /** Every write the API confirmed (2xx), to be found after the restarts. */
  const confirmedOrders = new Set<string>();
  const confirmedApprovals = new Set<string>();
  const recoveries: Record<string, number> = {};

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    databaseUrl = await pg.createDatabase('hyrkoll_outage');
    const config = AppConfig.fromEnv(testEnv(databaseEnv(databaseUrl)));
    await migrateAsOwner(config);
    const setup = await new DataSource(typeormOptions(config, 'hyrkoll-it-outage-setup')).initialize();
    try {
      await withDemoData(setup);
    } finally {
      await setup.destroy();
    }
    api = await startApi({ ...databaseEnv(databaseUrl), LOG_LEVEL: 'error' });
    [eva, maria] = await Promise.all(
      [DEMO.unitManagerSkelleftea, DEMO.areaChiefSkelleftea].map((e) => loginAs(api.app, e)),
    );
    unit = ((await as(api.app, eva).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[]).find(
      (u) => u.costCentre === '120101',
    ) as UnitDto;
  }, 60_000);

  afterAll(async () => {
    if (pg && !pg.running()) await pg.start().catch(() => undefined);
    await api?.close();
    await pg?.remove();
  });

  /** A confirmed order with its dispensation approved: three committed transactions. */
  async function commitSomeWrites(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const { order, dispensation } = await submitOrder(
        api.app,
        eva,
        anOrder(unit.id).withHours('100.00').build(),
      );
      confirmedOrders.add(order.id);
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
        .expect(200);
      confirmedApprovals.add(dispensation.id);
    }
  }

  /** Clients that keep creating orders until told to stop; every answer must be 201 or 503. */
  function keepWriting(clients: number) {
    const statuses: number[] = [];
    let running = true;
    const giveUp = Date.now() + 45_000; // a failed test must not leave them running
    const loops = Array.from({ length: clients }, async () => {
      while (running && Date.now() < giveUp) {
        const res = await as(api.app, eva).post('/api/orders', anOrder(unit.id).withHours('40.00').build());
        statuses.push(res.status);
        if (res.status === 201) confirmedOrders.add((res.body as OrderDto).id);
        else await sleep(50);
      }
    });
    return {
      statuses,
      stop: async () => {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  /** While PostgreSQL is down: reads, writes, the session lookup and the login all get 503. */
  async function expectOutageAnswers(): Promise<void> {
    const down = Date.now();
    expectUnavailable(await as(api.app, eva).get('/api/orders'), 'GET /api/orders');
    expectUnavailable(
      await as(api.app, eva).post('/api/orders', anOrder(unit.id).build()),
      'POST /api/orders',
    );
    expectUnavailable(
      await as(api.app, maria).get(`/api/dispensations/${[...confirmedApprovals][0]}`),
      'GET /api/dispensations/:id',
    );
    expectUnavailable(await as(api.app, eva).get('/api/auth/me'), 'GET /api/auth/me');
    expectUnavailable(
      await request(api.app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: DEMO.purchaser, password: 'hyrkoll-demo' }),
      'POST /api/auth/login',
    );
    const health = await request(api.app.getHttpServer()).get('/api/health');
    expect(health.status).toBe(503);
    expect((health.body as HealthReport).checks.database.status).toBe('down');
    await request(api.app.getHttpServer()).get('/api/health/live').expect(200);
    expect(Date.now() - down).toBeLessThan(15_000); // none of it waited for a timeout of minutes
  }

  /** Milliseconds until a logged-in read answers 200 again; only 503s on the way. */
  async function timeToRecover(): Promise<number> {
    const back = Date.now();
    await eventuallyValue(
      `a logged-in read to answer 200 again within ${RECOVERY_LIMIT_MS} ms`,
      async () => {
        const { status } = await as(api.app, eva).get('/api/orders');
        if (status !== 200)
          expect({ during: 'recovery', status }).toEqual({ during: 'recovery', status: 503 });
        return status;
      },
      (status) => status === 200,
      RECOVERY_LIMIT_MS,
    );
    return Date.now() - back;
  }

  it.each(['fast', 'immediate'] as const)(
    'answers 503 while PostgreSQL is down (%s shutdown) and recovers without a restart',
    async (mode) => {
      await commitSomeWrites(3);
      const writers = keepWriting(8);
      const seenByWriters = (status: number) => async () => writers.statuses.includes(status);
      try {
        await eventually('the writers to have an order confirmed', seenByWriters(201));
        await pg.stop(mode);
        await expectOutageAnswers();
        await eventually('the writers to be answered 503', seenByWriters(503));
        await pg.start();
        recoveries[mode] = await timeToRecover();
      } finally {
        if (!pg.running()) await pg.start();
        await writers.stop();
      }

      // the writers saw only confirmations and 503s, never a 500; some of each
      const seen = [...new Set(writers.statuses)].sort();
      expect(seen.filter((s) => s !== 201 && s !== 503)).toEqual([]);
      expect(writers.statuses.filter((s) => s === 503).length).toBeGreaterThan(0);

      // the same process works as before: the session is still valid, writes go through
      await commitSomeWrites(1);
      const report = (await request(api.app.getHttpServer()).get('/api/health')).body as HealthReport;
      expect(report.checks.database.status).toBe('up');
    },
    60_000,
  );

  it('lost none of the writes it confirmed, and the audit trail is unbroken', async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const orders = await client.query<{ id: string }>('SELECT id FROM orders WHERE id = ANY($1::uuid[])', [
        [...confirmedOrders],
      ]);
      expect(orders.rows.map((r) => r.id).sort()).toEqual([...confirmedOrders].sort());
      const approved = await client.query<{ id: string; decisions: number }>(
        `SELECT d.id, (SELECT count(*)::int FROM dispensation_decisions x WHERE x.dispensation_id = d.id) AS decisions
           FROM dispensations d WHERE d.id = ANY($1::uuid[]) AND d.status = 'APPROVED'`,
        [[...confirmedApprovals]],
      );
      expect(approved.rows.map((r) => r.id).sort()).toEqual([...confirmedApprovals].sort());
      expect(approved.rows.every((r) => r.decisions === 1)).toBe(true);
    } finally {
      await client.end();
    }
    expect((await verifyAuditTrail(api.dataSource.manager, api.config.audit.chainKey)).breaks).toEqual([]);
    process.stdout.write(
      `PostgreSQL restart: ${confirmedOrders.size} confirmed orders kept; recovered after ${JSON.stringify(recoveries)} ms\n`,
    );
  });
});
