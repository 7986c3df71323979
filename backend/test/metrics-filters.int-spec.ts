import type {
  BoardCommentDto,
  DispensationRegisterDto,
  ImportDto,
  MetricSeriesDto,
  RatioSeriesDto,
  RegionRatioDto,
} from '@hyrkoll/contracts';
import type { INestApplicationContext } from '@nestjs/common';

import { eventuallyValue } from './support/eventually';
import { importFinished, uploadImport } from './support/imports';
import { NewRegion, newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import { startApi, startWorker, TestApp } from './support/test-app';

/**
 * Hand-computed data of one month (2024-03) and its R12 (2023-04 to 2024-03); every other month
 * of the year has the same rows, so R12 = 12 × the month.
 *
 * Hired (purchased hours), per month:
 *   A-PV (area A, primary care)   LAKARE  supplier 556712-3459  10 h   15 000
 *   A-PV                          SSK_BM  supplier 556198-2348  20 h   14 000
 *   A-SJ (area A, hospital care)  LAKARE  supplier 556712-3459  30 h   45 000
 *   B-PV (area B, primary care)   LAKARE  supplier 556198-2348  40 h   52 000
 * Own-staff cost, per month:
 *   A PRIMARVARD  LAKARE 500 000;  A SJUKHUSVARD LAKARE 1 000 000;  B PRIMARVARD LAKARE 2 000 000
 */
const MONTHS = [
  ...['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2023-${m}`),
  '2024-01',
  '2024-02',
  '2024-03',
];

describe('metrics with combined filters, and what each scope may see', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let region: NewRegion;
  const session = (name: string) => region.sessions[name] as TestSession;
  const get = async <T>(who: string, path: string, status = 200): Promise<T> =>
    (await as(api.app, session(who)).get(path).expect(status)).body as T;

  async function importFile(kind: string, lines: string[]): Promise<void> {
    const res = await uploadImport(api.app, session('Buyer'), kind, lines.join('\n'), `${kind}.csv`).expect(
      202,
    );
    const imp = await importFinished(api.app, session('Buyer'), (res.body as ImportDto).id);
    if (imp.status !== 'DONE') throw new Error(JSON.stringify(imp.errors.slice(0, 3)));
  }

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
    region = await newRegion(api.app, api.dataSource, {
      areas: ['AREA-A', 'AREA-B'],
      units: [
        { costCentre: '710101', area: 'AREA-A', name: 'A-PV', careSetting: 'PRIMARVARD' },
        { costCentre: '710201', area: 'AREA-A', name: 'A-SJ', careSetting: 'SJUKHUSVARD' },
        { costCentre: '720101', area: 'AREA-B', name: 'B-PV', careSetting: 'PRIMARVARD' },
      ],
      users: {
        Board: [{ role: 'STEERING_GROUP' }],
        Buyer: [{ role: 'PURCHASER' }],
        ChiefA: [{ role: 'AREA_CHIEF', area: 'AREA-A' }],
        ManagerApv: [{ role: 'UNIT_MANAGER', unit: '710101' }],
      },
      agreement: true,
    });
    const hired = ['month;unit_code;profession_group;supplier;hours;cost_sek;order_ref'];
    const own = ['month;area_code;care_setting;profession_group;cost_sek;budget_sek'];
    for (const m of MONTHS) {
      hired.push(
        `${m};710101;LAKARE;556712-3459;10;15000;`,
        `${m};710101;SSK_BM;556198-2348;20;14000;`,
        `${m};710201;LAKARE;556712-3459;30;45000;`,
        `${m};720101;LAKARE;556198-2348;40;52000;`,
      );
      own.push(
        `${m};AREA-A;PRIMARVARD;LAKARE;500000;`,
        `${m};AREA-A;SJUKHUSVARD;LAKARE;1000000;`,
        `${m};AREA-B;PRIMARVARD;LAKARE;2000000;`,
      );
    }
    await importFile('purchased-hours', hired);
    await importFile('own-staff-cost', own);
    await eventuallyValue(
      'the rollups to arrive',
      async () =>
        (
          await api.dataSource.query<{ own: string | null; hired: string | null }[]>(
            `SELECT (SELECT sum(cost_sek)::text FROM own_monthly WHERE region_id = $1) AS own,
                    (SELECT sum(cost_sek)::text FROM hired_monthly WHERE region_id = $1) AS hired`,
            [region.regionId],
          )
        )[0],
      // 12 × 3 500 000 own; 12 × 126 000 hired
      (t) => t?.own === '42000000.00' && t.hired === '1512000.00',
    );
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const areaA = () => region.areaIds['AREA-A'] as string;
  const areaB = () => region.areaIds['AREA-B'] as string;
  const unitApv = () => region.unitIds['710101'] as string;

  it('combines area, care setting, profession group, unit and supplier, exact to the krona', async () => {
    const costs = (query: string) =>
      get<MetricSeriesDto>('Board', `/api/metrics/costs?from=2024-03&to=2024-03${query}`);
    // doctors in primary care in area A: only A-PV's LAKARE row
    const doctorsPvA = await costs(`&area=${areaA()}&careSetting=PRIMARVARD&professionGroup=LAKARE`);
    expect(doctorsPvA.total.totals.month.current).toBe('15000.00');
    expect(doctorsPvA.total.totals.r12.current).toBe('180000.00');
    // doctors in primary care, all areas: A-PV 15 000 + B-PV 52 000
    expect((await costs('&careSetting=PRIMARVARD&professionGroup=LAKARE')).total.totals.month.current).toBe(
      '67000.00',
    );
    // area A's doctors by supplier 556712-3459: 15 000 + 45 000; grouped by unit
    const suppliers = await costs(`&groupBy=supplier`);
    const vardkraft = suppliers.groups.find((g) => g.totals.month.current === '60000.00');
    expect(vardkraft).toBeDefined();
    const bySupplierInA = await costs(
      `&area=${areaA()}&professionGroup=LAKARE&supplier=${encodeURIComponent(vardkraft?.key ?? '')}&groupBy=unit`,
    );
    expect(bySupplierInA.groups.map((g) => [g.label, g.totals.month.current])).toEqual([
      ['A-SJ', '45000.00'],
      ['A-PV', '15000.00'],
    ]);
    // one unit and one profession group; hours too
    const hours = await get<MetricSeriesDto>(
      'Board',
      `/api/metrics/hours?from=2024-03&to=2024-03&unit=${unitApv()}&professionGroup=SSK_BM`,
    );
    expect(hours.total.totals.month.current).toBe('20.00');
    expect(hours.total.totals.ytd.current).toBe('60.00');
  });

  it('gives the SKR measure of a combination: doctors in area A’s primary care 3 %', async () => {
    const ratio = await get<RatioSeriesDto>(
      'Board',
      `/api/metrics/skr-ratio?from=2024-03&to=2024-03&area=${areaA()}&careSetting=PRIMARVARD&professionGroup=LAKARE`,
    );
    // 180 000 / 6 000 000
    expect(ratio.series[0]?.points).toEqual([
      { month: '2024-03', hiredR12: '180000.00', ownR12: '6000000.00', ratioPercent: '3.00' },
    ]);
    // the SKR measure has no unit or supplier: refused naming the field
    const refused = await as(api.app, session('Board'))
      .get(`/api/metrics/skr-ratio?from=2024-03&to=2024-03&unit=${unitApv()}`)
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('unit');
  });

  it('keeps an area chief to the area, except for the region’s single comparison figure', async () => {
    // the whole region: 1 512 000 / 42 000 000 = 3.60 %; area A: 888 000 / 18 000 000 = 4.93 %
    const chiefsRatio = await get<RatioSeriesDto>('ChiefA', '/api/metrics/skr-ratio?from=2024-03&to=2024-03');
    // the answer says what it measures: the chief's area, named, not the region
    expect(chiefsRatio.level).toBe('area');
    expect(chiefsRatio.series.map((s) => s.key)).toEqual([areaA()]);
    const asRegion = await as(api.app, session('ChiefA'))
      .get('/api/metrics/skr-ratio?from=2024-03&to=2024-03&level=region')
      .expect(403);
    expect(asRegion.body).toMatchObject({
      code: 'FILTER_OUTSIDE_SCOPE',
      params: { filter: 'level' },
      details: [{ field: 'level', code: 'outsideScope' }],
    });
    expect(chiefsRatio.series[0]?.points[0]).toEqual({
      month: '2024-03',
      hiredR12: '888000.00',
      ownR12: '18000000.00',
      ratioPercent: '4.93',
    });
    const comparison = await get<RegionRatioDto>('ChiefA', '/api/metrics/region-ratio?month=2024-03');
    expect(comparison).toEqual({ month: '2024-03', targetPercent: '2.00', ratioPercent: '3.60' });
    // without a filter the costs are the area's; another area's filter is refused, not widened
    const costs = await get<MetricSeriesDto>(
      'ChiefA',
      '/api/metrics/costs?from=2024-03&to=2024-03&groupBy=area',
    );
    expect(costs.groups.map((g) => g.key)).toEqual([areaA()]);
    expect(costs.total.totals.month.current).toBe('74000.00');
    for (const path of [
      `/api/metrics/costs?from=2024-03&to=2024-03&area=${areaB()}`,
      `/api/metrics/hours?from=2024-03&to=2024-03&unit=${region.unitIds['720101']}`,
      `/api/metrics/skr-ratio?from=2024-03&to=2024-03&area=${areaB()}`,
      `/api/metrics/dispensation-register?from=2024-03&to=2024-03&area=${areaB()}`,
    ]) {
      const res = await as(api.app, session('ChiefA')).get(path).expect(403);
      expect(res.body.message).toMatch(/outside your scope/);
      const filter = path.includes('unit=') ? 'unit' : 'area';
      expect(res.body).toMatchObject({
        code: 'FILTER_OUTSIDE_SCOPE',
        params: { filter },
        details: [{ field: filter, code: 'outsideScope' }],
      });
    }
    // a filter within the area narrows: primary care of area A only
    expect(
      (
        await get<MetricSeriesDto>(
          'ChiefA',
          '/api/metrics/costs?from=2024-03&to=2024-03&careSetting=PRIMARVARD',
        )
      ).total.totals.month.current,
    ).toBe('29000.00');
    const register = await get<DispensationRegisterDto>(
      'ChiefA',
      `/api/metrics/dispensation-register?from=2024-03&to=2024-03&area=${areaA()}&professionGroup=LAKARE`,
    );
    expect(register.rows).toEqual([]);
  });

  it('gives a unit manager the own unit against last year, and no SKR measure', async () => {
    const costs = await get<MetricSeriesDto>('ManagerApv', '/api/metrics/costs?from=2024-03&to=2024-03');
    // A-PV: 29 000 a month; 2023-03 has no data, so there is no previous (never a 0)
    expect(costs.total.totals.month).toEqual({
      current: '29000.00',
      previous: null,
      difference: null,
      percent: null,
      incomplete: 'previous',
    });
    expect(costs.total.totals.ytd.current).toBe('87000.00');
    expect(costs.total.totals.r12.current).toBe('348000.00');
    await as(api.app, session('ManagerApv'))
      .get('/api/metrics/skr-ratio?from=2024-03&to=2024-03')
      .expect(403);
    await as(api.app, session('ManagerApv'))
      .get(`/api/metrics/costs?from=2024-03&to=2024-03&unit=${region.unitIds['710201']}`)
      .expect(403);
    expect(
      await get<unknown[]>('ManagerApv', '/api/metrics/dispensations-in-use?from=2024-01&to=2024-03'),
    ).toEqual([]);
  });

  it('stores the steering group’s commentary of a month, audited, versioned and validated', async () => {
    const path = '/api/board-comments/2024-03';
    expect(await get<{ comment: null }>('ChiefA', path)).toEqual({ comment: null });
    await as(api.app, session('ChiefA')).put(path, { text: 'Inte min sak' }).expect(403);
    const tooLong = await as(api.app, session('Board'))
      .put(path, { text: 'x'.repeat(4001) })
      .expect(400);
    expect(tooLong.body.details).toEqual([
      {
        field: 'text',
        code: 'maxLength',
        params: { max: 4000 },
        message: 'text must be at most 4000 characters',
      },
    ]);
    const blank = await as(api.app, session('Board')).put(path, { text: '   ' }).expect(400);
    expect(blank.body.details).toEqual([
      { field: 'text', code: 'required', message: 'text must not be empty' },
    ]);
    const first = (
      await as(api.app, session('Board')).put(path, { text: ' Kostnaden sjunker. ' }).expect(200)
    ).body as BoardCommentDto;
    expect(first).toMatchObject({ month: '2024-03', text: 'Kostnaden sjunker.', version: 1 });
    const stale = await as(api.app, session('Board')).put(path, { text: 'Utan version' }).expect(409);
    expect(stale.body.message).toMatch(/version is now 1/);
    expect(stale.body).toMatchObject({
      code: 'STALE_VERSION',
      params: { entity: 'boardComment', currentVersion: 1 },
    });
    const second = (
      await as(api.app, session('Board')).put(path, { text: 'Reviderad', version: 1 }).expect(200)
    ).body as BoardCommentDto;
    expect(second.version).toBe(2);
    expect(await get<{ comment: BoardCommentDto }>('ChiefA', path)).toMatchObject({
      comment: { text: 'Reviderad', version: 2 },
    });
    const audit = await api.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE region_id = $1 AND entity_type = 'board-comment' ORDER BY seq`,
      [region.regionId],
    );
    expect(audit.map((a) => a.action)).toEqual(['board-comment.create', 'board-comment.update']);
  });
});
