// Tests the demo seed itself (seed:demo), in a throwaway database of its own: it keeps the demo.
import type { MetricSeriesDto, NationalComparisonDto, RatioSeriesDto } from '@hyrkoll/contracts';
import Decimal from 'decimal.js';

import { cli } from './support/cli';
import { createThrowawayDatabase, databaseEnv, dropDatabase } from './support/databases';
import { as, DEMO, loginAs, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';
import { testEnv } from './support/test-env';

const MSEK = 1_000_000;

/** Within `tolerance` of `expected`: for MSEK (0.1) and percentage points (0.1). */
function near(actual: string | null | undefined, expected: number, tolerance: number, scale = 1): boolean {
  return (
    actual !== null &&
    actual !== undefined &&
    new Decimal(actual).dividedBy(scale).minus(expected).abs().lessThanOrEqualTo(tolerance)
  );
}

/**
 * The demo history as `npm start` loads it (the CLI's seed:demo), read through the metrics API
 * by the steering group: the headline figures of the region's 2024 board reports.
 */
describe("the demo history reproduces the board report's figures", () => {
  let url: string;
  let api: TestApp;
  let sofia: TestSession;
  const get = <T>(path: string) =>
    as(api.app, sofia)
      .get(path)
      .expect(200)
      .then((r) => r.body as T);

  beforeAll(async () => {
    url = await createThrowawayDatabase('hyrkoll_it_history');
    const env = { ...testEnv(), ...databaseEnv(url) };
    await cli('migrate', env);
    await cli('seed:demo', env);
    api = await startApi(databaseEnv(url));
    sofia = await loginAs(api.app, DEMO.steeringGroup);
  }, 60_000);

  afterAll(async () => {
    await api.close();
    await dropDatabase(url);
  });

  it('has about 300 MSEK hired cost a year (2023: 300 MSEK)', async () => {
    const body = await get<MetricSeriesDto>('/api/metrics/costs?from=2023-12&to=2023-12');
    expect(near(body.total.totals.r12.current, 300, 0.1, MSEK)).toBe(true);
    expect(near(body.total.totals.ytd.current, 300, 0.1, MSEK)).toBe(true);
  });

  it('compares Jan–Oct 2024 with 2023: nurses and midwives −5.9 MSEK (−10.9 %), doctors −1.3 MSEK (−0.7 %)', async () => {
    const body = await get<MetricSeriesDto>(
      '/api/metrics/costs?from=2024-01&to=2024-10&groupBy=profession-group',
    );
    const ytd = Object.fromEntries(body.groups.map((g) => [g.key, g.totals.ytd]));
    expect({
      diff: near(ytd['SSK_BM']?.difference, -5.9, 0.1, MSEK),
      pct: near(ytd['SSK_BM']?.percent, -10.9, 0.1),
    }).toEqual({ diff: true, pct: true });
    expect({
      diff: near(ytd['LAKARE']?.difference, -1.3, 0.1, MSEK),
      pct: near(ytd['LAKARE']?.percent, -0.7, 0.1),
    }).toEqual({ diff: true, pct: true });
  });

  it('compares Jan–Feb 2024 with 2023: doctors +10 MSEK (+32 %), nurses and midwives +0.6 MSEK (+5 %)', async () => {
    const body = await get<MetricSeriesDto>(
      '/api/metrics/costs?from=2024-01&to=2024-02&groupBy=profession-group',
    );
    const ytd = Object.fromEntries(body.groups.map((g) => [g.key, g.totals.ytd]));
    expect({
      diff: near(ytd['LAKARE']?.difference, 10, 0.1, MSEK),
      pct: near(ytd['LAKARE']?.percent, 32, 0.1),
    }).toEqual({ diff: true, pct: true });
    expect({
      diff: near(ytd['SSK_BM']?.difference, 0.6, 0.1, MSEK),
      pct: near(ytd['SSK_BM']?.percent, 5, 0.1),
    }).toEqual({ diff: true, pct: true });
  });

  it('has an R12 ratio of about 4 % in autumn 2024, against the 2 % target', async () => {
    const body = await get<RatioSeriesDto>('/api/metrics/skr-ratio?from=2024-09&to=2024-10');
    expect(body.targetPercent).toBe('2.00');
    for (const point of body.series[0]?.points ?? [])
      expect({ month: point.month, near4: near(point.ratioPercent, 4, 0.1) }).toEqual({
        month: point.month,
        near4: true,
      });
  });

  it('shows most dependence in primary care in Skellefteå and Södra Lappland', async () => {
    const byArea = await get<RatioSeriesDto>('/api/metrics/skr-ratio?from=2024-10&to=2024-10&level=area');
    const ranked = [...byArea.series]
      .sort((a, b) => Number(b.points[0]?.ratioPercent) - Number(a.points[0]?.ratioPercent))
      .map((s) => s.label);
    expect(ranked.slice(0, 2).sort()).toEqual(['NSO Skellefteå', 'NSO Södra Lappland']);
    const bySetting = await get<MetricSeriesDto>(
      '/api/metrics/costs?from=2024-10&to=2024-10&groupBy=care-setting',
    );
    expect(bySetting.groups[0]?.key).toBe('PRIMARVARD');
    const byArea2 = await get<MetricSeriesDto>('/api/metrics/costs?from=2024-10&to=2024-10&groupBy=unit');
    expect(byArea2.groups.slice(0, 3).map((g) => g.label)).toContain('Hälsocentral Norrböle');
  });

  it('has purchased hours falling in the second half of 2024', async () => {
    const body = await get<MetricSeriesDto>('/api/metrics/hours?from=2024-06&to=2024-10');
    const hours = body.total.months.map((m) => Number(m.current));
    for (let i = 1; i < hours.length; i++) expect(hours[i]).toBeLessThan(hours[i - 1] as number);
  });

  it('has a national comparison of all 21 regions with the three northern neighbours above 10 %', async () => {
    const body = await get<NationalComparisonDto>('/api/metrics/national-comparison?from=2024-10&to=2024-10');
    expect(body.regions).toHaveLength(21);
    const share = Object.fromEntries(
      body.regions.map((r) => [r.code, Number(r.points[0]?.hiredSharePercent)]),
    );
    expect([share['22'], share['23'], share['25']].every((s) => (s as number) > 10)).toBe(true);
    expect(
      Object.entries(share)
        .filter(([, s]) => (s as number) > 10)
        .map(([code]) => code)
        .sort(),
    ).toEqual(['22', '23', '25']);
  });
});
