import type { OrderDto, UnitDto } from '@hyrkoll/contracts';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { anOrder } from './support/builders';
import { withOtherRegion } from './support/other-region';
import { as, DEMO, loginAs } from './support/sessions';
import { startApi, TestApp, withDemoData } from './support/test-app';

/** The foreign key a write was refused by, or null when it was refused for another reason. */
function violatedKey(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const pg = error.driverError as { code?: string; constraint?: string };
  return pg.code === '23503' ? (pg.constraint ?? null) : null;
}

/**
 * The fact tables' keys hold within a region: a row's unit, supplier, order and area must be the
 * row's own region's, whatever writes it.
 */
describe('fact-table keys within a region', () => {
  let api: TestApp;
  let db: DataSource;
  let demo: { regionId: string; unitId: string; areaId: string; supplierId: string; userId: string };
  let demoOrderId: string;
  let other: { regionId: string; unitId: string; areaId: string };

  beforeAll(async () => {
    api = await startApi();
    db = api.dataSource;
    await withDemoData(db);
    other = await withOtherRegion(db);
    const eva = await loginAs(api.app, DEMO.unitManagerSkelleftea);
    const units = (await as(api.app, eva).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[];
    const unit = units.find((u) => u.costCentre === '120101'); // Eva's own unit
    const order = (
      await as(api.app, eva)
        .post('/api/orders')
        .send(anOrder(unit?.id ?? '').build())
        .expect(201)
    ).body as OrderDto;
    demoOrderId = order.id;
    [demo] = await db.query(
      `SELECT u.region_id AS "regionId", u.id AS "unitId", u.area_id AS "areaId",
              (SELECT s.id FROM suppliers s WHERE s.region_id = u.region_id LIMIT 1) AS "supplierId",
              (SELECT x.id FROM users x WHERE x.region_id = u.region_id LIMIT 1) AS "userId"
         FROM units u WHERE u.id = $1`,
      [order.unit.id],
    );
  });

  afterAll(() => api.close());

  /** Runs the statement in a transaction that is always rolled back; resolves to its error, if any. */
  async function attempt(write: (m: EntityManager, importId: string) => Promise<unknown>): Promise<unknown> {
    const rollback = new Error('rolled back');
    const outcome = await db
      .transaction(async (m) => {
        const [{ id }] = await m.query<{ id: string }[]>(
          `INSERT INTO imports (region_id, kind, status, file_name, months, created_by)
           VALUES ($1, 'purchased-hours', 'DONE', 'keys.csv', '{}', $2) RETURNING id`,
          [demo.regionId, demo.userId],
        );
        await write(m, id);
        throw rollback;
      })
      .catch((e: unknown) => e);
    return outcome === rollback ? null : outcome;
  }

  const hoursRow = (
    m: EntityManager,
    importId: string,
    over: { unitId?: string; supplierId?: string | null },
  ) =>
    m.query(
      `INSERT INTO purchased_hours (region_id, month, unit_id, area_id, care_setting, profession_group,
         supplier_id, supplier_text, hours, cost_sek, import_id)
       VALUES ($1, '2024-05-01', $2, $3, 'PRIMARVARD', 'LAKARE', $4, 'Läkarbolaget', 10, 15000, $5)`,
      [
        demo.regionId,
        over.unitId ?? demo.unitId,
        demo.areaId,
        over.supplierId === undefined ? demo.supplierId : over.supplierId,
        importId,
      ],
    );

  it('takes a row whose unit and supplier are of its region, or with no supplier', async () => {
    expect(await attempt((m, imp) => hoursRow(m, imp, {}))).toBeNull();
    expect(await attempt((m, imp) => hoursRow(m, imp, { supplierId: null }))).toBeNull();
  });

  it('refuses a purchased-hours row with another region’s unit', async () => {
    const error = await attempt((m, imp) => hoursRow(m, imp, { unitId: other.unitId }));
    expect(violatedKey(error)).toBe('purchased_hours_unit_fkey');
  });

  it('refuses a purchased-hours row with another region’s order or supplier', async () => {
    const [otherUser] = await db.query<{ id: string }[]>(
      'SELECT id FROM users WHERE region_id = $1 LIMIT 1',
      [other.regionId],
    );
    // the other region's own unit, with the demo region's order or supplier
    const otherRow = (m: EntityManager, orderId: string | null, supplierId: string | null) =>
      m.query(
        `WITH imp AS (
           INSERT INTO imports (region_id, kind, status, file_name, months, created_by)
           VALUES ($1, 'purchased-hours', 'DONE', 'keys.csv', '{}', $2) RETURNING id)
         INSERT INTO purchased_hours (region_id, month, unit_id, area_id, care_setting, profession_group,
           supplier_id, supplier_text, hours, cost_sek, order_id, import_id)
         SELECT $1, '2024-05-01', $3, $4, 'PRIMARVARD', 'LAKARE', $5, 'Läkarbolaget', 10, 15000, $6, imp.id FROM imp`,
        [other.regionId, otherUser?.id, other.unitId, other.areaId, supplierId, orderId],
      );
    expect(await attempt((m) => otherRow(m, null, null))).toBeNull();
    expect(violatedKey(await attempt((m) => otherRow(m, demoOrderId, null)))).toBe(
      'purchased_hours_order_fkey',
    );
    expect(violatedKey(await attempt((m) => otherRow(m, null, demo.supplierId)))).toBe(
      'purchased_hours_supplier_fkey',
    );
  });

  it('refuses an own-staff-cost row with another region’s area', async () => {
    const error = await attempt((m, imp) =>
      m.query(
        `INSERT INTO own_staff_costs (region_id, month, area_id, care_setting, profession_group, cost_sek, import_id)
         VALUES ($1, '2024-05-01', $2, 'PRIMARVARD', 'LAKARE', 100000, $3)`,
        [demo.regionId, other.areaId, imp],
      ),
    );
    expect(violatedKey(error)).toBe('own_staff_costs_area_fkey');
  });
});
