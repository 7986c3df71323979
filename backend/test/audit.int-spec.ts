import type { UserDto } from '@hyrkoll/contracts';

import { AuditService } from '../src/modules/audit/audit.service';
import { verifyAuditTrail } from '../src/modules/audit/audit-verify';
import { NewRegion, newRegion } from './support/new-region';
import { ownerDataSource } from './support/owner';
import { as, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';

describe('the audit trail', () => {
  let api: TestApp;
  let region: NewRegion;
  let admin: TestSession;
  let audited: string;

  beforeAll(async () => {
    api = await startApi();
    region = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-SKE'],
      units: [{ costCentre: '120101', area: 'NSO-SKE' }],
      users: {
        Administrator: [{ role: 'ADMINISTRATOR' }],
        UnitManager: [{ role: 'UNIT_MANAGER', unit: '120101' }],
      },
    });
    admin = region.sessions['Administrator'] as TestSession;
    audited = `audited@region-${region.code}.test`;
    await as(api.app, admin)
      .post('/api/users', {
        email: audited,
        name: 'Audited',
        roles: [],
      })
      .expect(201);
  });

  afterAll(() => api.close());

  it("the application's role may only insert and read the audit trail, not change, empty or alter it", async () => {
    const [role] = await api.dataSource.query<{ superuser: boolean; member: boolean; insert: boolean }[]>(
      `SELECT rolsuper AS superuser, pg_has_role(current_user, 'hyrkoll_app', 'MEMBER') AS member,
              has_table_privilege('audit_events', 'INSERT, SELECT') AS insert
         FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ superuser: false, member: true, insert: true });
    const refused = async (sql: string) =>
      (await api.dataSource.query(sql).then(
        () => 'allowed',
        (e: Error) => e.message,
      )) as string;
    expect(await refused(`UPDATE audit_events SET actor_name = 'someone else'`)).toBe(
      'permission denied for table audit_events',
    );
    expect(await refused('DELETE FROM audit_events')).toBe('permission denied for table audit_events');
    expect(await refused('TRUNCATE audit_events')).toBe('permission denied for table audit_events');
    const owner = expect.stringMatching(/^must be owner of (table|relation) audit_events$/);
    expect(await refused('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only')).toEqual(owner);
    expect(await refused('ALTER TABLE audit_events DISABLE TRIGGER ALL')).toEqual(owner);
    expect(await refused('DROP TRIGGER audit_events_append_only ON audit_events')).toEqual(owner);
    expect(await refused('ALTER TABLE audit_events ADD COLUMN note text')).toEqual(owner);
    expect(await refused('DROP TABLE audit_events')).toEqual(owner);
    expect(await refused('DROP FUNCTION audit_events_refuse_change()')).toBe(
      'must be owner of function audit_events_refuse_change',
    );
    expect(
      await refused(
        'CREATE TRIGGER t BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()',
      ),
    ).toBe('permission denied for table audit_events');
    // replica mode would skip every trigger: only a superuser may switch to it
    expect(await refused('SET session_replication_role = replica')).toBe(
      'permission denied to set parameter "session_replication_role"',
    );
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself, also to the owner', async () => {
    const owner = await ownerDataSource();
    try {
      await expect(owner.query(`UPDATE audit_events SET actor_name = 'someone else'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(owner.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      await expect(owner.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    } finally {
      await owner.destroy();
    }
  });

  it('chains every event to the previous one of its region', async () => {
    const result = await verifyAuditTrail(api.dataSource.manager, api.config.audit.chainKey);
    expect(result.events).toBeGreaterThan(0);
    expect(result.breaks).toEqual([]);
  });

  it('writes what a transaction recorded as it commits, in order, and nothing when it rolls back', async () => {
    const audit = api.app.get(AuditService);
    const actor = { regionId: region.regionId, userId: null, name: 'Audit test', requestId: null };
    const entry = (entityId: string) => ({ action: 'test.record', entityType: 'order' as const, entityId });
    const written = async (ids: string[]) =>
      (
        await api.dataSource.query<{ entity_id: string }[]>(
          `SELECT entity_id FROM audit_events WHERE entity_id = ANY($1) ORDER BY seq`,
          [ids],
        )
      ).map((r) => r.entity_id);

    await expect(
      api.dataSource.transaction(async (m) => {
        await audit.record(m, actor, entry('rolled-back'));
        await m.query('SELECT 1 / 0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await written(['rolled-back'])).toEqual([]);

    await api.dataSource.transaction(async (m) => {
      await audit.record(m, actor, [entry('first'), entry('second')]);
      // nothing is in the table until the commit
      expect(await m.query(`SELECT 1 FROM audit_events WHERE entity_id = 'first'`)).toEqual([]);
      await audit.record(m, actor, entry('third'));
    });
    expect(await written(['first', 'second', 'third'])).toEqual(['first', 'second', 'third']);
    expect((await verifyAuditTrail(api.dataSource.manager, api.config.audit.chainKey)).breaks).toEqual([]);
  });

  it('is listed newest first, filtered by entity type, for audit readers only', async () => {
    const events = (await as(api.app, admin).get('/api/audit?entityType=user&limit=5').expect(200)).body as {
      entityType: string;
      seq: string;
    }[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.entityType === 'user')).toBe(true);
    const seqs = events.map((e) => BigInt(e.seq));
    expect([...seqs].sort((a, b) => (a > b ? -1 : 1))).toEqual(seqs);
    await as(api.app, region.sessions['UnitManager'] as TestSession)
      .get('/api/audit')
      .expect(403);
  });

  it('lists one entity newest first, as documented, and pages it with beforeSeq', async () => {
    const users = (await as(api.app, admin).get('/api/users').expect(200)).body as UserDto[];
    const target = users.find((u) => u.email === audited) as UserDto;
    for (const name of ['Audited Once', 'Audited Twice']) {
      const current = (await as(api.app, admin).get('/api/users').expect(200)).body as UserDto[];
      const user = current.find((u) => u.id === target.id) as UserDto;
      await as(api.app, admin).patch(`/api/users/${target.id}`, { version: user.version, name }).expect(200);
    }
    const list = async (query: string) =>
      (await as(api.app, admin).get(`/api/audit?entityType=user&entityId=${target.id}${query}`).expect(200))
        .body as { action: string; seq: string; after: { name?: string } | null }[];
    const events = await list('');
    expect(events.map((e) => [e.action, e.after?.name])).toEqual([
      ['user.update', 'Audited Twice'],
      ['user.update', 'Audited Once'],
      ['user.password-link', undefined],
      ['user.create', 'Audited'],
    ]);
    const older = await list(`&beforeSeq=${events[0]?.seq}&limit=1`);
    expect(older.map((e) => e.seq)).toEqual([events[1]?.seq]);
  });

  it('refuses entityId without entityType with 400 naming entityType, instead of ignoring it', async () => {
    const res = await as(api.app, admin)
      .get(`/api/audit?entityId=${'0'.repeat(8)}`)
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          field: 'entityType',
          code: 'needsOther',
          params: { with: 'entityId' },
          message: expect.stringContaining('entityType'),
        },
      ],
    });
  });
});
