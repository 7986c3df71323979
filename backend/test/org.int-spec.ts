import type { AreaDto, ErrorBody, MunicipalityDto, UnitDto } from '@hyrkoll/contracts';
import request from 'supertest';
import { seedDemoRegion } from '../src/database/seeds/demo-region';
import { startApi, TestApp, withDemoRegion } from './support/test-app';

describe('organisation of the demo region', () => {
  let api: TestApp;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    api = await startApi();
    await withDemoRegion(api.dataSource);
  });

  afterAll(() => api.close());

  it('lists the five areas of Region Västerbotten with their units', async () => {
    const res = await http().get('/api/org/areas?region=24').expect(200);
    const areas = res.body as AreaDto[];
    expect(areas.map((a) => a.name).sort()).toEqual(
      ['LSO 1', 'LSO 2', 'NSO Skellefteå', 'NSO Södra Lappland', 'NSO Umeå'].sort(),
    );
    expect(areas.every((a) => a.unitCount > 0)).toBe(true);
  });

  it('has units in primary care, hospital care and psychiatry, each with municipality and zone', async () => {
    const units = (await http().get('/api/org/units?region=24').expect(200)).body as UnitDto[];
    expect(new Set(units.map((u) => u.careSetting))).toEqual(
      new Set(['PRIMARVARD', 'SJUKHUSVARD', 'PSYKIATRI']),
    );
    expect(new Set(units.map((u) => u.costCentre)).size).toBe(units.length);
    for (const unit of units) {
      expect([1, 2, 3]).toContain(unit.municipality.priceZone);
    }
    const skelleftea = units.filter((u) => u.area.code === 'NSO-SKE');
    expect(skelleftea.some((u) => u.careSetting === 'PRIMARVARD')).toBe(true);
  });

  it('filters units by area and care setting', async () => {
    const res = await http().get('/api/org/units?region=24&area=NSO-SLA&careSetting=PRIMARVARD').expect(200);
    const units = res.body as UnitDto[];
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((u) => u.area.code === 'NSO-SLA' && u.careSetting === 'PRIMARVARD')).toBe(true);
  });

  it('lists the 15 municipalities with illustrative price zones', async () => {
    const municipalities = (await http().get('/api/org/municipalities?region=24').expect(200))
      .body as MunicipalityDto[];
    expect(municipalities).toHaveLength(15);
    expect(municipalities.every((m) => m.priceZoneIllustrative)).toBe(true);
    expect(municipalities.find((m) => m.name === 'Umeå')?.priceZone).toBe(1);
    expect(municipalities.find((m) => m.name === 'Sorsele')?.priceZone).toBe(3);
  });

  it('refuses a missing or malformed region with a 400 naming the field', async () => {
    for (const query of ['', '?region=', '?region=2x', '?region=24&bogus=1']) {
      const res = await http().get(`/api/org/areas${query}`).expect(400);
      const body = res.body as ErrorBody;
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: expect.any(String) })]),
      );
    }
  });

  it('answers 404 in the error shape for a region that does not exist', async () => {
    const res = await http().get('/api/org/units?region=99').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Region "99" was not found' });
  });

  it('loads the demo data only once', async () => {
    const before = await api.dataSource.query('SELECT count(*)::int AS n FROM units');
    const again = await api.dataSource.transaction((manager) => seedDemoRegion(manager));
    const after = await api.dataSource.query('SELECT count(*)::int AS n FROM units');
    expect(again.loaded).toBe(false);
    expect(after).toEqual(before);
  });
});
