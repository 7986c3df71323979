// Logs the demo's purchaser and administrator in, and writes no business data: it keeps withDemoData.
import request from 'supertest';

import { as, DEMO, loginAs } from './support/sessions';
import { startApi, TestApp, withDemoData } from './support/test-app';

describe('the queue board at /api/admin/queues', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startApi();
    await withDemoData(api.dataSource);
  });

  afterAll(() => api.close());

  it('needs a login, and is for administrators only', async () => {
    const anonymous = await request(api.app.getHttpServer()).get('/api/admin/queues/api/queues').expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'SESSION_MISSING' });
    const purchaser = await loginAs(api.app, DEMO.purchaser);
    const refused = await as(api.app, purchaser).get('/api/admin/queues/api/queues').expect(403);
    expect(refused.body).toMatchObject({
      code: 'ADMINISTRATOR_ONLY',
      message: 'The queue board is for administrators',
    });
  });

  it('lists every queue to an administrator, and refuses a change without the CSRF token', async () => {
    const admin = await loginAs(api.app, DEMO.administrator);
    const res = await as(api.app, admin).get('/api/admin/queues/api/queues').expect(200);
    const names = (res.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(['imports', 'notifications', 'rollups', 'scheduled']);
    const page = await as(api.app, admin).get('/api/admin/queues').expect(200);
    expect(page.text).toContain('<div id="root">');
    await request(api.app.getHttpServer())
      .put('/api/admin/queues/api/queues/imports/clean/failed')
      .set('cookie', admin.cookie)
      .expect(403);
  });
});
