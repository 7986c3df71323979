import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { HealthReport, UserDto } from '@hyrkoll/contracts';
import type { INestApplicationContext } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import request from 'supertest';

import { eventuallyValue } from './support/eventually';
import { NEW_REGION_PASSWORD, NewRegion, newRegion } from './support/new-region';
import { as, loginAs, TestSession } from './support/sessions';
import { startApi, startWorker, TestApp } from './support/test-app';

const PUBLIC_URL = 'https://hyrkoll.test';

/**
 * Without SMTP_URL (the demo, a deployment without a mail server) the worker writes each e-mail
 * into MAIL_DIR, so that a new user's password-setup link reaches someone (review 20, LOW-3).
 */
describe('e-mail into MAIL_DIR when there is no SMTP_URL', () => {
  let dir: string;
  let api: TestApp;
  let worker: INestApplicationContext;
  let region: NewRegion;

  beforeAll(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'hyrkoll-mail-')), 'mail');
    api = await startApi({ PUBLIC_URL, MAIL_DIR: dir, SMTP_URL: '' });
    worker = await startWorker({
      QUEUE_PREFIX: api.config.redis.queuePrefix,
      SMTP_URL: '',
      MAIL_DIR: dir,
      PUBLIC_URL,
    });
    region = await newRegion(api.app, api.dataSource, {
      areas: [],
      units: [],
      users: { Alva: [{ role: 'ADMINISTRATOR' }], Cilla: [{ role: 'STEERING_GROUP' }] },
    });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('writes the password-setup mail as an .eml file only its owner reads, with a link that works', async () => {
    const alva = region.sessions['Alva'] as TestSession;
    const email = region.users['Cilla']?.email as string;
    const users = (await as(api.app, alva).get('/api/users').expect(200)).body as UserDto[];
    const cilla = users.find((u) => u.name === 'Cilla') as UserDto;
    await as(api.app, alva).post(`/api/users/${cilla.id}/password-setup`).expect(202);

    const found = await eventuallyValue(
      'the mail in MAIL_DIR',
      async () => {
        const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
        for (const file of files) {
          const parsed = await simpleParser(await readFile(join(dir, file)));
          if (JSON.stringify(parsed.to ?? '').includes(email)) return { file, parsed };
        }
        return undefined;
      },
      (value) => value !== undefined,
    );
    const mail = found as NonNullable<typeof found>;
    expect(((await stat(join(dir, mail.file))).mode & 0o777).toString(8)).toBe('600');
    const token = /https:\/\/hyrkoll\.test\/password-setup#([A-Za-z0-9_-]{40,})/.exec(
      mail.parsed.text ?? '',
    )?.[1];
    expect(token).toBeDefined();

    await request(api.app.getHttpServer())
      .post('/api/password-setup')
      .send({ token, password: 'cillas-own-password' })
      .expect(204);
    await loginAs(api.app, email, 'cillas-own-password');
    const old = await request(api.app.getHttpServer())
      .post('/api/auth/login')
      .send({ email, password: NEW_REGION_PASSWORD });
    expect(old.status).toBe(401);
  });

  it('says in the health report how e-mail leaves', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/health');
    expect((res.body as HealthReport).mail).toBe('folder');
    const bare = await startApi({ SMTP_URL: '', MAIL_DIR: '' });
    try {
      expect(((await request(bare.app.getHttpServer()).get('/api/health')).body as HealthReport).mail).toBe(
        'none',
      );
    } finally {
      await bare.close();
    }
  });
});
