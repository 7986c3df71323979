// Logs the demo's purchaser and administrator in, and writes no business data: it keeps withDemoData.
import { CSRF_HEADER } from '@hyrkoll/contracts';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';

import { MAX_FAILED_LOGINS } from '../src/modules/auth/auth.service';
import { LOGIN_ATTEMPTS_PER_WINDOW } from '../src/modules/auth/login-throttle';
import { runCli } from './support/cli';
import { createOperator, loginOperator, newOperator, OperatorSession } from './support/operator';
import { ownerDataSource } from './support/owner';
import { as, DEMO, loginAs, TestSession } from './support/sessions';
import { startApi, TestApp, withDemoData } from './support/test-app';
import { testEnv } from './support/test-env';

const QUEUES = '/api/admin/queues/api/queues';

describe('the queue board at /api/admin/queues, the operator’s', () => {
  let api: TestApp;
  let operator: OperatorSession;
  let administrator: TestSession;

  beforeAll(async () => {
    api = await startApi();
    await withDemoData(api.dataSource);
    operator = await newOperator(api);
    administrator = await loginAs(api.app, DEMO.administrator);
  });

  afterAll(() => api.close());

  function asOperator() {
    const server = api.app.getHttpServer();
    return {
      get: (path: string) => request(server).get(path).set('cookie', operator.cookie),
      put: (path: string, csrf = operator.csrf) =>
        request(server).put(path).set('cookie', operator.cookie).set(CSRF_HEADER, csrf).send({}),
      post: (path: string, body: object) =>
        request(server).post(path).set('cookie', operator.cookie).set(CSRF_HEADER, operator.csrf).send(body),
      delete: (path: string) =>
        request(server).delete(path).set('cookie', operator.cookie).set(CSRF_HEADER, operator.csrf),
    };
  }

  function events(action: string) {
    return api.dataSource.query<
      { action: string; queue: string | null; job_id: string | null; outcome: string }[]
    >(
      `SELECT action, queue, job_id, outcome FROM operator_events e JOIN operators o ON o.id = e.operator_id
        WHERE o.email = $1 AND action = $2 ORDER BY seq`,
      [operator.email, action],
    );
  }

  it('needs a login, and refuses every region user, a region administrator too (403)', async () => {
    const anonymous = await request(api.app.getHttpServer()).get(QUEUES).expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'SESSION_MISSING' });
    const purchaser = await loginAs(api.app, DEMO.purchaser);
    for (const user of [purchaser, administrator]) {
      const read = await as(api.app, user).get(QUEUES).expect(403);
      expect(read.body).toMatchObject({ code: 'OPERATOR_ONLY' });
      await as(api.app, user).get('/api/admin/queues').expect(403);
      const write = await as(api.app, user).put(`${QUEUES}/imports/clean/failed`).expect(403);
      expect(write.body).toMatchObject({ code: 'OPERATOR_ONLY' });
    }
  });

  it('lets the operator read every queue and the board’s page', async () => {
    const res = await asOperator().get(QUEUES).expect(200);
    const names = (res.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(['imports', 'notifications', 'rollups', 'scheduled']);
    const page = await asOperator().get('/api/admin/queues').expect(200);
    expect(page.text).toContain('<div id="root">');
  });

  it('refuses a change without the CSRF token, and any change until writing is switched on', async () => {
    await request(api.app.getHttpServer())
      .put(`${QUEUES}/notifications/pause`)
      .set('cookie', operator.cookie)
      .expect(403);
    const refused = await asOperator().put(`${QUEUES}/notifications/pause`).expect(403);
    expect(refused.body).toMatchObject({ code: 'QUEUE_BOARD_READ_ONLY' });
    const notifications = api.app.get<Queue>(getQueueToken('notifications'), { strict: false });
    expect(await notifications.isPaused()).toBe(false);
    expect(await events('board:pause')).toEqual([
      { action: 'board:pause', queue: 'notifications', job_id: null, outcome: 'refused' },
    ]);
  });

  it('takes changes for 15 minutes once switched on with a reason, records each with its job, and stops when switched off', async () => {
    const noReason = await asOperator().post('/api/operator/writes', {}).expect(400);
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    // a reason must explain something: at least 10 characters, spaces around not counted
    for (const reason of ['x', '   too short   ']) {
      const short = await asOperator().post('/api/operator/writes', { reason }).expect(400);
      expect(short.body.details).toEqual([
        expect.objectContaining({ field: 'reason', code: 'minLength', params: { min: 10 } }),
      ]);
    }
    expect((await asOperator().get('/api/operator/me').expect(200)).body.writesUntil).toBeNull();
    const on = await asOperator()
      .post('/api/operator/writes', { reason: 'promote a delayed import job' })
      .expect(200);
    const until = Date.parse(on.body.writesUntil as string) - Date.now();
    expect(until).toBeGreaterThan(14 * 60_000);
    expect(until).toBeLessThanOrEqual(15 * 60_000);
    expect(await events('writes.on')).toHaveLength(1);

    const imports = api.app.get<Queue>(getQueueToken('imports'), { strict: false });
    const job = await imports.add(
      'import',
      { importId: 'x', regionId: 'y' },
      { delay: 3_600_000, jobId: 'board-test' },
    );
    await asOperator().put(`${QUEUES}/imports/board-test/promote`).expect(204);
    expect(await (await imports.getJob('board-test'))?.getState()).toBe('waiting');
    expect(await events('board:job-promote')).toEqual([
      { action: 'board:job-promote', queue: 'imports', job_id: 'board-test', outcome: 'allowed' },
    ]);
    await job.remove();

    const off = await asOperator().delete('/api/operator/writes').expect(200);
    expect(off.body.writesUntil).toBeNull();
    const again = await asOperator().put(`${QUEUES}/imports/clean/failed`).expect(403);
    expect(again.body).toMatchObject({ code: 'QUEUE_BOARD_READ_ONLY' });
    expect(await events('writes.off')).toHaveLength(1);
  });

  it('accepts the token of the board’s own page (the XSRF-TOKEN cookie sent back as X-XSRF-TOKEN)', async () => {
    expect(operator.cookie).toContain(`XSRF-TOKEN=${operator.csrf}`);
    const res = await request(api.app.getHttpServer())
      .put(`${QUEUES}/imports/clean/failed`)
      .set('cookie', operator.cookie)
      .set('x-xsrf-token', operator.csrf)
      .send({});
    expect(res.body).toMatchObject({ code: 'QUEUE_BOARD_READ_ONLY' }); // past the CSRF check
  });

  it('keeps the operators’ record append-only, for the owner of the tables too', async () => {
    const owner = await ownerDataSource();
    try {
      for (const sql of [
        `UPDATE operator_events SET outcome = 'allowed'`,
        'DELETE FROM operator_events',
        'TRUNCATE operator_events',
      ]) {
        // the owner passes the grants and meets the trigger; the application's role has no such grant
        await expect(owner.query(sql)).rejects.toThrow(/append-only/);
        await expect(api.dataSource.query(sql)).rejects.toThrow(/permission denied|append-only/);
      }
    } finally {
      await owner.destroy();
    }
  });

  it('creates operators only from the command line, and shows the password once', async () => {
    const { email, password, out } = await createOperator(api);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(out).toContain('shown this once');
    const [stored] = await api.dataSource.query<{ password_hash: string }[]>(
      'SELECT password_hash FROM operators WHERE email = $1',
      [email],
    );
    expect(stored?.password_hash).toMatch(/^\$argon2id\$/);
    const wrong = await request(api.app.getHttpServer())
      .post('/api/operator/login')
      .send({ email, password: 'not-the-password' })
      .expect(401);
    expect(wrong.body).toMatchObject({ code: 'LOGIN_FAILED' });
    await loginOperator(api, email, password);
    // an operator's e-mail and password do not open the users' login
    await request(api.app.getHttpServer()).post('/api/auth/login').send({ email, password }).expect(401);
  });

  it('answers a locked operator exactly as an unknown address, and counts the right password while locked', async () => {
    const { email, password } = await createOperator(api);
    const login = (who: string, secret: string) =>
      request(api.app.getHttpServer()).post('/api/operator/login').send({ email: who, password: secret });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login(email, `wrong-${i}`).expect(401);
    const failuresOf = async () =>
      (
        await api.dataSource.query<{ failed_logins: number; locked_until: Date }[]>(
          'SELECT failed_logins, locked_until FROM operators WHERE email = $1',
          [email],
        )
      )[0];
    const before = await failuresOf();
    expect(before?.failed_logins).toBe(MAX_FAILED_LOGINS);

    const locked = await login(email, password).expect(401);
    const unknown = await login('nobody@drift.example.se', password).expect(401);
    expect(locked.body).toEqual(unknown.body);
    expect(locked.body).toMatchObject({ code: 'LOGIN_FAILED' });
    expect(JSON.stringify(locked.body)).not.toMatch(/lock/i);
    const after = await failuresOf();
    expect(after?.failed_logins).toBe(MAX_FAILED_LOGINS + 1);
    expect(after?.locked_until.getTime()).toBeGreaterThanOrEqual(before?.locked_until.getTime() as number);
  });

  it(`lets the operator in with the right password from an address where ${LOGIN_ATTEMPTS_PER_WINDOW} logins failed`, async () => {
    const { email, password } = await createOperator(api);
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) {
      await request(api.app.getHttpServer())
        .post('/api/operator/login')
        .send({ email: 'someone-else@drift.example.se', password: `guess-${i}` })
        .expect(401);
    }
    const refused = await request(api.app.getHttpServer())
      .post('/api/operator/login')
      .send({ email: 'someone-else@drift.example.se', password: 'one more' })
      .expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_LOGINS' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await loginOperator(api, email, password);
  });

  it('replaces a password from the command line, ending the sessions, and deactivates an operator', async () => {
    const { email, password } = await createOperator(api);
    const session = await loginOperator(api, email, password);
    const env = { ...testEnv(), DATABASE_URL: api.config.database.url };
    const reset = await runCli('operator:password', env, ['--email', email]);
    const fresh = /password of the operator \S+: (\S+)/.exec(reset.out)?.[1] as string;
    expect(reset.code).toBe(0);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await request(api.app.getHttpServer()).get('/api/operator/me').set('cookie', session.cookie).expect(401);
    await request(api.app.getHttpServer()).post('/api/operator/login').send({ email, password }).expect(401);
    await loginOperator(api, email, fresh);
    expect((await runCli('operator:deactivate', env, ['--email', email])).code).toBe(0);
    await request(api.app.getHttpServer())
      .post('/api/operator/login')
      .send({ email, password: fresh })
      .expect(401);
    const misuse = await runCli('operator:create', env, ['--email', 'not-an-address', '--name', 'X']);
    expect(misuse.code).toBe(2);
    expect(misuse.out).toContain('--email must be an e-mail address');
  }, 90_000);
});
