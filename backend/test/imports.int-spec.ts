import type { INestApplicationContext } from '@nestjs/common';
import type { DispensationDto, ErrorBody, ImportDto, OrderDto, UnitDto } from '@hyrkoll/contracts';
import request from 'supertest';
import { RollupsService } from '../src/modules/rollups/rollups.service';
import { anOrder } from './support/builders';
import { runCli } from './support/cli';
import { as, DEMO, loginAs, TestSession } from './support/sessions';
import { startApi, startWorker, TestApp, withDemoData } from './support/test-app';
import { testEnv } from './support/test-env';
import { rollupDifferences } from './support/rollups';
import { submitOrder } from './support/workflow';

describe('imports through the real queue, and the rollups they feed', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let lars: TestSession;
  let regionId: string;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
    await withDemoData(api.dataSource);
    lars = await loginAs(api.app, DEMO.purchaser);
    [{ id: regionId }] = await api.dataSource.query(`SELECT id FROM regions WHERE code = '24'`);
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  function upload(kind: string, content: string | Buffer, name = 'import.csv') {
    return request(api.app.getHttpServer())
      .post(`/api/imports/${kind}`)
      .set('cookie', lars.cookie)
      .set('x-csrf-token', lars.csrf)
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
  }

  async function finished(id: string): Promise<ImportDto> {
    for (let i = 0; i < 600; i++) {
      const res = await as(api.app, lars).get(`/api/imports/${id}`).expect(200);
      const imp = res.body as ImportDto;
      if (['DONE', 'REFUSED', 'FAILED'].includes(imp.status)) return imp;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`import ${id} did not finish`);
  }

  async function rollupTotal(
    month: string,
  ): Promise<{ hours: string; cost: string; unmatched: string } | undefined> {
    for (let i = 0; i < 100; i++) {
      const [row] = await api.dataSource.query(
        `SELECT sum(hours)::text AS hours, sum(cost_sek)::text AS cost, sum(unmatched_cost_sek)::text AS unmatched FROM hired_monthly WHERE region_id = $1 AND month = $2`,
        [regionId, month],
      );
      if (row?.hours !== null) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    return undefined;
  }

  /** An order of unit 120101 (NSO Skellefteå) submitted by its unit manager, awaiting the area chief. */
  async function orderAwaitingDispensation(hours: string) {
    const eva = await loginAs(api.app, DEMO.unitManagerSkelleftea);
    const maria = await loginAs(api.app, DEMO.areaChiefSkelleftea);
    const unit = (
      (await as(api.app, eva).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[]
    ).find((u) => u.costCentre === '120101') as UnitDto;
    const submitted = await submitOrder(api.app, eva, anOrder(unit.id).withHours(hours).build());
    return { eva, maria, ...submitted };
  }

  it('imports purchased hours, links rows to orders, counts them against the dispensation caps, and rolls them up', async () => {
    const { eva, maria, order, dispensation } = await orderAwaitingDispensation('100.00');
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, {
        version: dispensation.version,
        hoursCap: '50.00',
      })
      .expect(200);

    const csv = [
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref',
      `2024-09;120101;LAKARE;556712-3459;"40,00";"55 000,00";${order.reference}`,
      '2024-09;120102;SSK_BM;Okänd Bemanning AB;10;8500,50;',
      '2024-10;130102;LAKARE;Stafettläkarna i Norr AB;12,5;20312,50;',
      '2024-10;130102;LAKARE;Stafettläkarna i Norr AB;-2;-3250;',
    ].join('\r\n');
    const received = (await upload('purchased-hours', `\ufeff${csv}\r\n`, '../../etc/timmar.csv').expect(202))
      .body as ImportDto;
    expect(received).toMatchObject({ status: 'QUEUED', linesTotal: 4, fileName: 'timmar.csv' });
    const done = await finished(received.id);
    expect(done).toMatchObject({
      status: 'DONE',
      rowsRead: 4,
      rowsValid: 4,
      rowsWritten: 4,
      rowsReplaced: 0,
      percent: 100,
      months: ['2024-09', '2024-10'],
    });

    expect(await rollupTotal('2024-09-01')).toEqual({
      hours: '50.00',
      cost: '63500.50',
      unmatched: '8500.50',
    });
    expect(await rollupTotal('2024-10-01')).toEqual({
      hours: '10.50',
      cost: '17062.50',
      unmatched: '17062.50',
    });
    const used = (await as(api.app, maria).get(`/api/dispensations/${dispensation.id}`).expect(200))
      .body as DispensationDto;
    expect(used.id).toBe(dispensation.id);
    const [{ hours_used }] = await api.dataSource.query(
      'SELECT hours_used::text FROM dispensations WHERE id = $1',
      [dispensation.id],
    );
    expect(hours_used).toBe('40.00');
    // the unit manager sees the hours booked against her order; another unit's manager does not
    expect((await as(api.app, eva).get(`/api/orders/${order.id}/hours`).expect(200)).body).toEqual({
      months: [{ month: '2024-09', supplier: '556712-3459', hours: '40.00', costSek: '55000.00' }],
      totalHours: '40.00',
      totalCostSek: '55000.00',
      orderedHours: '100.00',
    });
    const johan = await loginAs(api.app, DEMO.unitManagerLappland);
    await as(api.app, johan).get(`/api/orders/${order.id}/hours`).expect(404);
    const unknownSupplier = await api.dataSource.query(
      `SELECT supplier_id FROM purchased_hours WHERE supplier_text = 'Okänd Bemanning AB' AND region_id = $1 AND month = '2024-09-01'`,
      [regionId],
    );
    expect(unknownSupplier).toEqual([{ supplier_id: null }]);

    // the dispensation register: granted this month, and the 40 hours booked under it in 2024-09
    const register = async (from: string, to: string) =>
      (
        (await as(api.app, maria).get(`/api/metrics/dispensation-register?from=${from}&to=${to}`).expect(200))
          .body as {
          rows: {
            month: string;
            rule: string;
            granted: number;
            hours: string;
            costSek: string;
            professionGroup: string;
            area: { name: string };
          }[];
        }
      ).rows;
    let booked: Awaited<ReturnType<typeof register>> = [];
    for (let i = 0; i < 50 && booked.length === 0; i++) {
      booked = await register('2024-09', '2024-09');
      if (booked.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(booked).toEqual([
      {
        month: '2024-09',
        rule: 'HIRING_STOP',
        area: expect.objectContaining({ name: 'NSO Skellefteå' }),
        professionGroup: 'LAKARE',
        granted: 0,
        hours: '40.00',
        costSek: '55000.00',
      },
    ]);
    const thisMonth = new Date().toISOString().slice(0, 7);
    let granted: Awaited<ReturnType<typeof register>> = [];
    for (let i = 0; i < 50 && granted.length === 0; i++) {
      granted = (await register(thisMonth, thisMonth)).filter((r) => r.granted > 0);
      if (granted.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    // every dispensation granted this month in the shared test database counts, not only this one
    const [{ n }] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM dispensations d JOIN orders o ON o.id = d.order_id JOIN areas a ON a.id = d.area_id
        WHERE d.status IN ('APPROVED', 'EXPIRED', 'REVOKED') AND a.code = 'NSO-SKE' AND o.profession = 'LAKARE'
          AND to_char((SELECT max(x.decided_at) FROM dispensation_decisions x WHERE x.dispensation_id = d.id AND x.outcome = 'APPROVED')
                      AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') = $1`,
      [thisMonth],
    );
    const ske = granted.find(
      (r) => r.rule === 'HIRING_STOP' && r.area.name === 'NSO Skellefteå' && r.professionGroup === 'LAKARE',
    );
    expect(n).toBeGreaterThanOrEqual(1);
    expect(ske?.granted).toBe(n);

    // the same file again replaces the same months: nothing is counted twice
    const again = await finished(((await upload('purchased-hours', csv).expect(202)).body as ImportDto).id);
    expect(again).toMatchObject({ status: 'DONE', rowsWritten: 4, rowsReplaced: 4 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await rollupTotal('2024-09-01')).toEqual({
      hours: '50.00',
      cost: '63500.50',
      unmatched: '8500.50',
    });
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM purchased_hours WHERE region_id = $1 AND month IN ('2024-09-01', '2024-10-01')`,
      [regionId],
    );
    expect(count).toBe(4);
    expect(
      await rollupDifferences(worker.get(RollupsService), regionId, ['2024-09-01', '2024-10-01']),
    ).toEqual([]);
    void order as unknown as OrderDto;
  });

  it('counts hours booked before the dispensation was granted in the register of their month', async () => {
    const { maria, order, dispensation } = await orderAwaitingDispensation('20.00');
    // a month before the demo history, so that no other figure of the shared database moves
    const csv = [
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref',
      `2018-04;120101;LAKARE;556712-3459;8;9000;${order.reference}`,
    ].join('\n');
    const imported = await finished(
      ((await upload('purchased-hours', csv).expect(202)).body as ImportDto).id,
    );
    expect(imported).toMatchObject({ status: 'DONE', rowsWritten: 1 });
    const register = async () =>
      api.dataSource.query(
        `SELECT rule, granted, hours::text, cost_sek::text FROM dispensation_monthly
          WHERE region_id = $1 AND month = '2018-04-01' ORDER BY rule`,
        [regionId],
      );
    expect(await register()).toEqual([]);

    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
    let rows: unknown[] = [];
    for (let i = 0; i < 100 && rows.length === 0; i++) {
      rows = await register();
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toEqual([{ rule: 'HIRING_STOP', granted: 0, hours: '8.00', cost_sek: '9000.00' }]);
    expect(await rollupDifferences(worker.get(RollupsService), regionId, ['2018-04-01'])).toEqual([]);
  });

  it('refuses a file of 100 000 rows with one bad row whole, naming the line, and writes nothing', async () => {
    const lines = ['month;area_code;care_setting;profession_group;cost_sek;budget_sek'];
    for (let i = 0; i < 100_000; i++)
      lines.push(`2023-${String((i % 12) + 1).padStart(2, '0')};LSO1;SJUKHUSVARD;SSK_BM;${1000 + i},00;`);
    lines[54_321] = '2023-05;LSO1;SJUKHUSVARD;SSK_BM;tusen;';
    const before = await api.dataSource.query('SELECT count(*)::int AS n FROM own_staff_costs');
    const imp = await finished(
      ((await upload('own-staff-cost', lines.join('\n')).expect(202)).body as ImportDto).id,
    );
    expect(imp).toMatchObject({
      status: 'REFUSED',
      rowsRead: 100_000,
      rowsValid: 99_999,
      errorCount: 1,
      rowsWritten: 0,
    });
    expect(imp.errors).toEqual([
      {
        line: 54_322,
        column: 'cost_sek',
        value: 'tusen',
        reason: {
          sv: expect.stringContaining('beloppet'),
          en: 'the amount must be a number of SEK with at most two decimals',
        },
      },
    ]);
    expect(await api.dataSource.query('SELECT count(*)::int AS n FROM own_staff_costs')).toEqual(before);
    expect(
      await api.dataSource.query('SELECT count(*)::int AS n FROM import_lines WHERE import_id = $1', [
        imp.id,
      ]),
    ).toEqual([{ n: 0 }]);
  });

  it('names unknown codes and orders, refuses the file, and accepts own-staff cost and the national comparison', async () => {
    const bad = await finished(
      (
        (
          await upload(
            'purchased-hours',
            'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n2024-09;999999;LAKARE;X AB;1;1;HK-1999-000001\n',
          ).expect(202)
        ).body as ImportDto
      ).id,
    );
    expect(bad.errors.map((e) => [e.line, e.column])).toEqual([[2, 'unit_code']]);

    const own = await finished(
      (
        (
          await upload(
            'own-staff-cost',
            'month,area_code,care_setting,profession_group,cost_sek,budget_sek\n2024-09,NSO-SKE,PRIMARVARD,LAKARE,"1 000 000,00",1100000\n',
          ).expect(202)
        ).body as ImportDto
      ).id,
    );
    expect(own).toMatchObject({ status: 'DONE', rowsWritten: 1 });
    const national = await finished(
      (
        (
          await upload(
            'national-comparison',
            'month;region_code;hired_share_percent\n2024-09;25;11,2\n2024-09;24;4,1\n',
          ).expect(202)
        ).body as ImportDto
      ).id,
    );
    expect(national).toMatchObject({ status: 'DONE', rowsWritten: 2 });
  });

  it('writes a supplier name as the file gave it, with tabs, backslashes and quotes', async () => {
    const names = ['Vård\tNorr AB', 'C:\\bemanning\\nord', '"Läkare" & Co \\N', 'Sjuk\\tvård'];
    const csv = [
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref',
      ...names.map((name) => `2023-02;120101;LAKARE;"${name.replace(/"/g, '""')}";1;100;`),
    ].join('\n');
    const imp = await finished(((await upload('purchased-hours', csv).expect(202)).body as ImportDto).id);
    expect(imp).toMatchObject({ status: 'DONE', rowsWritten: names.length });
    const rows = await api.dataSource.query<{ supplier_text: string }[]>(
      'SELECT supplier_text FROM purchased_hours WHERE import_id = $1 ORDER BY id',
      [imp.id],
    );
    expect(rows.map((r) => r.supplier_text)).toEqual(names);
  });

  it('refuses a file that is not UTF-8, an empty file and a request that is not multipart, with 4xx', async () => {
    const latin1 = Buffer.from('month;unit_code\n2024-09;Umeå\n', 'latin1');
    const res = await upload('purchased-hours', latin1).expect(400);
    expect((res.body as ErrorBody).details).toEqual([
      { field: 'file', message: expect.stringContaining('not UTF-8') },
    ]);
    await upload(
      'purchased-hours',
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n',
    ).expect(400);
    await as(api.app, lars).post('/api/imports/purchased-hours', { file: 'x' }).expect(415);
    await upload('timesheets', 'x').expect(400);
  });

  it('marks an import FAILED, with nothing written, when every attempt of its job fails', async () => {
    // a fault in the database that only this file meets
    await api.dataSource.query(`
      CREATE FUNCTION test_refuse_2099() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected fault'; END $$`);
    await api.dataSource.query(`
      CREATE TRIGGER test_refuse_2099 BEFORE INSERT ON national_comparison
        FOR EACH ROW WHEN (NEW.month = '2099-01-01') EXECUTE FUNCTION test_refuse_2099()`);
    try {
      const res = await upload(
        'national-comparison',
        'month;region_code;hired_share_percent\n2099-01;24;3,5\n',
      ).expect(202);
      const imp = await finished((res.body as ImportDto).id);
      expect(imp).toMatchObject({ status: 'FAILED', rowsWritten: 0 });
      expect(imp.message).toMatch(/Upload the file again/);
      expect(
        await api.dataSource.query(`SELECT 1 FROM national_comparison WHERE month = '2099-01-01'`),
      ).toEqual([]);
      expect(await api.dataSource.query('SELECT 1 FROM import_lines WHERE import_id = $1', [imp.id])).toEqual(
        [],
      );
    } finally {
      await api.dataSource.query('DROP TRIGGER test_refuse_2099 ON national_comparison');
      await api.dataSource.query('DROP FUNCTION test_refuse_2099()');
    }
  }, 90_000);

  it('lets the consistency check find corrupted rollup and register rows', async () => {
    const rollups = worker.get(RollupsService);
    // a month of its own, before the demo history
    const csv =
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n2018-02;120101;LAKARE;556712-3459;5;6000;';
    const imported = await finished(
      ((await upload('purchased-hours', csv).expect(202)).body as ImportDto).id,
    );
    expect(imported).toMatchObject({ status: 'DONE', rowsWritten: 1 });
    expect(await rollupTotal('2018-02-01')).toMatchObject({ cost: '6000.00' });
    await api.dataSource.query(
      `UPDATE hired_monthly SET cost_sek = cost_sek + 1 WHERE region_id = $1 AND month = '2018-02-01'`,
      [regionId],
    );
    // a register row that no dispensation explains
    await api.dataSource.query(
      `INSERT INTO dispensation_monthly (region_id, month, rule, area_id, profession_group, granted, hours, cost_sek)
       SELECT region_id, '2018-01-01', 'HIRING_STOP', id, 'LAKARE', 1, 0, 0 FROM areas WHERE region_id = $1 LIMIT 1`,
      [regionId],
    );
    const differences = await rollupDifferences(rollups, regionId, ['2018-02-01', '2018-01-01']);
    expect(differences.map((d) => [d.table, d.side])).toEqual([
      ['hired_monthly', 'only in the rollup'],
      ['hired_monthly', 'only in the recompute'],
      ['dispensation_monthly', 'only in the rollup'],
    ]);
    // the operations CLI names the differences of the month, and rebuilds it
    const env = { ...testEnv(), DATABASE_URL: api.config.database.url };
    const region = ['--region', '24', '--month', '2018-02'];
    const found = await runCli('rollups:check', env, region);
    expect(found.code).toBe(1);
    expect(found.out).toMatch(/2018-02 differ from the raw rows:\n {2}hired_monthly, only in the rollup: /);
    expect((await runCli('rollups:recompute', env, region)).code).toBe(0);
    expect(await rollupDifferences(rollups, regionId, ['2018-02-01'])).toEqual([]);
    const misuse = await runCli('rollups:check', env, ['--region', '24', '--month', '2018-13']);
    expect(misuse).toMatchObject({ code: 2, out: expect.stringContaining('--month must be a month') });

    await rollups.recomputeAll(regionId);
    expect(await rollups.check({ regionId })).toEqual([]);
  });
});
