// Reads the demo region's organisation as seeded, and writes nothing: it keeps withDemoData.
import type { AreaDto, ErrorBody, MunicipalityDto, UnitDto } from '@hyrkoll/contracts';
import request from 'supertest';

import { seedDemo } from '../src/database/seeds/demo';
import { NewRegion, newRegion } from './support/new-region';
import { as, DEMO, loginAs, TestSession } from './support/sessions';
import { startApi, TestApp, withDemoData } from './support/test-app';

/** The unit of the other region, a region of this file's own. */
const THEIR_UNIT = '910101';

describe('organisation of the demo region', () => {
  let api: TestApp;
  let session: TestSession;
  let other: NewRegion;
  const http = () => as(api.app, session);

  beforeAll(async () => {
    api = await startApi();
    await withDemoData(api.dataSource);
    other = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-LULEA'],
      units: [{ costCentre: THEIR_UNIT, area: 'NSO-LULEA' }],
      users: { UnitManager: [{ role: 'UNIT_MANAGER', unit: THEIR_UNIT }] },
    });
    session = await loginAs(api.app, DEMO.unitManagerSkelleftea);
  });

  afterAll(() => api.close());

  it('needs a login', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/org/areas').expect(401);
    expect((res.body as ErrorBody).code).toBe('SESSION_MISSING');
  });

  it("lists the five areas of the user's region, Region Västerbotten, with their units", async () => {
    const areas = (await http().get('/api/org/areas').expect(200)).body as AreaDto[];
    expect(areas.map((a) => a.name).sort()).toEqual(
      ['LSO 1', 'LSO 2', 'NSO Skellefteå', 'NSO Södra Lappland', 'NSO Umeå'].sort(),
    );
    expect(areas.every((a) => a.unitCount > 0)).toBe(true);
  });

  it('has units in primary care, hospital care and psychiatry, each with municipality and zone', async () => {
    const units = (await http().get('/api/org/units').expect(200)).body as UnitDto[];
    expect(new Set(units.map((u) => u.careSetting))).toEqual(
      new Set(['PRIMARVARD', 'SJUKHUSVARD', 'PSYKIATRI']),
    );
    expect(new Set(units.map((u) => u.costCentre)).size).toBe(units.length);
    for (const unit of units) {
      expect([1, 2, 3]).toContain(unit.municipality.priceZone);
    }
    expect(units.some((u) => u.costCentre === THEIR_UNIT)).toBe(false);
  });

  it('filters units by area and care setting', async () => {
    const res = await http().get('/api/org/units?area=NSO-SLA&careSetting=PRIMARVARD').expect(200);
    const units = res.body as UnitDto[];
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((u) => u.area.code === 'NSO-SLA' && u.careSetting === 'PRIMARVARD')).toBe(true);
  });

  it('lists the 15 municipalities with illustrative price zones', async () => {
    const municipalities = (await http().get('/api/org/municipalities').expect(200))
      .body as MunicipalityDto[];
    expect(municipalities).toHaveLength(15);
    // no test file writes into the demo region: every zone is as seeded
    expect(municipalities.every((m) => m.priceZoneIllustrative)).toBe(true);
    expect(municipalities.find((m) => m.name === 'Umeå')?.priceZone).toBe(1);
    expect(municipalities.find((m) => m.name === 'Sorsele')?.priceZone).toBe(3);
  });

  it('refuses a malformed filter with a 400 naming the field', async () => {
    for (const query of ['?careSetting=HOSPITAL', '?area=no%20spaces', '?bogus=1']) {
      const res = await http().get(`/api/org/units${query}`).expect(400);
      const body = res.body as ErrorBody;
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: expect.any(String) })]),
      );
    }
  });

  it("shows a user of another region only that region's organisation", async () => {
    const manager = other.sessions['UnitManager'] as TestSession;
    expect(manager.me.region.code).toBe(other.code);
    const areas = (await as(api.app, manager).get('/api/org/areas').expect(200)).body as AreaDto[];
    expect(areas.map((a) => a.code)).toEqual(['NSO-LULEA']);
  });

  it('loads the demo data only once', async () => {
    const count = () =>
      api.dataSource.query(
        'SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM users) AS users',
      );
    const before = await count();
    const again = await api.dataSource.transaction((manager) =>
      seedDemo(manager, api.config.identityHashKey),
    );
    expect(again).toBe('demo data already loaded');
    expect(await count()).toEqual(before);
  });
});
