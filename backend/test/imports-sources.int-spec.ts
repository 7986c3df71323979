import type { ErrorBody, ImportDto, ImportSourceDto, NationalComparisonDto } from '@hyrkoll/contracts';
import type { INestApplicationContext } from '@nestjs/common';

import { ImportSourcesNormalised1763858300000 } from '../src/database/migrations/1763858300000-import-sources-normalised';
import { RollupsService } from '../src/modules/rollups/rollups.service';
import { eventually } from './support/eventually';
import { importFinished, importPreviewed, uploadImport } from './support/imports';
import { NewRegion, newRegion } from './support/new-region';
import { workDone } from './support/queues';
import { rollupDifferences } from './support/rollups';
import { as, TestSession } from './support/sessions';
import { startApi, startWorker, TestApp } from './support/test-app';
import { WORKFLOW_REGION } from './support/workflow-world';

const HOURS_HEADER = 'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref';
const OWN_HEADER = 'month;area_code;care_setting;profession_group;cost_sek;budget_sek';
const csv = (header: string, ...rows: string[]) => `${[header, ...rows].join('\n')}\n`;

/**
 * Imports replace by source, in two steps, and can be undone (decision 017); the national
 * comparison belongs to the importing region. In a region of the file's own, and a second one
 * for what must stay apart.
 */
