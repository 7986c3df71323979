import type { ImportDto, MetricSeriesDto, RatioSeriesDto } from '@hyrkoll/contracts';
import type { INestApplicationContext } from '@nestjs/common';

import { RollupsService } from '../src/modules/rollups/rollups.service';
import { eventuallyValue } from './support/eventually';
import { importFinished, uploadImport } from './support/imports';
import { NewRegion, newRegion } from './support/new-region';
import { rollupDifferences } from './support/rollups';
import { as, TestSession } from './support/sessions';
import { startApi, startWorker, TestApp } from './support/test-app';
import { WORKFLOW_REGION } from './support/workflow-world';

const MONTHS_2023 = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);

describe('metrics from the rollups (import → rollup → metrics, hand-computed figures)', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let region: NewRegion;
  let lars: TestSession;
  const session = (name: string) => region.sessions[name] as TestSession;

  async function importFile(kind: string, lines: string[]): Promise<void> {
    const res = await uploadImport(api.app, lars, kind, lines.join('\n'), `${kind}.csv`).expect(202);
    const imp = await importFinished(api.app, lars, (res.body as ImportDto).id);
    if (imp.status !== 'DONE') throw new Error(JSON.stringify(imp.errors.slice(0, 3)));
  }

  /** Waits until the rollups of the region hold exactly what this suite imported. */
  async function rollupsSettled(): Promise<void> {
    const totals = async () =>
      (
        await api.dataSource.query<{ own: string | null; hired: string | null }[]>(
          `SELECT (SELECT sum(o.cost_sek)::text FROM own_monthly o
                    WHERE o.region_id = $1 AND o.month BETWEEN '2023-01-01' AND '2024-02-01') AS own,
                  (SELECT sum(h.cost_sek)::text FROM hired_monthly h
                    WHERE h.region_id = $1 AND h.month BETWEEN '2023-01-01' AND '2024-02-01') AS hired`,
          [region.regionId],
        )
      )[0];
    await eventuallyValue(
      'the rollups to arrive',
      totals,
      // 14 months of 2 000 000 own cost; 12 × 150 000 and 2 × 184 500 hired
      (t) => t?.own === '28000000.00' && t.hired === '2169000.00',
    );
  }

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
    region = await newRegion(api.app, api.dataSource, WORKFLOW_REGION);
    lars = session('Lars');
    const hired = ['month;unit_code;profession_group;supplier;hours;cost_sek;order_ref'];
    for (const m of MONTHS_2023)
      hired.push(`${m};120101;LAKARE;556712-3459;80;100000;`, `${m};120101;SSK_BM;556198-2348;100;50000;`);
    for (const m of ['2024-01', '2024-02'])
      hired.push(`${m};120101;LAKARE;556712-3459;100;132000;`, `${m};120101;SSK_BM;556198-2348;100;52500;`);
    await importFile('purchased-hours', hired);
    const own = ['month;area_code;care_setting;profession_group;cost_sek;budget_sek'];
    for (const m of [...MONTHS_2023, '2024-01', '2024-02'])
      own.push(`${m};NSO-SKE;PRIMARVARD;LAKARE;2000000;2100000`);
    await importFile('own-staff-cost', own);
    await rollupsSettled();
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('compares Jan–Feb 2024 with Jan–Feb 2023 per profession group: doctors +32 %, nurses +5 %', async () => {
    const res = await as(api.app, lars)
      .get('/api/metrics/costs?from=2024-01&to=2024-02&groupBy=profession-group')
      .expect(200);
    const body = res.body as MetricSeriesDto;
    const ytd = Object.fromEntries(body.groups.map((g) => [g.key, g.totals.ytd]));
    expect(ytd['LAKARE']).toEqual({
      current: '264000.00',
      previous: '200000.00',
      difference: '64000.00',
      percent: '32.0',
    });
    expect(ytd['SSK_BM']).toEqual({
      current: '105000.00',
      previous: '100000.00',
      difference: '5000.00',
      percent: '5.0',
    });
    expect(body.total.totals.ytd).toEqual({
      current: '369000.00',
      previous: '300000.00',
      difference: '69000.00',
      percent: '23.0',
    });
    expect(body.total.months.map((m) => [m.month, m.current, m.previous])).toEqual([
      ['2024-01', '184500.00', '150000.00'],
      ['2024-02', '184500.00', '150000.00'],
    ]);
  });

  it('gives the R12 SKR ratio with the 2 % target, exact to the rounding edge', async () => {
    const res = await as(api.app, lars).get('/api/metrics/skr-ratio?from=2023-12&to=2024-02').expect(200);
    const body = res.body as RatioSeriesDto;
    expect(body.targetPercent).toBe('2.00');
    expect(body.series[0]?.points).toEqual([
      { month: '2023-12', hiredR12: '1800000.00', ownR12: '24000000.00', ratioPercent: '7.50' },
      { month: '2024-01', hiredR12: '1834500.00', ownR12: '24000000.00', ratioPercent: '7.64' },
      { month: '2024-02', hiredR12: '1869000.00', ownR12: '24000000.00', ratioPercent: '7.79' },
    ]);
  });

  it('gives no R12 or comparison over months without data, and never a month without data as 0', async () => {
    // data: 2023-01 to 2024-02, hired and own-staff cost alike
    const ratio = (await as(api.app, lars).get('/api/metrics/skr-ratio?from=2023-11&to=2024-04').expect(200))
      .body as RatioSeriesDto;
    const incomplete = { hiredR12: null, ownR12: null, ratioPercent: null, incomplete: true };
    expect(ratio.series[0]?.points).toEqual([
      // the twelve months to 2023-11 begin with 2022-12, which has no data
      { month: '2023-11', ...incomplete },
      { month: '2023-12', hiredR12: '1800000.00', ownR12: '24000000.00', ratioPercent: '7.50' },
      { month: '2024-01', hiredR12: '1834500.00', ownR12: '24000000.00', ratioPercent: '7.64' },
      { month: '2024-02', hiredR12: '1869000.00', ownR12: '24000000.00', ratioPercent: '7.79' },
      // after the last month with data: not an R12 of 11 or 10 months
      { month: '2024-03', ...incomplete },
      { month: '2024-04', ...incomplete },
    ]);
    const region = (await as(api.app, lars).get('/api/metrics/region-ratio?month=2024-03').expect(200)).body;
    expect(region).toEqual({ month: '2024-03', targetPercent: '2.00', ratioPercent: null });

    const after = (await as(api.app, lars).get('/api/metrics/costs?from=2024-02&to=2024-03').expect(200))
      .body as MetricSeriesDto;
    const missing = { current: null, previous: '150000.00', difference: null, percent: null };
    expect(after.total.months[1]).toEqual({ month: '2024-03', ...missing, incomplete: 'current' });
    expect(after.total.totals).toEqual({
      month: { ...missing, incomplete: 'current' },
      ytd: { current: null, previous: '450000.00', difference: null, percent: null, incomplete: 'current' },
      r12: { current: null, previous: null, difference: null, percent: null, incomplete: 'both' },
    });

    // the first year: its own figures, but nothing a year earlier to compare with
    const first = (await as(api.app, lars).get('/api/metrics/costs?from=2023-02&to=2023-02').expect(200))
      .body as MetricSeriesDto;
    expect(first.total.totals.ytd).toEqual({
      current: '300000.00',
      previous: null,
      difference: null,
      percent: null,
      incomplete: 'previous',
    });
    expect(first.total.totals.r12).toMatchObject({ current: null, previous: null, incomplete: 'both' });
  });

  it('groups hours by supplier and keeps each user to their scope', async () => {
    const hours = (
      await as(api.app, lars).get('/api/metrics/hours?from=2024-02&to=2024-02&groupBy=supplier').expect(200)
    ).body as MetricSeriesDto;
    expect(hours.groups.map((g) => [g.label, g.totals.month.current]).sort()).toEqual([
      ['Norrlandsbemanning AB', '100.00'],
      ['Vårdkraft Bemanning AB', '100.00'],
    ]);
    const his = (
      await as(api.app, session('Johan')).get('/api/metrics/costs?from=2024-02&to=2024-02').expect(200)
    ).body as MetricSeriesDto;
    expect(his.total.totals.r12.current).toBe('0.00');
    await as(api.app, session('Johan')).get('/api/metrics/skr-ratio?from=2024-02&to=2024-02').expect(403);
    const hers = (
      await as(api.app, session('Eva')).get('/api/metrics/costs?from=2024-02&to=2024-02').expect(200)
    ).body as MetricSeriesDto;
    expect(hers.total.totals.month.current).toBe('184500.00');
  });

  it('shows a supplier outside the agreement by its name as imported, however it is spelt', async () => {
    await importFile('purchased-hours', [
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref',
      '2016-06;120101;LAKARE;Fjällvård Bemanning AB;7;9100;',
      '2016-06;120102;LAKARE; FJÄLLVÅRD BEMANNING AB;3;3900;',
      '2016-06;120102;SSK_BM;Fjällvård Bemanning AB;2;1400;',
    ]);
    const bySupplier = async () =>
      (await as(api.app, lars).get('/api/metrics/hours?from=2016-06&to=2016-06&groupBy=supplier').expect(200))
        .body as MetricSeriesDto;
    const groups = await eventuallyValue(
      'the suppliers of June 2016',
      async () => (await bySupplier()).groups,
      (found) => found.length > 0,
      10_000,
    );
    expect(groups.map((g) => [g.key, g.totals.month.current])).toEqual([
      ['unknown:fjällvård bemanning ab', '12.00'],
    ]);
    expect(['Fjällvård Bemanning AB', 'FJÄLLVÅRD BEMANNING AB']).toContain(groups[0]?.label);
    expect(await rollupDifferences(worker.get(RollupsService), region.regionId, ['2016-06-01'])).toEqual([]);
  });

  it('never answers from an outdated cache: a month imported again and a renamed area show at once', async () => {
    const costsByArea = async () =>
      (await as(api.app, lars).get('/api/metrics/costs?from=2024-02&to=2024-02&groupBy=area').expect(200))
        .body as MetricSeriesDto;
    const hiredFeb = async () =>
      (
        await api.dataSource.query<{ cost: string }[]>(
          `SELECT sum(cost_sek)::text AS cost FROM hired_monthly WHERE region_id = $1 AND month = '2024-02-01'`,
          [region.regionId],
        )
      )[0]?.cost;
    const importFeb = async (doctorsCost: string) => {
      await importFile('purchased-hours', [
        'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref',
        `2024-02;120101;LAKARE;556712-3459;100;${doctorsCost};`,
        '2024-02;120101;SSK_BM;556198-2348;100;52500;',
      ]);
      const expected = (Number(doctorsCost) + 52500).toFixed(2);
      await eventuallyValue('the February rollup', hiredFeb, (cost) => cost === expected, 10_000, 50);
      expect(await hiredFeb()).toBe(expected);
    };
    // asked twice, so that the answer is in the cache
    await costsByArea();
    const before = await costsByArea();
    const area = before.groups.find((g) => g.label === 'Område NSO-SKE');
    expect(area?.totals.month.current).toBe('184500.00');

    await importFeb('140000');
    expect((await costsByArea()).total.totals.month.current).toBe('192500.00');

    const admin = session('Anders');
    await as(api.app, admin).patch(`/api/org/areas/${area?.key}`, { name: 'Omdöpt område' }).expect(200);
    expect((await costsByArea()).groups.map((g) => g.label)).toContain('Omdöpt område');

    // and back again, with the earlier February
    await as(api.app, admin).patch(`/api/org/areas/${area?.key}`, { name: area?.label }).expect(200);
    await importFeb('132000');
    expect((await costsByArea()).groups.find((g) => g.key === area?.key)).toMatchObject({
      label: area?.label,
      totals: { month: { current: '184500.00' } },
    });
  });

  it('refuses a malformed or too long range with 400 naming the field', async () => {
    const res = await as(api.app, lars).get('/api/metrics/costs?from=2024-13&to=2024-01').expect(400);
    expect(res.body.details).toEqual([
      {
        field: 'from',
        code: 'month',
        message: 'from must be a month of the form YYYY-MM, from 1900-01 to 9999-12',
      },
    ]);
    await as(api.app, lars).get('/api/metrics/costs?from=2024-05&to=2024-01').expect(400);
    await as(api.app, lars).get('/api/metrics/costs?from=2000-01&to=2024-01').expect(400);
  });
});
