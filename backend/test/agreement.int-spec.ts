import type {
  AuditEventDto,
  DispensationPolicy,
  ErrorBody,
  FormerEmployeeDto,
  MunicipalityDto,
  PriceDto,
  SupplierDto,
} from '@hyrkoll/contracts';

import { NewRegion, newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';

describe('agreement data (purchaser)', () => {
  let api: TestApp;
  let region: NewRegion;
  let purchaser: TestSession;
  let unitManager: TestSession;
  let admin: TestSession;
  const p = () => as(api.app, purchaser);

  beforeAll(async () => {
    api = await startApi();
    region = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-SKE'],
      units: [{ costCentre: '120101', area: 'NSO-SKE' }],
      users: {
        Purchaser: [{ role: 'PURCHASER' }],
        UnitManager: [{ role: 'UNIT_MANAGER', unit: '120101' }],
        Administrator: [{ role: 'ADMINISTRATOR' }],
      },
      agreement: true,
    });
    purchaser = region.sessions['Purchaser'] as TestSession;
    unitManager = region.sessions['UnitManager'] as TestSession;
    admin = region.sessions['Administrator'] as TestSession;
  });

  afterAll(() => api.close());

  it('registers a supplier with a checked organisation number, once', async () => {
    const bad = await p()
      .post('/api/agreement/suppliers', {
        organisationNumber: '556036-0794',
        name: 'Fel AB',
        lots: ['LAKARE'],
      })
      .expect(400);
    expect((bad.body as ErrorBody).details).toEqual([
      { field: 'organisationNumber', code: 'orgNumber', message: expect.stringContaining('valid Swedish') },
    ]);
    const created = (
      await p()
        .post('/api/agreement/suppliers', {
          organisationNumber: '5560360793',
          name: 'Ny Bemanning AB',
          lots: ['SJUKSKOTERSKA'],
        })
        .expect(201)
    ).body as SupplierDto;
    expect(created).toMatchObject({ organisationNumber: '556036-0793', status: 'ACTIVE', version: 1 });
    const copy = await p()
      .post('/api/agreement/suppliers', {
        organisationNumber: '556036-0793',
        name: 'Kopia AB',
        lots: ['LAKARE'],
      })
      .expect(409);
    expect(copy.body).toMatchObject({
      code: 'DUPLICATE_ORG_NUMBER',
      details: [{ field: 'organisationNumber', code: 'duplicate' }],
    });
    const all = (await as(api.app, unitManager).get('/api/agreement/suppliers').expect(200))
      .body as SupplierDto[];
    expect(all.map((s) => s.name)).toContain('Ny Bemanning AB');
  });

  it('quarantines a supplier only with a reason, audited, and refuses a stale version', async () => {
    const [supplier] = ((await p().get('/api/agreement/suppliers').expect(200)).body as SupplierDto[]).filter(
      (s) => s.name === 'Fjällvård Rekrytering AB',
    );
    const id = supplier?.id as string;
    const noReason = await p()
      .patch(`/api/agreement/suppliers/${id}`, { version: supplier?.version, status: 'QUARANTINED' })
      .expect(400);
    expect((noReason.body as ErrorBody).details).toEqual([
      { field: 'quarantineReason', code: 'required', message: expect.any(String) },
    ]);
    const quarantined = (
      await p()
        .patch(`/api/agreement/suppliers/${id}`, {
          version: supplier?.version,
          status: 'QUARANTINED',
          quarantineReason: 'Avtalsbrott',
        })
        .expect(200)
    ).body as SupplierDto;
    expect(quarantined).toMatchObject({ status: 'QUARANTINED', quarantineReason: 'Avtalsbrott' });
    await p()
      .patch(`/api/agreement/suppliers/${id}`, { version: supplier?.version, name: 'Stale' })
      .expect(409);
    const audit = (await as(api.app, admin).get(`/api/audit?entityType=supplier&entityId=${id}`).expect(200))
      .body as AuditEventDto[];
    expect(audit.map((e) => e.action)).toEqual(['supplier.quarantine']);
  });

  it('versions prices: a new price closes the open-ended one, an overlap is refused', async () => {
    const created = (
      await p()
        .post('/api/agreement/prices', {
          profession: 'LAKARE',
          competenceLevel: 'SPECIALIST',
          priceZone: 1,
          hourlyRate: '1180.00',
          validFrom: '2026-01-01',
        })
        .expect(201)
    ).body as PriceDto;
    expect(created).toMatchObject({ hourlyRate: '1180.00', validFrom: '2026-01-01', validTo: null });
    const on2025 = (await p().get('/api/agreement/prices?profession=LAKARE&on=2025-12-31').expect(200))
      .body as PriceDto[];
    expect(on2025.find((x) => x.competenceLevel === 'SPECIALIST' && x.priceZone === 1)).toMatchObject({
      hourlyRate: '1125.00',
      validTo: '2025-12-31',
    });
    const on2026 = (await p().get('/api/agreement/prices?profession=LAKARE&on=2026-01-01').expect(200))
      .body as PriceDto[];
    expect(on2026.find((x) => x.competenceLevel === 'SPECIALIST' && x.priceZone === 1)?.hourlyRate).toBe(
      '1180.00',
    );

    const overlap = await p()
      .post('/api/agreement/prices', {
        profession: 'LAKARE',
        competenceLevel: 'SPECIALIST',
        priceZone: 1,
        hourlyRate: '1200.00',
        validFrom: '2025-06-01',
        validTo: '2025-06-30',
      })
      .expect(409);
    expect((overlap.body as ErrorBody).message).toContain('overlaps');
    expect(overlap.body).toMatchObject({
      code: 'PERIOD_OVERLAP',
      details: [{ field: 'validFrom', code: 'overlap', message: 'overlaps an existing period' }],
    });
  });

  it('refuses a level that the profession does not have, a float and a bad date, naming the fields', async () => {
    const res = await p()
      .post('/api/agreement/prices', {
        profession: 'BARNMORSKA',
        competenceLevel: 'OVERLAKARE',
        priceZone: 2,
        hourlyRate: '900.00',
        validFrom: '2026-01-01',
      })
      .expect(400);
    expect((res.body as ErrorBody).details).toEqual([
      {
        field: 'competenceLevel',
        code: 'level',
        params: { level: 'OVERLAKARE', profession: 'BARNMORSKA' },
        message: 'OVERLAKARE is not a level of BARNMORSKA',
      },
    ]);
    const types = await p()
      .post('/api/agreement/prices', {
        profession: 'LAKARE',
        competenceLevel: 'SPECIALIST',
        priceZone: 4,
        hourlyRate: 1125.5,
        validFrom: '2026-02-30',
      })
      .expect(400);
    expect(((types.body as ErrorBody).details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'hourlyRate',
      'priceZone',
      'validFrom',
    ]);
  });

  it('sets a municipality price zone, which is then no longer illustrative', async () => {
    // the municipality of the region's unit, in illustrative zone 1
    const code = `${region.code}81`;
    const zones = async () =>
      ((await p().get('/api/org/municipalities').expect(200)).body as MunicipalityDto[]).find(
        (m) => m.code === code,
      );
    expect(await zones()).toMatchObject({ priceZone: 1, priceZoneIllustrative: true });
    await p().patch(`/api/agreement/municipalities/${code}`, { priceZone: 2 }).expect(200);
    expect(await zones()).toMatchObject({
      priceZone: 2,
      priceZoneIllustrative: false,
    });
    await p().patch('/api/agreement/municipalities/9999', { priceZone: 2 }).expect(404);
  });

  it('keeps former employees as keyed hashes, shows them masked, and checks karens', async () => {
    const bad = await p()
      .post('/api/agreement/former-employees', {
        identityNumber: '19810231-9876',
        employmentEndedOn: '2025-01-31',
      })
      .expect(400);
    expect((bad.body as ErrorBody).details).toEqual([
      {
        field: 'identityNumber',
        code: 'personalNumber',
        message: expect.stringContaining('personal identity'),
      },
    ]);
    const registered = (
      await p()
        .post('/api/agreement/former-employees', {
          identityNumber: '811218-9876',
          employmentEndedOn: '2025-01-31',
        })
        .expect(201)
    ).body as FormerEmployeeDto;
    expect(registered).toMatchObject({ identityMasked: '********-**76', karensUntil: '2026-01-31' });
    const stored = await api.dataSource.query(`SELECT * FROM former_employees WHERE id = $1`, [
      registered.id,
    ]);
    expect(JSON.stringify(stored)).not.toContain('9876');
    expect(JSON.stringify(stored)).not.toContain('811218');

    const inside = await p()
      .post('/api/agreement/former-employees/check', { identityNumber: '19811218-9876', on: '2026-01-31' })
      .expect(200);
    expect(inside.body).toEqual({ inKarens: true, karensUntil: '2026-01-31' });
    const after = await p()
      .post('/api/agreement/former-employees/check', { identityNumber: '19811218-9876', on: '2026-02-01' })
      .expect(200);
    expect(after.body).toEqual({ inKarens: false, karensUntil: '2026-01-31' });

    await p().delete(`/api/agreement/former-employees/${registered.id}`).expect(204);
    const gone = await p()
      .post('/api/agreement/former-employees/check', { identityNumber: '19811218-9876' })
      .expect(200);
    expect(gone.body).toEqual({ inKarens: false, karensUntil: null });
  });

  it('answers a second registration of a person with 200 and the one row, keeping the later end date', async () => {
    const register = (employmentEndedOn: string) =>
      p().post('/api/agreement/former-employees', { identityNumber: '19690315-1238', employmentEndedOn });
    const first = (await register('2025-03-31').expect(201)).body as FormerEmployeeDto;
    // the same person again (an earlier or the same end date): the row as it is, nothing new
    for (const day of ['2025-03-31', '2024-12-31']) {
      expect((await register(day).expect(200)).body).toEqual(first);
    }
    // a later end date (employed again, left again) moves the karens
    const later = (await register('2025-09-30').expect(200)).body as FormerEmployeeDto;
    expect(later).toEqual({ ...first, employmentEndedOn: '2025-09-30', karensUntil: '2026-09-30' });
    const rows = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM former_employees WHERE region_id = $1 AND identity_masked = '********-**38'`,
      [region.regionId],
    );
    expect(rows).toEqual([{ n: 1 }]);
    const audit = (
      await as(api.app, admin).get(`/api/audit?entityType=former-employee&entityId=${first.id}`).expect(200)
    ).body as AuditEventDto[];
    expect(audit.map((e) => e.action)).toEqual([
      'former-employee.update',
      'former-employee.register-existing',
      'former-employee.register-existing',
      'former-employee.register',
    ]);
    expect(audit[0]).toMatchObject({ before: first, after: later });
    await p().delete(`/api/agreement/former-employees/${first.id}`).expect(204);
  });

  it('lets a unit manager read prices but change nothing, and not see the register', async () => {
    const um = as(api.app, unitManager);
    await um.get('/api/agreement/prices').expect(200);
    await um
      .post('/api/agreement/suppliers', { organisationNumber: '5560360793', name: 'X', lots: ['LAKARE'] })
      .expect(403);
    await um.get('/api/agreement/former-employees').expect(403);
  });
});

describe('the dispensation policy (administrator)', () => {
  let api: TestApp;
  let region: NewRegion;

  beforeAll(async () => {
    api = await startApi();
    region = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-SKE'],
      units: [],
      users: {
        AreaChief: [{ role: 'AREA_CHIEF', area: 'NSO-SKE' }],
        Administrator: [{ role: 'ADMINISTRATOR' }],
      },
      agreement: true,
    });
  });

  afterAll(() => api.close());

  it('is read by deciders and changed by the administrator, with optimistic locking', async () => {
    const chief = region.sessions['AreaChief'] as TestSession;
    const { version, policy } = (await as(api.app, chief).get('/api/policy').expect(200)).body as {
      version: number;
      policy: DispensationPolicy;
    };
    expect(policy.hiringStop).toMatchObject({ enabled: true, all: true });
    await as(api.app, chief).put('/api/policy', { version, policy }).expect(403);

    const admin = region.sessions['Administrator'] as TestSession;
    const changed = { ...policy, secondStep: { costThresholdSek: '250000.00', durationThresholdDays: 90 } };
    const res = (await as(api.app, admin).put('/api/policy', { version, policy: changed }).expect(200))
      .body as { version: number; policy: DispensationPolicy };
    expect(res.version).toBe(version + 1);
    expect(res.policy.secondStep).toEqual({ costThresholdSek: '250000.00', durationThresholdDays: 90 });
    await as(api.app, admin).put('/api/policy', { version, policy: changed }).expect(409);

    const invalid = await as(api.app, admin)
      .put('/api/policy', {
        version: res.version,
        policy: { ...changed, karens: { enabled: true, months: 0, mode: 'MAYBE' } },
      })
      .expect(400);
    expect(((invalid.body as ErrorBody).details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'policy.karens.mode',
      'policy.karens.months',
    ]);

    // and back to the policy it had
    await as(api.app, admin).put('/api/policy', { version: res.version, policy }).expect(200);
  });
});