describe('imports by source: preview, confirm, undo; the national comparison per region', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let region: NewRegion;
  let lars: TestSession;
  let other: TestSession;
  let regionId: string;
  let rollups: RollupsService;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
    region = await newRegion(api.app, api.dataSource, WORKFLOW_REGION);
    lars = region.sessions['Lars'] as TestSession;
    regionId = region.regionId;
    const theirs = await newRegion(api.app, api.dataSource, {
      areas: [],
      units: [],
      users: { Purchaser: [{ role: 'PURCHASER' }] },
    });
    other = theirs.sessions['Purchaser'] as TestSession;
    rollups = new RollupsService(api.dataSource);
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const upload = (kind: string, content: string, source: string | null) =>
    uploadImport(api.app, lars, kind, content, `${source ?? 'none'}.csv`, source);
  /** Uploads, waits for the preview, confirms and waits for the write. */
  async function imported(kind: string, content: string, source: string): Promise<ImportDto> {
    const res = await upload(kind, content, source).expect(202);
    return importFinished(api.app, lars, (res.body as ImportDto).id);
  }
  async function previewed(kind: string, content: string, source: string): Promise<ImportDto> {
    const res = await upload(kind, content, source).expect(202);
    return importPreviewed(api.app, lars, (res.body as ImportDto).id);
  }
  /** The region's purchased-hours rows of a month: source, unit, hours, id. */
  const hoursRows = (month: string) =>
    api.dataSource.query<{ id: string; source: string; cost_centre: string; hours: string }[]>(
      `SELECT p.id::text, p.source, u.cost_centre, p.hours::text FROM purchased_hours p JOIN units u ON u.id = p.unit_id
        WHERE p.region_id = $1 AND p.month = $2 ORDER BY p.source, u.cost_centre, p.hours`,
      [regionId, `${month}-01`],
    );
  const hiredHours = async (month: string) =>
    (
      await api.dataSource.query<{ hours: string | null }[]>(
        `SELECT sum(hours)::text AS hours FROM hired_monthly WHERE region_id = $1 AND month = $2`,
        [regionId, `${month}-01`],
      )
    )[0]?.hours ?? null;

  it('keeps the rows of two sources for one month, and a file replaces only its own source', async () => {
    const supplierA = await imported(
      'purchased-hours',
      csv(
        HOURS_HEADER,
        '2005-03;120101;LAKARE;556712-3459;10;15000;',
        '2005-03;120102;SSK_BM;556712-3459;20;16000;',
      ),
      '556712-3459',
    );
    expect(supplierA).toMatchObject({
      status: 'DONE',
      source: '556712-3459',
      rowsWritten: 2,
      rowsReplaced: 0,
    });
    const payroll = await imported(
      'purchased-hours',
      csv(HOURS_HEADER, '2005-03;130102;OVRIGA;Vårdkraft Bemanning AB;5;4000;'),
      'heroma',
    );
    expect(payroll).toMatchObject({ status: 'DONE', rowsWritten: 1, rowsReplaced: 0 });
    expect((await hoursRows('2005-03')).map((r) => [r.source, r.cost_centre])).toEqual([
      ['556712-3459', '120101'],
      ['556712-3459', '120102'],
      ['heroma', '130102'],
    ]);

    // the supplier's corrected invoice basis replaces its own two rows, not the payroll's
    const corrected = await imported(
      'purchased-hours',
      csv(HOURS_HEADER, '2005-03;120101;LAKARE;556712-3459;12;18000;'),
      '556712-3459',
    );
    expect(corrected).toMatchObject({ status: 'DONE', rowsWritten: 1, rowsReplaced: 2 });
    expect((await hoursRows('2005-03')).map((r) => [r.source, r.cost_centre, r.hours])).toEqual([
      ['556712-3459', '120101', '12.00'],
      ['heroma', '130102', '5.00'],
    ]);

    // the same for own-staff cost, whose source is usually the finance system
    const finance = await imported(
      'own-staff-cost',
      csv(OWN_HEADER, '2005-03;NSO-SKE;PRIMARVARD;LAKARE;100000;'),
      'raindance',
    );
    const payrollCost = await previewed(
      'own-staff-cost',
      csv(OWN_HEADER, '2005-03;NSO-SKE;PRIMARVARD;LAKARE;90000;', '2005-03;NSO-SKE;PRIMARVARD;SSK_BM;50000;'),
      'heroma',
    );
    expect(finance).toMatchObject({ status: 'DONE', rowsWritten: 1 });
    expect(payrollCost.preview).toEqual({
      added: [{ month: '2005-03', rows: 2 }],
      replaced: [],
      doubles: {
        keys: 1,
        examples: [
          {
            month: '2005-03',
            code: 'NSO-SKE',
            professionGroup: 'LAKARE',
            detail: 'PRIMARVARD',
            otherSource: 'raindance',
            otherRows: 1,
          },
        ],
      },
    });
    await as(api.app, lars).post(`/api/imports/${payrollCost.id}/confirm`).expect(202);
    await eventually('the own-staff cost to be written', async () => {
      const [{ n }] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM own_staff_costs WHERE region_id = $1 AND month = '2005-03-01'`,
        [regionId],
      );
      return n === 3;
    });

    const sources = (await as(api.app, lars).get('/api/imports/sources?kind=purchased-hours').expect(200))
      .body as ImportSourceDto[];
    expect(sources.map((s) => s.source)).toEqual(expect.arrayContaining(['556712-3459', 'heroma']));
    expect(sources.every((s) => s.kind === 'purchased-hours')).toBe(true);
  });

  it('shows what a file will do before anything is written, with the possible double counting, and discards it', async () => {
    await imported(
      'purchased-hours',
      csv(HOURS_HEADER, '2005-04;120101;LAKARE;Stafettläkarna i Norr AB;10;15000;'),
      'heroma',
    );
    const before = await hoursRows('2005-04');
    await eventually('the month to be rolled up', async () => (await hiredHours('2005-04')) === '10.00');

    const invoice = await previewed(
      'purchased-hours',
      csv(
        HOURS_HEADER,
        '2005-04;120101;LAKARE;stafettläkarna i norr ab;10;15000;',
        '2005-04;120102;LAKARE;Stafettläkarna i Norr AB;3;4500;',
      ),
      'stafett-faktura',
    );
    expect(invoice).toMatchObject({ status: 'AWAITING_CONFIRMATION', rowsValid: 2, rowsWritten: 0 });
    expect(invoice.preview).toEqual({
      added: [{ month: '2005-04', rows: 2 }],
      replaced: [],
      doubles: {
        keys: 1,
        examples: [
          {
            month: '2005-04',
            code: '120101',
            professionGroup: 'LAKARE',
            detail: 'stafettläkarna i norr ab',
            otherSource: 'heroma',
            otherRows: 1,
          },
        ],
      },
    });
    // nothing is written, and nothing is rolled up, before the purchaser confirms: once the
    // validation's work is all done, nothing else is to come
    await eventually('the outbox and the queues to drain', () =>
      workDone(worker, api.dataSource, api.config.redis.queuePrefix),
    );
    expect(await hoursRows('2005-04')).toEqual(before);
    expect(await hiredHours('2005-04')).toBe('10.00');

    // the payroll's own month again: the preview names what it replaces, per month and source
    const again = await previewed(
      'purchased-hours',
      csv(HOURS_HEADER, '2005-04;120101;LAKARE;Stafettläkarna i Norr AB;11;16500;'),
      'heroma',
    );
    expect(again.preview).toMatchObject({
      added: [{ month: '2005-04', rows: 1 }],
      replaced: [{ month: '2005-04', source: 'heroma', rows: 1 }],
      doubles: { keys: 0, examples: [] },
    });

    for (const id of [invoice.id, again.id]) {
      expect((await as(api.app, lars).post(`/api/imports/${id}/discard`).expect(200)).body).toMatchObject({
        status: 'DISCARDED',
      });
      const confirm = await as(api.app, lars).post(`/api/imports/${id}/confirm`).expect(409);
      expect(confirm.body as ErrorBody).toMatchObject({
        code: 'IMPORT_WRONG_STATE',
        params: { currentStatus: 'DISCARDED' },
        message: expect.stringContaining('DISCARDED'),
      });
    }
    expect(await hoursRows('2005-04')).toEqual(before);
    const [{ n: pending }] = await api.dataSource.query(
      'SELECT count(*)::int AS n FROM purchased_hours_pending WHERE import_id = ANY($1)',
      [[invoice.id, again.id]],
    );
    expect(pending).toBe(0);
  });

  it('undoes an import: its rows leave, the rows it replaced come back, the rollups equal a recompute, newest first', async () => {
    const first = await imported(
      'purchased-hours',
      csv(
        HOURS_HEADER,
        '2005-05;120101;LAKARE;556712-3459;7;10500;',
        '2005-05;120102;SSK_BM;Okänd Bemanning AB;4;3200;',
      ),
      'heroma',
    );
    const firstRows = await hoursRows('2005-05');
    const second = await imported(
      'purchased-hours',
      csv(HOURS_HEADER, '2005-05;130102;OVRIGA;Vårdkraft Bemanning AB;30;24000;'),
      'heroma',
    );
    expect(second).toMatchObject({ status: 'DONE', rowsWritten: 1, rowsReplaced: 2 });
    await eventually(
      'the second import to be rolled up',
      async () => (await hiredHours('2005-05')) === '30.00',
    );

    // the first cannot be undone while the second holds what replaced it
    const blocked = await as(api.app, lars).post(`/api/imports/${first.id}/undo`).expect(409);
    expect(blocked.body as ErrorBody).toMatchObject({
      code: 'IMPORT_REPLACED_LATER',
      message: expect.stringContaining(second.id),
      params: {
        source: 'heroma',
        laterImportId: second.id,
        laterFileName: second.fileName,
        laterCreatedAt: second.createdAt,
      },
    });

    const undone = (await as(api.app, lars).post(`/api/imports/${second.id}/undo`).expect(200))
      .body as ImportDto;
    expect(undone).toMatchObject({ status: 'UNDONE', undoneAt: expect.any(String) });
    expect(await hoursRows('2005-05')).toEqual(firstRows); // the same rows, ids and all
    await eventually('the rollup to follow the undo', async () => (await hiredHours('2005-05')) === '11.00');
    expect(await rollupDifferences(rollups, regionId, ['2005-05-01'])).toEqual([]);

    const twice = await as(api.app, lars).post(`/api/imports/${second.id}/undo`).expect(409);
    expect(twice.body as ErrorBody).toMatchObject({
      code: 'IMPORT_WRONG_STATE',
      params: { action: 'undo', currentStatus: 'UNDONE' },
      message: expect.stringContaining('UNDONE'),
    });
    const audit = await api.dataSource.query<{ action: string; actor_name: string }[]>(
      `SELECT action, actor_name FROM audit_events WHERE entity_type = 'import' AND entity_id = $1 ORDER BY seq`,
      [second.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['import.confirm', 'import.undo']);

    await as(api.app, lars).post(`/api/imports/${first.id}/undo`).expect(200);
    expect(await hoursRows('2005-05')).toEqual([]);
    await eventually('the month to leave the rollup', async () => (await hiredHours('2005-05')) === null);
    expect(await rollupDifferences(rollups, regionId, ['2005-05-01'])).toEqual([]);
  });

  it('gives one winner when the same import is confirmed or undone twice at once', async () => {
    const res = await upload(
      'purchased-hours',
      csv(HOURS_HEADER, '2005-06;120101;LAKARE;556712-3459;2;3000;'),
      'race',
    );
    const waiting = await importPreviewed(api.app, lars, (res.body as ImportDto).id);
    expect(waiting.status).toBe('AWAITING_CONFIRMATION');
    const confirms = await Promise.all(
      [0, 1].map(() => as(api.app, lars).post(`/api/imports/${waiting.id}/confirm`)),
    );
    expect(confirms.map((r) => r.status).sort()).toEqual([202, 409]);
    const loser = confirms.find((r) => r.status === 409)?.body as ErrorBody;
    expect(loser).toMatchObject({
      code: 'IMPORT_WRONG_STATE',
      message: expect.stringMatching(/WRITING|DONE/),
    });
    const done = await importFinished(api.app, lars, waiting.id);
    expect(done).toMatchObject({ status: 'DONE', rowsWritten: 1 });
    expect(await hoursRows('2005-06')).toHaveLength(1);

    const undos = await Promise.all([0, 1].map(() => as(api.app, lars).post(`/api/imports/${done.id}/undo`)));
    expect(undos.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await hoursRows('2005-06')).toEqual([]);
  });

  it('recognises the agreement supplier by its organisation number written with a space or hyphen', async () => {
    const done = await imported(
      'purchased-hours',
      csv(
        HOURS_HEADER,
        '2005-09;120101;LAKARE;556712 3459;1;1500;',
        '2005-09;120102;LAKARE;556712-3459;2;3000;',
        '2005-09;130102;LAKARE;5567123459;3;4500;',
      ),
      'orgnr-format',
    );
    expect(done).toMatchObject({ status: 'DONE', rowsWritten: 3 });
    const rows = await api.dataSource.query<{ supplier: string | null }[]>(
      `SELECT s.organisation_number AS supplier FROM purchased_hours p LEFT JOIN suppliers s ON s.id = p.supplier_id
        WHERE p.region_id = $1 AND p.month = '2005-09-01'`,
      [regionId],
    );
    expect(rows.map((r) => r.supplier)).toEqual(['556712-3459', '556712-3459', '556712-3459']);
    // the same key from another source, the number written with a space: possible double counting
    const other = await previewed(
      'purchased-hours',
      csv(HOURS_HEADER, '2005-09;120102;LAKARE;556712 3459;2;3000;'),
      'another-source',
    );
    expect(other.preview?.doubles).toMatchObject({ keys: 1 });
    await as(api.app, lars).post(`/api/imports/${other.id}/discard`).expect(200);
  });

  it('compares sources without regard to case and repeated spaces: HEROMA after heroma replaces', async () => {
    const first = await imported(
      'purchased-hours',
      csv(HOURS_HEADER, '2005-10;120101;LAKARE;556712-3459;4;6000;'),
      'heroma',
    );
    const second = await previewed(
      'purchased-hours',
      csv(HOURS_HEADER, '2005-10;120101;LAKARE;556712-3459;5;7500;'),
      '  HEROMA ',
    );
    expect(second).toMatchObject({ source: 'heroma' });
    expect(second.preview).toEqual({
      added: [{ month: '2005-10', rows: 1 }],
      replaced: [{ month: '2005-10', source: 'heroma', rows: 1 }],
      doubles: { keys: 0, examples: [] },
    });
    await as(api.app, lars).post(`/api/imports/${second.id}/confirm`).expect(202);
    expect(await importFinished(api.app, lars, second.id)).toMatchObject({ status: 'DONE', rowsReplaced: 1 });
    expect((await hoursRows('2005-10')).map((r) => [r.source, r.hours])).toEqual([['heroma', '5.00']]);

    const spaced = await previewed(
      'purchased-hours',
      csv(HOURS_HEADER, '2005-10;120101;LAKARE;556712-3459;5;7500;'),
      ' Heroma   Lön ',
    );
    expect(spaced.source).toBe('heroma lön');
    await as(api.app, lars).post(`/api/imports/${spaced.id}/discard`).expect(200);
    const sources = (await as(api.app, lars).get('/api/imports/sources?kind=purchased-hours').expect(200))
      .body as ImportSourceDto[];
    expect(sources.map((s) => s.source)).not.toContain('HEROMA');

    // the migration writes the sources stored before in the same form; legacy stays legacy
    await api.dataSource.query(`UPDATE imports SET source = 'Heroma  Lön' WHERE id = $1`, [first.id]);
    await api.dataSource.query(`UPDATE purchased_hours_replaced SET source = 'HEROMA' WHERE import_id = $1`, [
      first.id,
    ]);
    await api.dataSource.query(`UPDATE imports SET source = 'legacy' WHERE id = $1`, [second.id]);
    const runner = api.dataSource.createQueryRunner();
    try {
      await new ImportSourcesNormalised1763858300000().up(runner);
    } finally {
      await runner.release();
    }
    const [stored] = await api.dataSource.query<{ source: string }[]>(
      'SELECT source FROM imports WHERE id = $1',
      [first.id],
    );
    expect(stored?.source).toBe('heroma lön');
    const replaced = await api.dataSource.query<{ source: string }[]>(
      'SELECT DISTINCT source FROM purchased_hours_replaced WHERE import_id = $1',
      [first.id],
    );
    expect(replaced).toEqual([{ source: 'heroma' }]);
    const [kept] = await api.dataSource.query<{ source: string }[]>(
      'SELECT source FROM imports WHERE id = $1',
      [second.id],
    );
    expect(kept?.source).toBe('legacy');
  });

  it('names the source field when it is missing or malformed, and lets no other role or region decide', async () => {
    const file = csv(HOURS_HEADER, '2005-07;120101;LAKARE;556712-3459;2;3000;');
    for (const source of [null, '', '   ', 'x'.repeat(41), ';DROP TABLE', 'a\tb', '-heroma']) {
      const res = await upload('purchased-hours', file, source).expect(400);
      expect(res.body as ErrorBody).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: 'source' })],
      });
    }
    const waiting = await previewed('purchased-hours', file, 'Läkarjouren (faktura) 2005/07');
    expect(waiting).toMatchObject({
      status: 'AWAITING_CONFIRMATION',
      source: 'läkarjouren (faktura) 2005/07',
    });

    for (const session of [region.sessions['Eva'], region.sessions['Sofia']] as TestSession[]) {
      for (const action of ['confirm', 'discard', 'undo']) {
        await as(api.app, session).post(`/api/imports/${waiting.id}/${action}`).expect(403);
      }
      await as(api.app, session).get('/api/imports/sources').expect(403);
    }
    for (const action of ['confirm', 'discard', 'undo']) {
      await as(api.app, other).post(`/api/imports/${waiting.id}/${action}`).expect(404);
    }
    expect((await as(api.app, other).get('/api/imports/sources').expect(200)).body).not.toContainEqual(
      expect.objectContaining({ source: 'läkarjouren (faktura) 2005/07' }),
    );
    expect((await as(api.app, lars).get(`/api/imports/${waiting.id}`).expect(200)).body).toMatchObject({
      status: 'AWAITING_CONFIRMATION',
    });
    await as(api.app, lars).post(`/api/imports/${waiting.id}/discard`).expect(200);
  });

  it("keeps each region's national comparison: one region's import leaves another's view alone", async () => {
    const nationalCsv = (share: string) =>
      csv('month;region_code;hired_share_percent', `2005-08;24;${share}`, `2005-08;25;${share}`);
    expect(await imported('national-comparison', nationalCsv('3,5'), 'skr')).toMatchObject({
      status: 'DONE',
      rowsWritten: 2,
    });
    const theirs = (
      await uploadImport(api.app, other, 'national-comparison', nationalCsv('9,5'), 'n.csv', 'skr').expect(
        202,
      )
    ).body as ImportDto;
    expect(await importFinished(api.app, other, theirs.id)).toMatchObject({
      status: 'DONE',
      rowsReplaced: 0,
    });

    const view = async (session: TestSession) =>
      (
        (
          await as(api.app, session)
            .get('/api/metrics/national-comparison?from=2005-08&to=2005-08')
            .expect(200)
        ).body as NationalComparisonDto
      ).regions.map((r) => [r.code, r.points.map((p) => p.hiredSharePercent)]);
    expect(await view(lars)).toEqual([
      ['24', ['3.5']],
      ['25', ['3.5']],
    ]);
    expect(await view(other)).toEqual([
      ['24', ['9.5']],
      ['25', ['9.5']],
    ]);
  });
});
