import type { HealthReport } from '@hyrkoll/contracts';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';

import { eventuallyValue } from './support/eventually';
import { startApi, startWorker, TestApp } from './support/test-app';

describe('GET /api/health', () => {
  let api: TestApp;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    api = await startApi({ QUEUE_PREFIX: 'hyrkoll-it-health' });
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('answers the liveness probe without checking anything else', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('sends the security headers (helmet) on every answer, errors included', async () => {
    for (const path of ['/api/health/live', '/api/orders', '/api/no-such-route']) {
      const res = await request(api.app.getHttpServer()).get(path);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('reports the worker down, with 503, while no worker runs', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/health').expect(503);
    const body = res.body as HealthReport;
    expect(body.status).toBe('degraded');
    expect(body.checks.database.status).toBe('up');
    expect(body.checks.redis.status).toBe('up');
    expect(body.checks.worker).toMatchObject({ status: 'down', liveWorkers: 0 });
  });

  it('is all green once a worker has written its heartbeat', async () => {
    worker = await startWorker({ QUEUE_PREFIX: 'hyrkoll-it-health' });
    const body = await eventuallyValue(
      'the health report to be all green',
      async () => (await request(api.app.getHttpServer()).get('/api/health')).body as HealthReport,
      (report) => report.status === 'ok',
      4_000,
    );
    expect(body.status).toBe('ok');
    expect(body.checks.worker.liveWorkers).toBe(1);
    expect(Date.parse(body.checks.worker.lastHeartbeatAt ?? '')).toBeGreaterThan(Date.now() - 10_000);
  });

  it('reports the worker down again after it stops', async () => {
    await worker?.close();
    worker = undefined;
    const res = await request(api.app.getHttpServer()).get('/api/health').expect(503);
    expect((res.body as HealthReport).checks.worker.status).toBe('down');
  });
});

describe('GET /api/health with Redis unreachable', () => {
  let api: TestApp;

  beforeAll(async () => {
    // Port 1 is never a Redis: connections are refused at once.
    api = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
  });

  afterAll(() => api.close());

  it('answers 503 naming Redis and the worker as down, the database as up', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/health').expect(503);
    const body = res.body as HealthReport;
    expect(body.checks.database.status).toBe('up');
    expect(body.checks.redis.status).toBe('down');
    expect(body.checks.redis.error).toEqual(expect.any(String));
    expect(body.checks.worker.status).toBe('down');
  });
});
