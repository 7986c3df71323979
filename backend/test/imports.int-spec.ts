import type { DispensationDto, ErrorBody, ImportDto, OrderDto } from '@hyrkoll/contracts';
import type { INestApplicationContext } from '@nestjs/common';

import { RollupsService } from '../src/modules/rollups/rollups.service';
import { eventually, eventuallyValue } from './support/eventually';
import { importFinished, uploadImport } from './support/imports';
import { ownerDataSource } from './support/owner';
import { workDone } from './support/queues';
import { hiredTotal, rollupDifferences } from './support/rollups';
import { as, TestSession } from './support/sessions';
import { startWorker, TestApp } from './support/test-app';
import { startWorkflowWorld, WORKFLOW_REGION, WorkflowWorld } from './support/workflow-world';

describe('imports through the real queue, and the rollups they feed', () => {
  let world: WorkflowWorld;
  let api: TestApp;
  let worker: INestApplicationContext;
  let lars: TestSession;
  let regionId: string;

  beforeAll(async () => {
    // the workflow's region, and an area LSO1 for own-staff cost
    world = await startWorkflowWorld({ ...WORKFLOW_REGION, areas: [...WORKFLOW_REGION.areas, 'LSO1'] });
    ({ api, lars } = world);
    regionId = world.region.regionId;
    worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const upload = (kind: string, content: string | Buffer, name?: string) =>
    uploadImport(api.app, lars, kind, content, name);
  const finished = (id: string) => importFinished(api.app, lars, id);
  const rollupTotal = (month: string) => hiredTotal(api.dataSource, regionId, month);

  it('imports purchased hours, links rows to orders, counts them against the dispensation caps, and rolls them up', async () => {
    const { eva, maria } = world;
    const { order, dispensation } = await world.submittedOrder('100.00');
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
    await as(api.app, world.johan).get(`/api/orders/${order.id}/hours`).expect(404);
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
    const booked = await eventuallyValue(
      'the 2024-09 register to have rows',
      () => register('2024-09', '2024-09'),
      (rows) => rows.length > 0,
      5_000,
    );
    expect(booked).toEqual([
      {
        month: '2024-09',
        rule: 'HIRING_STOP',
        area: expect.objectContaining({ name: 'Område NSO-SKE' }),
        professionGroup: 'LAKARE',
        granted: 0,
        hours: '40.00',
        costSek: '55000.00',
      },
    ]);
    const thisMonth = new Date().toISOString().slice(0, 7);
    const granted = await eventuallyValue(
      "this month's register to have granted rows",
      async () => (await register(thisMonth, thisMonth)).filter((r) => r.granted > 0),
      (rows) => rows.length > 0,
      5_000,
    );
    // every dispensation of the region granted this month counts: this file grants this one only
    const [{ n }] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM dispensations d JOIN orders o ON o.id = d.order_id JOIN areas a ON a.id = d.area_id
        WHERE d.region_id = $2 AND d.status IN ('APPROVED', 'EXPIRED', 'REVOKED') AND a.code = 'NSO-SKE' AND o.profession = 'LAKARE'
          AND to_char((SELECT max(x.decided_at) FROM dispensation_decisions x WHERE x.dispensation_id = d.id AND x.outcome = 'APPROVED')
                      AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') = $1`,
      [thisMonth, regionId],
    );
    const ske = granted.find(
      (r) => r.rule === 'HIRING_STOP' && r.area.name === 'Område NSO-SKE' && r.professionGroup === 'LAKARE',
    );
    expect(n).toBe(1);
    expect(ske?.granted).toBe(n);

    // the same file again replaces the same months: nothing is counted twice
    const again = await finished(((await upload('purchased-hours', csv).expect(202)).body as ImportDto).id);
    expect(again).toMatchObject({ status: 'DONE', rowsWritten: 4, rowsReplaced: 4 });
    // the rollups of the months replaced are done once nothing is left to relay or run
    await eventually('the outbox and the queues to drain', () =>
      workDone(worker, api.dataSource, api.config.redis.queuePrefix),
    );
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

  it('refuses a file of 100 000 rows with one bad row whole, naming the line, and writes nothing', async () => {
    const lines = ['month;area_code;care_setting;profession_group;cost_sek;budget_sek'];
    for (let i = 0; i < 100_000; i++)
      lines.push(`2023-${String((i % 12) + 1).padStart(2, '0')};LSO1;SJUKHUSVARD;SSK_BM;${1000 + i},00;`);
    lines[54_321] = '2023-05;LSO1;SJUKHUSVARD;SSK_BM;tusen;';
    const ownStaffRows = () =>
      api.dataSource.query('SELECT count(*)::int AS n FROM own_staff_costs WHERE region_id = $1', [regionId]);
    const before = await ownStaffRows();
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
    expect(await ownStaffRows()).toEqual(before);
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
      { field: 'file', code: 'notUtf8', params: { line: 2 }, message: expect.stringContaining('not UTF-8') },
    ]);
    await upload(
      'purchased-hours',
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n',
    ).expect(400);
    await as(api.app, lars).post('/api/imports/purchased-hours?source=test', { file: 'x' }).expect(415);
    await upload('timesheets', 'x').expect(400);
  });

  it('marks an import FAILED, with nothing written, when every attempt of its job fails', async () => {
    // a fault in the database that only this file meets, put there by the owner
    const owner = await ownerDataSource();
    await owner.query(`
      CREATE FUNCTION test_refuse_2099() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected fault'; END $$`);
    await owner.query(`
      CREATE TRIGGER test_refuse_2099 BEFORE INSERT ON national_comparison
        FOR EACH ROW WHEN (NEW.month = '2001-01-01') EXECUTE FUNCTION test_refuse_2099()`);
    try {
      const res = await upload(
        'national-comparison',
        'month;region_code;hired_share_percent\n2001-01;24;3,5\n',
      ).expect(202);
      const imp = await finished((res.body as ImportDto).id);
      expect(imp).toMatchObject({ status: 'FAILED', rowsWritten: 0 });
      expect(imp.message).toMatch(/Upload the file again/);
      expect(
        await api.dataSource.query(`SELECT 1 FROM national_comparison WHERE month = '2001-01-01'`),
      ).toEqual([]);
      expect(await api.dataSource.query('SELECT 1 FROM import_lines WHERE import_id = $1', [imp.id])).toEqual(
        [],
      );
      // the write failed after the confirmation: the rows that waited for it go too
      expect(
        await api.dataSource.query('SELECT 1 FROM national_comparison_pending WHERE import_id = $1', [
          imp.id,
        ]),
      ).toEqual([]);
    } finally {
      await owner.query('DROP TRIGGER test_refuse_2099 ON national_comparison');
      await owner.query('DROP FUNCTION test_refuse_2099()');
      await owner.destroy();
    }
  }, 90_000);
});
