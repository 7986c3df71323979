import { once } from 'node:events';
import { createServer, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

import pino from 'pino';
import { pinoHttp } from 'pino-http';

import { httpLogOptions, redactedUrl } from './logging.module';

/** A server that logs its requests as the API does and answers with a cookie. */
async function loggingServer(lines: string[]): Promise<Server> {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const options = httpLogOptions('info');
  const log = pinoHttp({ ...options, logger: pino({ level: options.level }, destination) });
  const server = createServer((req, res) => {
    log(req, res);
    if (req.url === '/api/work') req.log.info('working');
    res.setHeader('set-cookie', 'hk_session=secret-session-token; HttpOnly');
    res.statusCode = req.url === '/api/missing' ? 404 : 200;
    res.end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

function get(server: Server, path: string, headers: Record<string, string>): Promise<void> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      res.on('end', resolve);
    })
      .on('error', reject)
      .end();
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request log lines', () => {
  let server: Server;
  const lines: string[] = [];

  beforeAll(async () => {
    server = await loggingServer(lines);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => lines.splice(0));

  it("say our request id, the caller's beside it, method, path and status, and no other header", async () => {
    await get(server, '/api/missing', {
      cookie: 'hk_session=secret-session-token',
      authorization: 'Bearer secret-bearer',
      'x-request-id': 'req-42',
    });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string);
    expect(line.reqId).toMatch(UUID);
    expect(line.req).toEqual({
      id: line.reqId,
      method: 'GET',
      url: '/api/missing',
      clientRequestId: 'req-42',
    });
    expect(line.res).toEqual({ statusCode: 404 });
    expect(lines[0]).not.toMatch(/secret|cookie|authorization/i);
  });

  it("leave out a caller's request id that is not sane or longer than 64 characters", async () => {
    for (const given of ['not sane; drop table', 'x'.repeat(65)]) {
      await get(server, '/api/orders', { 'x-request-id': given });
    }
    expect(lines.map((l) => JSON.parse(l).req)).toEqual([
      { id: expect.stringMatching(UUID), method: 'GET', url: '/api/orders' },
      { id: expect.stringMatching(UUID), method: 'GET', url: '/api/orders' },
    ]);
  });

  it('of what runs in a request carry its id only', async () => {
    await get(server, '/api/work', { 'x-request-id': 'req-43' });
    const [during, done] = lines.map((l) => JSON.parse(l));
    expect(during).toMatchObject({ msg: 'working', reqId: done.reqId });
    expect(during).not.toHaveProperty('req');
    expect(done).toMatchObject({ reqId: expect.stringMatching(UUID), req: { url: '/api/work' } });
    expect(done.res).toEqual({ statusCode: 200 });
  });

  it('leave out the public health probes, not the session check', async () => {
    for (const path of ['/api/health', '/api/health/live?x=1', '/api/health/session', '/api/orders'])
      await get(server, path, {});
    expect(lines.map((l) => JSON.parse(l).req.url)).toEqual(['/api/health/session', '/api/orders']);
  });
});

describe('redactedUrl', () => {
  it('keeps the path and ordinary parameters, and hides a sign-in’s code and state', () => {
    expect(redactedUrl('/api/auth/oidc/callback?code=abc123&state=xyz&iss=https%3A%2F%2Fidp')).toBe(
      '/api/auth/oidc/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fidp',
    );
    expect(redactedUrl('/api/orders?status=DRAFT&page=2')).toBe('/api/orders?status=DRAFT&page=2');
    expect(redactedUrl('/api/orders?postcode=123')).toBe('/api/orders?postcode=123');
  });
});
