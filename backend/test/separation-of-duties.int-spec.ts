import type { AuditEventDto, ErrorBody, GrantRequestDto, UnitDto, UserDto } from '@hyrkoll/contracts';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';

import { NEW_REGION_PASSWORD, NewRegion, newRegion } from './support/new-region';
import { as, loginAs, TestSession } from './support/sessions';
import { ReceivedMail, startSmtpInbox } from './support/smtp-inbox';
import { startApi, startWorker, TestApp } from './support/test-app';

const PUBLIC_URL = 'https://hyrkoll.test';

/** The token of the newest password-setup link mailed to `email`. */
function linkToken(mail: ReceivedMail): string {
  const match = /https:\/\/hyrkoll\.test\/password-setup#([A-Za-z0-9_-]{40,})/.exec(mail.text);
  if (!match) throw new Error(`no password-setup link in: ${mail.text}`);
  return match[1] as string;
}

/**
 * Four eyes on decision power, in a region of its own: nobody changes their own roles, and an
 * administrator cannot take over an account by setting its password.
 */
describe('separation of duties', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let region: NewRegion;
  let alva: TestSession;
  let norrbole: UnitDto;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    api = await startApi({ PUBLIC_URL });
    worker = await startWorker({
      QUEUE_PREFIX: api.config.redis.queuePrefix,
      SMTP_URL: inbox.url,
      PUBLIC_URL,
    });
    region = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-SKE'],
      units: [{ costCentre: '120101', area: 'NSO-SKE', name: 'Hälsocentral Norrböle' }],
      users: {
        Alva: [{ role: 'ADMINISTRATOR' }],
        Bert: [{ role: 'ADMINISTRATOR' }],
        Cilla: [{ role: 'STEERING_GROUP' }],
        Dan: [{ role: 'UNIT_MANAGER', unit: '120101' }],
        Erik: [{ role: 'STEERING_GROUP' }],
      },
    });
    alva = region.sessions['Alva'] as TestSession;
    const units = (await as(api.app, alva).get('/api/org/units').expect(200)).body as UnitDto[];
    norrbole = units.find((u) => u.costCentre === '120101') as UnitDto;
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
    await inbox.close();
  });

  const server = () => api.app.getHttpServer();
  const mailTo = (email: string, after = 0) =>
    inbox.waitFor((m) => m.to.includes(email) && inbox.mails.indexOf(m) >= after);

  async function userNamed(name: string): Promise<UserDto> {
    const users = (await as(api.app, alva).get('/api/users').expect(200)).body as UserDto[];
    return users.find((u) => u.name === name) as UserDto;
  }

  describe('own roles', () => {
    it('refuses an administrator a change of their own roles, and changes nothing', async () => {
      const self = await userNamed('Alva');
      for (const roles of [
        [{ role: 'ADMINISTRATOR' }, { role: 'HEALTHCARE_DIRECTOR' }],
        [{ role: 'ADMINISTRATOR' }, { role: 'UNIT_MANAGER', unitId: norrbole.id }],
        [],
      ]) {
        const res = await as(api.app, alva)
          .patch(`/api/users/${self.id}`, { version: self.version, roles })
          .expect(403);
        expect(res.body as ErrorBody).toMatchObject({ code: 'OWN_ROLES_UNCHANGEABLE' });
      }
      expect(await userNamed('Alva')).toEqual(self);
    });

    it("still lets an administrator change their own name, and another user's roles", async () => {
      const self = await userNamed('Alva');
      await as(api.app, alva)
        .patch(`/api/users/${self.id}`, { version: self.version, name: 'Alva' })
        .expect(200);
      const cilla = await userNamed('Cilla');
      const changed = (
        await as(api.app, alva)
          .patch(`/api/users/${cilla.id}`, {
            version: cilla.version,
            roles: [{ role: 'STEERING_GROUP' }, { role: 'UNIT_MANAGER', unitId: norrbole.id }],
          })
          .expect(200)
      ).body as UserDto;
      expect(changed.roles.map((r) => r.role).sort()).toEqual(['STEERING_GROUP', 'UNIT_MANAGER']);
    });
  });

  describe('passwords', () => {
    it('refuses a password set by an administrator, on creation and on change', async () => {
      const created = await as(api.app, alva)
        .post('/api/users', {
          email: `with.password@region-${region.code}.test`,
          name: 'With Password',
          password: 'a-long-first-password',
          roles: [],
        })
        .expect(400);
      expect((created.body as ErrorBody).details).toEqual([
        expect.objectContaining({ field: 'password', code: 'unknownField' }),
      ]);
      const cilla = await userNamed('Cilla');
      const changed = await as(api.app, alva)
        .patch(`/api/users/${cilla.id}`, { version: cilla.version, password: 'taken-over-account' })
        .expect(400);
      expect((changed.body as ErrorBody).details).toEqual([
        expect.objectContaining({ field: 'password', code: 'unknownField' }),
      ]);
      await loginAs(api.app, region.users['Cilla']?.email as string, NEW_REGION_PASSWORD);
    });

    it('sends a new user a one-time link, and nobody logs in before it is used', async () => {
      const email = `new.user@region-${region.code}.test`;
      const created = (
        await as(api.app, alva)
          .post('/api/users', { email, name: 'Ny Användare', locale: 'sv', roles: [] })
          .expect(201)
      ).body as UserDto;
      expect(created.passwordSet).toBe(false);
      const mail = await mailTo(email);
      expect(mail.subject).toBe('Välj ditt lösenord till Hyrkoll');
      const token = linkToken(mail);
      for (const password of ['a-long-first-password', 'null', 'undefined']) {
        const login = await request(server()).post('/api/auth/login').send({ email, password });
        expect([login.status, login.body.code]).toEqual([401, 'LOGIN_FAILED']);
      }
      await api.dataSource.query('UPDATE users SET failed_logins = 0 WHERE email = $1', [email]);

      const check = await request(server()).post('/api/password-setup/check').send({ token }).expect(200);
      expect(check.body).toMatchObject({ email, name: 'Ny Användare' });
      const short = await request(server())
        .post('/api/password-setup')
        .send({ token, password: 'short' })
        .expect(400);
      expect((short.body as ErrorBody).details).toEqual([
        expect.objectContaining({ field: 'password', code: 'minLength', params: { min: 10 } }),
      ]);
      await request(server())
        .post('/api/password-setup')
        .send({ token, password: 'my-own-secret-password' })
        .expect(204);
      const session = await loginAs(api.app, email, 'my-own-secret-password');
      expect(session.me.name).toBe('Ny Användare');

      const again = await request(server())
        .post('/api/password-setup')
        .send({ token, password: 'someone-elses-password' })
        .expect(404);
      expect((again.body as ErrorBody).code).toBe('PASSWORD_SETUP_LINK_INVALID');
      await request(server()).post('/api/password-setup/check').send({ token }).expect(404);

      const audit = (
        await as(api.app, alva).get(`/api/audit?entityType=user&entityId=${created.id}`).expect(200)
      ).body as AuditEventDto[];
      expect(audit.map((e) => [e.action, e.actor.name]).reverse()).toEqual([
        ['user.create', 'Alva'],
        ['user.password-link', 'Alva'],
        ['user.password-set', 'Ny Användare'],
        ['auth.login', 'Ny Användare'],
      ]);
      expect(JSON.stringify(audit)).not.toContain(token);
    });

    it("lets an administrator send a link, never see it, and the user's new password ends their sessions", async () => {
      const cilla = await userNamed('Cilla');
      const email = region.users['Cilla']?.email as string;
      const before = await loginAs(api.app, email, NEW_REGION_PASSWORD);
      const seen = inbox.mails.length;
      const issued = await as(api.app, alva).post(`/api/users/${cilla.id}/password-setup`).expect(202);
      expect(Object.keys(issued.body as object)).toEqual(['expiresAt']);
      const hours = (Date.parse((issued.body as { expiresAt: string }).expiresAt) - Date.now()) / 3_600_000;
      expect(Math.round(hours)).toBe(72);
      const token = linkToken(await mailTo(email, seen));
      // the old password works until the link is used
      await loginAs(api.app, email, NEW_REGION_PASSWORD);
      await request(server())
        .post('/api/password-setup')
        .send({ token, password: 'cillas-new-password' })
        .expect(204);
      await as(api.app, before).get('/api/auth/me').expect(401);
      const old = await request(server())
        .post('/api/auth/login')
        .send({ email, password: NEW_REGION_PASSWORD });
      expect(old.status).toBe(401);
      await loginAs(api.app, email, 'cillas-new-password');
    });

    it('refuses an expired link, and the stored token is only a hash', async () => {
      const cilla = await userNamed('Cilla');
      const seen = inbox.mails.length;
      await as(api.app, alva).post(`/api/users/${cilla.id}/password-setup`).expect(202);
      const token = linkToken(await mailTo(region.users['Cilla']?.email as string, seen));
      const stored = await api.dataSource.query<{ token_hash: Buffer }[]>(
        'SELECT token_hash FROM password_setups WHERE user_id = $1 AND closed_at IS NULL',
        [cilla.id],
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]?.token_hash.toString('base64url')).not.toBe(token);
      expect(stored[0]?.token_hash.toString()).not.toContain(token);
      await api.dataSource.query(
        `UPDATE password_setups SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [cilla.id],
      );
      const expired = await request(server())
        .post('/api/password-setup')
        .send({ token, password: 'too-late-password' })
        .expect(404);
      expect((expired.body as ErrorBody).code).toBe('PASSWORD_SETUP_LINK_INVALID');
      await loginAs(api.app, region.users['Cilla']?.email as string, 'cillas-new-password');
    });

    it('lets only an administrator send a link', async () => {
      const cilla = await userNamed('Cilla');
      const session = await loginAs(api.app, region.users['Cilla']?.email as string, 'cillas-new-password');
      const res = await as(api.app, session).post(`/api/users/${cilla.id}/password-setup`).expect(403);
      expect((res.body as ErrorBody).code).toBe('PERMISSION_MISSING');
    });
  });

  describe('grants of decision power', () => {
    let bert: TestSession;
    let areaId: string;

    beforeAll(async () => {
      bert = region.sessions['Bert'] as TestSession;
      areaId = region.areaIds['NSO-SKE'] as string;
    });

    const pending = async (session: TestSession) =>
      (await as(api.app, session).get('/api/grant-requests').expect(200)).body as GrantRequestDto[];

    it('holds a deciding or administrator role until a second administrator approves it', async () => {
      const dan = await userNamed('Dan');
      const res = await as(api.app, alva)
        .patch(`/api/users/${dan.id}`, {
          version: dan.version,
          roles: [
            { role: 'UNIT_MANAGER', unitId: norrbole.id },
            { role: 'PURCHASER' },
            { role: 'AREA_CHIEF', areaId },
            { role: 'HEALTHCARE_DIRECTOR' },
            { role: 'ADMINISTRATOR' },
          ],
        })
        .expect(200);
      const changed = res.body as UserDto;
      // a non-deciding role takes effect at once; the others wait
      expect(changed.roles.map((r) => r.role).sort()).toEqual(['PURCHASER', 'UNIT_MANAGER']);
      expect(changed.pendingRoles.map((r) => r.role).sort()).toEqual([
        'ADMINISTRATOR',
        'AREA_CHIEF',
        'HEALTHCARE_DIRECTOR',
      ]);
      const session = await loginAs(api.app, region.users['Dan']?.email as string, NEW_REGION_PASSWORD);
      expect(session.me.permissions).not.toContain('dispensation:decide');
      expect(session.me.permissions).not.toContain('user:manage');

      const requests = (await pending(bert)).filter((r) => r.user.id === dan.id);
      expect(requests).toHaveLength(3);
      expect(requests[0]).toMatchObject({ status: 'PENDING', requestedBy: { name: 'Alva' } });
      const days = (Date.parse(requests[0]?.expiresAt as string) - Date.now()) / 86_400_000;
      expect(Math.round(days)).toBe(7);

      // not by the administrator who asked for it
      const director = requests.find((r) => r.role === 'HEALTHCARE_DIRECTOR') as GrantRequestDto;
      const own = await as(api.app, alva).post(`/api/grant-requests/${director.id}/approve`).expect(403);
      expect((own.body as ErrorBody).code).toBe('GRANT_REQUEST_OWN');

      await as(api.app, bert).post(`/api/grant-requests/${director.id}/approve`).expect(204);
      const again = await as(api.app, bert).post(`/api/grant-requests/${director.id}/approve`).expect(409);
      expect(again.body).toMatchObject({
        code: 'GRANT_REQUEST_WRONG_STATE',
        params: { currentStatus: 'APPROVED' },
      });
      const chief = requests.find((r) => r.role === 'AREA_CHIEF') as GrantRequestDto;
      await as(api.app, bert).post(`/api/grant-requests/${chief.id}/reject`).expect(204);

      const after = await loginAs(api.app, region.users['Dan']?.email as string, NEW_REGION_PASSWORD);
      expect(after.me.roles.map((r) => r.role).sort()).toEqual([
        'HEALTHCARE_DIRECTOR',
        'PURCHASER',
        'UNIT_MANAGER',
      ]);
      expect((await pending(bert)).filter((r) => r.user.id === dan.id).map((r) => r.role)).toEqual([
        'ADMINISTRATOR',
      ]);

      const audit = (await as(api.app, alva).get(`/api/audit?entityType=user&entityId=${dan.id}`).expect(200))
        .body as AuditEventDto[];
      const actions = audit.map((e) => `${e.action} ${e.actor.name}`);
      expect(actions).toEqual(
        expect.arrayContaining([
          'role-grant.request Alva',
          'role-grant.approve Bert',
          'role-grant.reject Bert',
        ]),
      );
      expect(actions.filter((a) => a === 'role-grant.request Alva')).toHaveLength(3);
    });

    it('lets nobody approve a grant to themselves, nor one that has expired', async () => {
      const dan = await userNamed('Dan');
      const admin = (await pending(bert)).find(
        (r) => r.user.id === dan.id && r.role === 'ADMINISTRATOR',
      ) as GrantRequestDto;
      // Dan becomes an administrator only through Bert; Dan cannot approve the grant to himself
      await as(api.app, bert).post(`/api/grant-requests/${admin.id}/approve`).expect(204);
      const cilla = await userNamed('Cilla');
      await as(api.app, alva)
        .patch(`/api/users/${cilla.id}`, {
          version: cilla.version,
          roles: [
            ...cilla.roles.map((r) => ({ role: r.role, unitId: r.unit?.id })),
            { role: 'HEALTHCARE_DIRECTOR' },
          ],
        })
        .expect(200);
      const danSession = await loginAs(api.app, region.users['Dan']?.email as string, NEW_REGION_PASSWORD);
      const forCilla = (await pending(danSession)).find((r) => r.user.id === cilla.id) as GrantRequestDto;
      const cillaAdmin = await userNamed('Cilla');
      expect(cillaAdmin.pendingRoles).toEqual([{ role: 'HEALTHCARE_DIRECTOR' }]);

      const dansOwn = await as(api.app, bert)
        .patch(`/api/users/${dan.id}`, {
          version: (await userNamed('Dan')).version,
          roles: [
            ...(await userNamed('Dan')).roles.map((r) => ({ role: r.role, unitId: r.unit?.id })),
            { role: 'AREA_CHIEF', areaId },
          ],
        })
        .expect(200);
      const toDan = (await pending(bert)).find(
        (r) => r.user.id === (dansOwn.body as UserDto).id && r.role === 'AREA_CHIEF',
      ) as GrantRequestDto;
      const self = await as(api.app, danSession).post(`/api/grant-requests/${toDan.id}/approve`).expect(403);
      expect((self.body as ErrorBody).code).toBe('GRANT_REQUEST_FOR_SELF');

      await api.dataSource.query(
        `UPDATE role_grant_requests SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [forCilla.id],
      );
      expect((await pending(bert)).find((r) => r.id === forCilla.id)?.status).toBe('EXPIRED');
      const late = await as(api.app, bert).post(`/api/grant-requests/${forCilla.id}/approve`).expect(409);
      expect(late.body).toMatchObject({
        code: 'GRANT_REQUEST_WRONG_STATE',
        params: { currentStatus: 'EXPIRED' },
      });
      expect((await userNamed('Cilla')).roles.map((r) => r.role)).not.toContain('HEALTHCARE_DIRECTOR');
    });

    it('closes an expired request: the same grant can be asked again, and the entry dismissed', async () => {
      const cilla = await userNamed('Cilla');
      const roles = cilla.roles.map((r) => ({ role: r.role, unitId: r.unit?.id }));
      const expired = (await pending(bert)).find(
        (r) => r.user.id === cilla.id && r.role === 'HEALTHCARE_DIRECTOR',
      ) as GrantRequestDto;
      expect(expired.status).toBe('EXPIRED');
      // asking again closes the expired request and opens a new one
      const asked = await as(api.app, alva)
        .patch(`/api/users/${cilla.id}`, {
          version: cilla.version,
          roles: [...roles, { role: 'HEALTHCARE_DIRECTOR' }],
        })
        .expect(200);
      expect((asked.body as UserDto).pendingRoles).toEqual([{ role: 'HEALTHCARE_DIRECTOR' }]);
      const forCilla = (await pending(bert)).filter((r) => r.user.id === cilla.id);
      expect(forCilla.map((r) => r.status)).toEqual(['PENDING']);
      expect(forCilla[0]?.id).not.toBe(expired.id);
      const late = await as(api.app, bert).post(`/api/grant-requests/${expired.id}/reject`).expect(409);
      expect(late.body).toMatchObject({ params: { currentStatus: 'EXPIRED' } });

      // an expired entry nobody asked again for is dismissed by rejecting it
      const again = forCilla[0] as GrantRequestDto;
      await api.dataSource.query(
        `UPDATE role_grant_requests SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [again.id],
      );
      await as(api.app, bert).post(`/api/grant-requests/${again.id}/approve`).expect(409);
      await as(api.app, bert).post(`/api/grant-requests/${again.id}/reject`).expect(204);
      expect((await pending(bert)).filter((r) => r.user.id === cilla.id)).toEqual([]);
      const closed = await as(api.app, bert).post(`/api/grant-requests/${again.id}/approve`).expect(409);
      expect(closed.body).toMatchObject({ params: { currentStatus: 'EXPIRED' } });
      const audit = (
        await as(api.app, alva).get(`/api/audit?entityType=user&entityId=${cilla.id}`).expect(200)
      ).body as AuditEventDto[];
      expect(audit[0]).toMatchObject({
        action: 'role-grant.dismiss',
        actor: { name: 'Bert' },
        after: { requestId: again.id, role: 'HEALTHCARE_DIRECTOR', status: 'EXPIRED' },
      });
      expect((await userNamed('Cilla')).roles.map((r) => r.role)).not.toContain('HEALTHCARE_DIRECTOR');

      // the requester may take back their own request
      const third = await as(api.app, alva)
        .patch(`/api/users/${cilla.id}`, {
          version: (await userNamed('Cilla')).version,
          roles: [...roles, { role: 'HEALTHCARE_DIRECTOR' }],
        })
        .expect(200);
      expect((third.body as UserDto).pendingRoles).toEqual([{ role: 'HEALTHCARE_DIRECTOR' }]);
      const own = (await pending(alva)).find((r) => r.user.id === cilla.id) as GrantRequestDto;
      await as(api.app, alva).post(`/api/grant-requests/${own.id}/reject`).expect(204);
      expect((await userNamed('Cilla')).pendingRoles).toEqual([]);
    });

    it('withdraws a waiting grant that a new list of roles leaves out', async () => {
      const erik = await userNamed('Erik');
      const roles = erik.roles.map((r) => ({ role: r.role, unitId: r.unit?.id }));
      const withChief = [...roles, { role: 'AREA_CHIEF' as const, areaId }];
      await as(api.app, alva)
        .patch(`/api/users/${erik.id}`, { version: erik.version, roles: withChief })
        .expect(200);
      const request = (await pending(bert)).find((r) => r.user.id === erik.id) as GrantRequestDto;
      // the waiting grant given again (another role added): still the one request
      const kept = await as(api.app, bert)
        .patch(`/api/users/${erik.id}`, {
          version: (await userNamed('Erik')).version,
          roles: [...withChief, { role: 'PURCHASER' }],
        })
        .expect(200);
      expect((kept.body as UserDto).pendingRoles.map((r) => r.role)).toEqual(['AREA_CHIEF']);
      expect((await pending(bert)).filter((r) => r.user.id === erik.id).map((r) => r.id)).toEqual([
        request.id,
      ]);
      // left out: withdrawn, and no later approval grants it
      const withdrawn = await as(api.app, bert)
        .patch(`/api/users/${erik.id}`, { version: (kept.body as UserDto).version, roles: [] })
        .expect(200);
      expect((withdrawn.body as UserDto).pendingRoles).toEqual([]);
      expect((await pending(bert)).filter((r) => r.user.id === erik.id)).toEqual([]);
      const late = await as(api.app, bert).post(`/api/grant-requests/${request.id}/approve`).expect(409);
      expect(late.body).toMatchObject({ params: { currentStatus: 'REJECTED' } });
      expect((await userNamed('Erik')).roles).toEqual([]);
      const audit = (
        await as(api.app, alva).get(`/api/audit?entityType=user&entityId=${erik.id}`).expect(200)
      ).body as AuditEventDto[];
      expect(audit.map((e) => e.action).slice(0, 2)).toEqual(['user.update', 'role-grant.withdraw']);
      expect(audit[1]).toMatchObject({
        actor: { name: 'Bert' },
        after: { requestId: request.id, role: 'AREA_CHIEF', areaId, reason: 'left out of the roles' },
      });
    });

    it('makes a new user with a deciding role wait for the approval too', async () => {
      const created = (
        await as(api.app, alva)
          .post('/api/users', {
            email: `new.chief@region-${region.code}.test`,
            name: 'Ny Chef',
            roles: [{ role: 'AREA_CHIEF', areaId }, { role: 'STEERING_GROUP' }],
          })
          .expect(201)
      ).body as UserDto;
      expect(created.roles.map((r) => r.role)).toEqual(['STEERING_GROUP']);
      expect(created.pendingRoles).toEqual([
        { role: 'AREA_CHIEF', area: { id: areaId, code: 'NSO-SKE', name: 'Område NSO-SKE' } },
      ]);
    });
  });
});
