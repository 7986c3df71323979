import type {
  AreaDto,
  AuditEventDto,
  DispensationPolicy,
  ErrorBody,
  FieldError,
  UnitDto,
  UserDto,
} from '@hyrkoll/contracts';

import { NewRegion, newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';

const fieldsOf = (body: unknown) => ((body as ErrorBody).details as FieldError[]).map((d) => d.field).sort();

/**
 * A region of this file's own with no areas or units yet, only municipalities in zones 1 and 2,
 * where its administrator Alva builds the organisation; and a second region, whose
 * organisation must stay out of reach.
 */
let api: TestApp;
let region: NewRegion;
let other: NewRegion;
let admin: TestSession;
let otherAdmin: TestSession;

beforeAll(async () => {
  api = await startApi();
  region = await newRegion(api.app, api.dataSource, {
    areas: [],
    units: [],
    zones: [1, 2],
    users: {
      Alva: [{ role: 'ADMINISTRATOR' }],
      Purchaser: [{ role: 'PURCHASER' }],
      Steering: [{ role: 'STEERING_GROUP' }],
    },
  });
  other = await newRegion(api.app, api.dataSource, {
    areas: ['NSO-SKE'],
    units: [{ costCentre: '120101', area: 'NSO-SKE' }],
    users: { Administrator: [{ role: 'ADMINISTRATOR' }] },
  });
  admin = region.sessions['Alva'] as TestSession;
  otherAdmin = other.sessions['Administrator'] as TestSession;
});

afterAll(() => api.close());

describe('organisation administration (areas and units)', () => {
  /** Municipalities of the region in zone 1 and zone 2. */
  const zone1 = () => ({ code: `${region.code}81`, name: `Kommun ${region.code} zon 1` });
  const zone2 = () => ({ code: `${region.code}82`, name: `Kommun ${region.code} zon 2` });
  let area: AreaDto;
  let otherArea: AreaDto;
  let unit: UnitDto;
  const http = () => as(api.app, admin);

  const count = async (table: 'areas' | 'units' | 'audit_events') =>
    Number(
      (
        await api.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM ${table} WHERE region_id = $1`,
          [region.regionId],
        )
      )[0]?.n,
    );

  const auditOf = async (entityType: 'area' | 'unit', id: string) =>
    (await http().get(`/api/audit?entityType=${entityType}&entityId=${id}`).expect(200))
      .body as AuditEventDto[];

  it('creates an area and audits it', async () => {
    const res = await http()
      .post('/api/org/areas', { code: 'NSO-SVL', name: '  NSO Sundsvall ' })
      .expect(201);
    area = res.body as AreaDto;
    expect(area).toEqual({ id: expect.any(String), code: 'NSO-SVL', name: 'NSO Sundsvall', unitCount: 0 });
    otherArea = (
      await http().post('/api/org/areas', { code: 'NSO-OVIK', name: 'NSO Örnsköldsvik' }).expect(201)
    ).body as AreaDto;

    const areas = (await http().get('/api/org/areas').expect(200)).body as AreaDto[];
    expect(areas.map((a) => a.code).sort()).toEqual(['NSO-OVIK', 'NSO-SVL']);
    const audit = await auditOf('area', area.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'area.create', actor: { name: 'Alva' }, before: null });
    expect(audit[0]?.after).toEqual(area);
  });

  it('creates a unit in the area, with its municipality and price zone, and audits it', async () => {
    const res = await http()
      .post('/api/org/units', {
        costCentre: '220101',
        name: 'Hälsocentral Haga',
        areaId: area.id,
        careSetting: 'PRIMARVARD',
        municipalityCode: zone1().code,
      })
      .expect(201);
    unit = res.body as UnitDto;
    expect(unit).toMatchObject({
      costCentre: '220101',
      name: 'Hälsocentral Haga',
      careSetting: 'PRIMARVARD',
      area: { id: area.id, code: 'NSO-SVL', name: 'NSO Sundsvall' },
      municipality: { ...zone1(), priceZone: 1 },
    });
    const units = (await http().get('/api/org/units').expect(200)).body as UnitDto[];
    expect(units.map((u) => u.id)).toEqual([unit.id]);
    const areas = (await http().get('/api/org/areas').expect(200)).body as AreaDto[];
    expect(areas.find((a) => a.id === area.id)?.unitCount).toBe(1);

    const audit = await auditOf('unit', unit.id);
    expect(audit.map((e) => e.action)).toEqual(['unit.create']);
    expect(audit[0]?.after).toEqual(unit);
  });

  it('renames the area, with before and after in the audit trail', async () => {
    const res = await http().patch(`/api/org/areas/${area.id}`, { name: 'NSO Sundsvall–Timrå' }).expect(200);
    expect(res.body).toEqual({ ...area, name: 'NSO Sundsvall–Timrå', unitCount: 1 });
    const units = (await http().get('/api/org/units').expect(200)).body as UnitDto[];
    expect(units[0]?.area.name).toBe('NSO Sundsvall–Timrå');

    const audit = await auditOf('area', area.id);
    expect(audit.map((e) => e.action)).toEqual(['area.update', 'area.create']); // newest first
    expect(audit[0]?.before).toMatchObject({ name: 'NSO Sundsvall' });
    expect(audit[0]?.after).toMatchObject({ name: 'NSO Sundsvall–Timrå' });
    area = res.body as AreaDto;
  });

  it('changes a unit: name, area, care setting and municipality, audited', async () => {
    const res = await http()
      .patch(`/api/org/units/${unit.id}`, {
        name: 'Psykiatrisk mottagning Övik',
        areaId: otherArea.id,
        careSetting: 'PSYKIATRI',
        municipalityCode: zone2().code,
      })
      .expect(200);
    const changed = res.body as UnitDto;
    expect(changed).toMatchObject({
      id: unit.id,
      costCentre: '220101',
      name: 'Psykiatrisk mottagning Övik',
      careSetting: 'PSYKIATRI',
      area: { id: otherArea.id },
      municipality: { code: zone2().code, priceZone: 2 },
    });
    const audit = await auditOf('unit', unit.id);
    expect(audit.map((e) => e.action)).toEqual(['unit.update', 'unit.create']); // newest first
    // (the area was renamed in the meantime)
    expect(audit[0]?.before).toEqual({ ...unit, area: { ...unit.area, name: area.name } });
    expect(audit[0]?.after).toEqual(changed);
    unit = changed;
  });

  it('writes nothing for a change to nothing new', async () => {
    const before = await count('audit_events');
    const res = await http().patch(`/api/org/units/${unit.id}`, { name: unit.name }).expect(200);
    expect(res.body).toEqual(unit);
    await http().patch(`/api/org/areas/${area.id}`, {}).expect(200);
    expect(await count('audit_events')).toBe(before);
  });

  it('refuses a duplicate cost centre or area code with 409 naming the field, and writes nothing', async () => {
    const before = {
      units: await count('units'),
      areas: await count('areas'),
      audit: await count('audit_events'),
    };
    const second = {
      costCentre: '220101',
      name: 'Vårdcentral Två',
      areaId: area.id,
      careSetting: 'PRIMARVARD',
      municipalityCode: zone1().code,
    };
    const res = await http().post('/api/org/units', second).expect(409);
    expect(res.body).toMatchObject({
      code: 'DUPLICATE_COST_CENTRE',
      params: { value: '220101' },
      message: 'A unit with the cost centre 220101 already exists in the region',
    });
    expect(fieldsOf(res.body)).toEqual(['costCentre']);
    const dupArea = await http().post('/api/org/areas', { code: 'nso-svl', name: 'Dubblett' }).expect(409);
    expect(fieldsOf(dupArea.body)).toEqual(['code']);
    expect(await count('units')).toBe(before.units);
    expect(await count('areas')).toBe(before.areas);
    expect(await count('audit_events')).toBe(before.audit);

    // codes are import keys: one differing only in case is refused as well
    const other = (
      await http()
        .post('/api/org/units', { ...second, costCentre: 'SVL-A1' })
        .expect(201)
    ).body as UnitDto;
    const similar = await http()
      .post('/api/org/units', { ...second, costCentre: 'svl-a1' })
      .expect(409);
    expect(fieldsOf(similar.body)).toEqual(['costCentre']);

    // the same on a change: another unit may not take the cost centre, nor an area the code
    const taken = await http().patch(`/api/org/units/${other.id}`, { costCentre: '220101' }).expect(409);
    expect(fieldsOf(taken.body)).toEqual(['costCentre']);
    const takenCode = await http().patch(`/api/org/areas/${otherArea.id}`, { code: 'NSO-SVL' }).expect(409);
    expect(fieldsOf(takenCode.body)).toEqual(['code']);
    const reloaded = (await http().get('/api/org/units').expect(200)).body as UnitDto[];
    expect(reloaded.find((u) => u.id === other.id)?.costCentre).toBe('SVL-A1');
  });

  it('refuses bad input with 400 naming each field', async () => {
    const before = await count('units');
    const missing = await http().post('/api/org/units', {}).expect(400);
    expect((missing.body as ErrorBody).code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(missing.body)).toEqual([
      'areaId',
      'careSetting',
      'costCentre',
      'municipalityCode',
      'name',
    ]);

    const malformed = await http()
      .post('/api/org/units', {
        costCentre: '22 01',
        name: '   ',
        areaId: 'not-an-id',
        careSetting: 'HOSPITAL',
        municipalityCode: '228',
      })
      .expect(400);
    expect(fieldsOf(malformed.body)).toEqual([
      'areaId',
      'careSetting',
      'costCentre',
      'municipalityCode',
      'name',
    ]);

    const otherUnits = (await as(api.app, otherAdmin).get('/api/org/units').expect(200)).body as UnitDto[];
    const otherUnit = otherUnits[0] as UnitDto;
    const foreign = await http()
      .post('/api/org/units', {
        costCentre: '220199',
        name: 'Fel region',
        areaId: otherUnit.area.id,
        careSetting: 'PRIMARVARD',
        municipalityCode: otherUnit.municipality.code,
      })
      .expect(400);
    expect(fieldsOf(foreign.body)).toEqual(['areaId', 'municipalityCode']);

    const badArea = await http()
      .post('/api/org/areas', { code: 'Å Ä', name: 'x'.repeat(201) })
      .expect(400);
    expect(fieldsOf(badArea.body)).toEqual(['code', 'name']);
    const unknown = await http().patch(`/api/org/areas/${area.id}`, { name: 'Ok', region: 'x' }).expect(400);
    expect(fieldsOf(unknown.body)).toEqual(['region']);
    expect(await count('units')).toBe(before);
  });

  it("keeps each region's organisation to itself", async () => {
    const otherUnits = (await as(api.app, otherAdmin).get('/api/org/units').expect(200)).body as UnitDto[];
    expect(otherUnits.some((u) => u.id === unit.id)).toBe(false);
    const otherAreas = (await as(api.app, otherAdmin).get('/api/org/areas').expect(200)).body as AreaDto[];
    expect(otherAreas.some((a) => a.id === area.id)).toBe(false);

    await as(api.app, otherAdmin).patch(`/api/org/units/${unit.id}`, { name: 'Kapad' }).expect(404);
    await as(api.app, otherAdmin).patch(`/api/org/areas/${area.id}`, { name: 'Kapad' }).expect(404);
    await http().patch(`/api/org/units/${otherUnits[0]?.id}`, { name: 'Kapad' }).expect(404);
    const mine = (await http().get('/api/org/units').expect(200)).body as UnitDto[];
    expect(mine.find((u) => u.id === unit.id)?.name).toBe(unit.name);
    expect(mine.every((u) => u.municipality.code.startsWith(region.code))).toBe(true);
    const theirs = (await as(api.app, otherAdmin).get('/api/org/units').expect(200)).body as UnitDto[];
    expect(theirs.map((u) => u.name)).toEqual(otherUnits.map((u) => u.name));
  });

  it('lets only the administrator change the organisation', async () => {
    const purchaser = region.sessions['Purchaser'] as TestSession;
    const res = await as(api.app, purchaser).post('/api/org/areas', { code: 'X', name: 'X' }).expect(403);
    expect(res.body).toMatchObject({ code: 'PERMISSION_MISSING', params: { permission: 'org:manage' } });
    const steering = region.sessions['Steering'] as TestSession;
    await as(api.app, steering).patch(`/api/org/units/${unit.id}`, { name: 'X' }).expect(403);
  });
});

describe('administration safeguards of users and policy', () => {
  it('keeps at least one active administrator in the region', async () => {
    const http = as(api.app, admin);
    const users = (await http.get('/api/users').expect(200)).body as UserDto[];
    const self = users.find((u) => u.email === region.users['Alva']?.email) as UserDto;

    const alone = await http
      .patch(`/api/users/${self.id}`, { version: self.version, active: false })
      .expect(409);
    expect(fieldsOf(alone.body)).toEqual(['active']);
    expect(alone.body).toMatchObject({
      code: 'LAST_ADMINISTRATOR',
      message: 'The region must keep at least one active administrator',
    });
    // nor can the last administrator drop the role: nobody changes their own roles
    const demoted = await http
      .patch(`/api/users/${self.id}`, { version: self.version, roles: [{ role: 'PURCHASER' }] })
      .expect(403);
    expect(demoted.body).toMatchObject({ code: 'OWN_ROLES_UNCHANGEABLE' });

    // a second administrator may come and go; the last one stays
    const second = (
      await http
        .post('/api/users', {
          email: `second.admin.${Date.now()}@org-admin.test`,
          name: 'Andra Admin',
          roles: [{ role: 'ADMINISTRATOR' }],
        })
        .expect(201)
    ).body as UserDto;
    const gone = (
      await http.patch(`/api/users/${second.id}`, { version: second.version, active: false }).expect(200)
    ).body as UserDto;
    expect(gone.active).toBe(false);
    await http.patch(`/api/users/${self.id}`, { version: self.version, active: false }).expect(409);
    const still = ((await http.get('/api/users').expect(200)).body as UserDto[]).find(
      (u) => u.id === self.id,
    );
    expect(still).toMatchObject({ active: true, version: self.version, roles: [{ role: 'ADMINISTRATOR' }] });
  });

  it('accepts a hiring stop only on areas of the region itself', async () => {
    const http = as(api.app, admin);
    const foreignArea = (
      (await as(api.app, otherAdmin).get('/api/org/areas').expect(200)).body as AreaDto[]
    )[0] as AreaDto;
    const own = (await http.post('/api/org/areas', { code: `STOP-${Date.now()}`, name: 'Stopp' }).expect(201))
      .body as AreaDto;
    const { version, policy } = (await http.get('/api/policy').expect(200)).body as {
      version: number;
      policy: DispensationPolicy;
    };
    const stop = (areaIds: string[]) => ({
      version,
      policy: { ...policy, hiringStop: { ...policy.hiringStop, enabled: true, areaIds, reason: 'Test' } },
    });
    const refused = await http.put('/api/policy', stop([own.id, foreignArea.id])).expect(400);
    expect(fieldsOf(refused.body)).toEqual(['policy.hiringStop.areaIds']);
    expect((refused.body as ErrorBody).details).toEqual([
      expect.objectContaining({
        code: 'unknownReference',
        params: { ids: [foreignArea.id] },
        message: expect.stringContaining(foreignArea.id),
      }),
    ]);
    const saved = (await http.put('/api/policy', stop([own.id.toUpperCase()])).expect(200)).body as {
      version: number;
      policy: DispensationPolicy;
    };
    expect(saved.policy.hiringStop.areaIds).toEqual([own.id]);
  });
});
