import type { OrderDto, UnitDto } from '@hyrkoll/contracts';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';

import { anOrder } from './support/builders';
import { newRegion } from './support/new-region';
import { ownerDataSource } from './support/owner';
import { as, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';
import { until } from './support/worker-process';

/** The foreign key a write was refused by, or null when it was refused for another reason. */
function violatedKey(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const pg = error.driverError as { code?: string; constraint?: string };
  return pg.code === '23503' ? (pg.constraint ?? null) : null;
}

/** The SQLSTATE of a refused statement. */
function codeOf(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
}

/**
 * The fact tables' keys hold within a region: a row's unit, supplier, order and area must be the
 * row's own region's, whatever writes it. They are checked once per statement (decision 016), and
 * a row that facts refer to cannot be deleted or re-keyed under them, also while an import runs.
 */
describe('fact-table keys within a region', () => {
  let api: TestApp;
  let db: DataSource;
  let ours: { regionId: string; unitId: string; areaId: string; supplierId: string; userId: string };
  let ourOrderId: string;
  let other: { regionId: string; unitId: string; areaId: string };

  beforeAll(async () => {
    api = await startApi();
    db = api.dataSource;
    const region = await newRegion(api.app, db, {
      areas: ['NSO-SKE'],
      units: [{ costCentre: '120101', area: 'NSO-SKE' }],
      users: { Eva: [{ role: 'UNIT_MANAGER', unit: '120101' }] },
      agreement: true,
    });
    const theirs = await newRegion(api.app, db, {
      areas: ['NSO-LULEA'],
      units: [{ costCentre: '910101', area: 'NSO-LULEA' }],
      users: { Purchaser: [{ role: 'PURCHASER' }] },
    });
    other = {
      regionId: theirs.regionId,
      unitId: theirs.unitIds['910101'] as string,
      areaId: theirs.areaIds['NSO-LULEA'] as string,
    };
    const eva = region.sessions['Eva'] as TestSession;
    const units = (await as(api.app, eva).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[];
    const unit = units.find((u) => u.costCentre === '120101'); // Eva's own unit
    const order = (
      await as(api.app, eva)
        .post('/api/orders')
        .send(anOrder(unit?.id ?? '').build())
        .expect(201)
    ).body as OrderDto;
    ourOrderId = order.id;
    [ours] = await db.query(
      `SELECT u.region_id AS "regionId", u.id AS "unitId", u.area_id AS "areaId",
              (SELECT s.id FROM suppliers s WHERE s.region_id = u.region_id LIMIT 1) AS "supplierId",
              (SELECT x.id FROM users x WHERE x.region_id = u.region_id LIMIT 1) AS "userId"
         FROM units u WHERE u.id = $1`,
      [order.unit.id],
    );
  });

  afterAll(() => api.close());

  /** A finished import of this file's region, made on `m`. */
  async function anImport(m: EntityManager): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO imports (region_id, kind, status, file_name, months, created_by)
       VALUES ($1, 'purchased-hours', 'DONE', 'keys.csv', '{}', $2) RETURNING id`,
      [ours.regionId, ours.userId],
    );
    return id;
  }

  /** Runs the statement in a transaction that is always rolled back; resolves to its error, if any. */
  async function attempt(
    write: (m: EntityManager, importId: string) => Promise<unknown>,
    on: DataSource = db,
  ): Promise<unknown> {
    const rollback = new Error('rolled back');
    const outcome = await on
      .transaction(async (m) => {
        await write(m, await anImport(m));
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
        ours.regionId,
        over.unitId ?? ours.unitId,
        ours.areaId,
        over.supplierId === undefined ? ours.supplierId : over.supplierId,
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
    // the other region's own unit, with this file's region's order or supplier
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
    expect(violatedKey(await attempt((m) => otherRow(m, ourOrderId, null)))).toBe(
      'purchased_hours_order_fkey',
    );
    expect(violatedKey(await attempt((m) => otherRow(m, null, ours.supplierId)))).toBe(
      'purchased_hours_supplier_fkey',
    );
  });

  it('refuses an own-staff-cost row with another region’s area', async () => {
    const error = await attempt((m, imp) =>
      m.query(
        `INSERT INTO own_staff_costs (region_id, month, area_id, care_setting, profession_group, cost_sek, import_id)
         VALUES ($1, '2024-05-01', $2, 'PRIMARVARD', 'LAKARE', 100000, $3)`,
        [ours.regionId, other.areaId, imp],
      ),
    );
    expect(violatedKey(error)).toBe('own_staff_costs_area_fkey');
  });

  /** A unit of its own in this file's region, made on `m` (committed when `m` is the data source's). */
  async function aUnit(m: EntityManager | DataSource, costCentre: string): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO units (region_id, area_id, municipality_id, cost_centre, name, care_setting)
       SELECT region_id, area_id, municipality_id, $2::text, 'Nyckelenheten ' || $2::text, care_setting FROM units WHERE id = $1
       RETURNING id`,
      [ours.unitId, costCentre],
    );
    return id;
  }

  /** The error of `statement` on a unit of its own that a fact refers to (none when `referenced` is false). */
  const onUnit = (costCentre: string, statement: string, referenced = true) =>
    attempt(async (m, imp) => {
      const unitId = await aUnit(m, costCentre);
      if (referenced) await hoursRow(m, imp, { unitId });
      await m.query(statement, [unitId]);
    });

  it('refuses deleting a unit or an import that facts refer to, and takes it when none do', async () => {
    const unitDelete = await onUnit('KEYS-DEL', 'DELETE FROM units WHERE id = $1');
    expect(violatedKey(unitDelete)).toBe('purchased_hours_unit_fkey');
    const importDelete = await attempt(async (m, imp) => {
      await hoursRow(m, imp, {});
      await m.query('DELETE FROM imports WHERE id = $1', [imp]);
    });
    expect(violatedKey(importDelete)).toBe('purchased_hours_import_id_fkey');
    expect(await onUnit('KEYS-FREE', 'DELETE FROM units WHERE id = $1', false)).toBeNull();
  });

  it('refuses a new key for a unit that facts refer to, and a truncate of the imports', async () => {
    const rekey = await onUnit('KEYS-REKEY', 'UPDATE units SET id = gen_random_uuid() WHERE id = $1');
    expect(violatedKey(rekey)).toBe('purchased_hours_unit_fkey');
    expect(await onUnit('KEYS-NAME', `UPDATE units SET name = 'Nytt namn' WHERE id = $1`)).toBeNull();
    // only the owner may truncate (decision 022); the keys hold for it too
    const owner = await ownerDataSource();
    const truncate = await attempt(async (m, imp) => {
      await hoursRow(m, imp, {});
      await m.query('TRUNCATE imports CASCADE');
    }, owner).finally(() => owner.destroy());
    expect(violatedKey(truncate)).toMatch(/_import_id_fkey$/);
  });

  it('refuses deleting such a row at REPEATABLE READ, where a later import’s facts are not seen', async () => {
    const unitId = await aUnit(db, 'KEYS-RR');
    const error = await db
      .transaction('REPEATABLE READ', (m) => m.query('DELETE FROM units WHERE id = $1', [unitId]))
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('25000');
    await db.query('DELETE FROM units WHERE id = $1', [unitId]);
  });

  /** Waits until the backend of `pid` waits for a lock. */
  const waitsForLock = (pid: number) =>
    until(
      async () =>
        (
          await db.query<{ waiting: boolean }[]>(
            `SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`,
            [pid],
          )
        )[0]?.waiting === true,
      10_000,
      `backend ${pid} to wait for a lock`,
    );

  /** Runs `race` on two connections, each in a transaction, with a committed unit of its own. */
  async function twoTransactions(
    costCentre: string,
    race: (unitId: string, importer: QueryRunner, deleter: QueryRunner) => Promise<void>,
  ): Promise<void> {
    const unitId = await aUnit(db, costCentre);
    const importer = db.createQueryRunner();
    const deleter = db.createQueryRunner();
    try {
      await importer.startTransaction();
      await deleter.startTransaction();
      await race(unitId, importer, deleter);
    } finally {
      for (const runner of [importer, deleter]) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    }
  }

  const pidOf = async (runner: QueryRunner): Promise<number> =>
    ((await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0]?.pid ?? 0;

  it('refuses a delete that waited for an import, once the import’s facts are committed', async () => {
    let importId = '';
    await twoTransactions('KEYS-RACE-1', async (unitId, importer, deleter) => {
      importId = await anImport(importer.manager);
      await hoursRow(importer.manager, importId, { unitId });
      const pid = await pidOf(deleter);
      const deleted = deleter.query('DELETE FROM units WHERE id = $1', [unitId]).catch((e: unknown) => e);
      await waitsForLock(pid);
      await importer.commitTransaction();
      expect(violatedKey(await deleted)).toBe('purchased_hours_unit_fkey');
    });
    await db.query('DELETE FROM purchased_hours WHERE import_id = $1', [importId]);
    await db.query('DELETE FROM imports WHERE id = $1', [importId]);
  });

  it('refuses an import’s facts whose unit a concurrent delete removed while the import waited', async () => {
    await twoTransactions('KEYS-RACE-2', async (unitId, importer, deleter) => {
      await deleter.query('DELETE FROM units WHERE id = $1', [unitId]);
      const pid = await pidOf(importer);
      const written = hoursRow(importer.manager, await anImport(importer.manager), { unitId }).catch(
        (e: unknown) => e,
      );
      await waitsForLock(pid);
      await deleter.commitTransaction();
      expect(violatedKey(await written)).toBe('purchased_hours_unit_fkey');
    });
  });
});
