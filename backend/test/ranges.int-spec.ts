import type {
  ErrorBody,
  ImportDto,
  MetricSeriesDto,
  OrderDto,
  PurchasedHoursPageDto,
  UnitDto,
} from '@hyrkoll/contracts';
import type { INestApplicationContext } from '@nestjs/common';
import Decimal from 'decimal.js';

import { RollupsService } from '../src/modules/rollups/rollups.service';
import { anOrder } from './support/builders';
import { importFinished, uploadImport } from './support/imports';
import { NewRegion, newRegion } from './support/new-region';
import { rollupDifferences } from './support/rollups';
import { as, TestSession } from './support/sessions';
import { startApi, startWorker, TestApp } from './support/test-app';
import { WORKFLOW_REGION } from './support/workflow-world';

const IMPORTED_MONTH = '2003-05';
const WRITTEN_MONTH = '2003-06';

/** The largest values the fact columns hold: hours numeric(12, 2), cost numeric(14, 2). */
const FACT_HOURS_MAX = '9999999999.99';
const FACT_COST_MAX = '999999999999.99';
/** Rows of one region-month and group in the sums below: more than the old rollup columns could sum. */
const ROWS = 10_001;

/**
 * Numbers stay inside their columns: every amount and count of an order is checked against a
 * stated range at the edge (the estimate refuses what the order refuses), an import cell
 * outside its range is a row error, and every sum is computed and stored in a type that cannot
 * overflow (issue 17, point 4).
 */
describe('ranges: amounts at the edge and sums that cannot overflow', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let eva: TestSession;
  let lars: TestSession;
  let sofia: TestSession;
  let norrbole: UnitDto;
  let region: NewRegion;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
    region = await newRegion(api.app, api.dataSource, WORKFLOW_REGION);
    eva = region.sessions['Eva'] as TestSession;
    lars = region.sessions['Lars'] as TestSession;
    sofia = region.sessions['Sofia'] as TestSession;
    const units = (await as(api.app, eva).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[];
    norrbole = units.find((u) => u.costCentre === '120101') as UnitDto;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  describe('an order: each amount in its range, the estimate refusing what the order refuses', () => {
    const orders = () =>
      api.dataSource
        .query<{ n: number }[]>('SELECT count(*)::int AS n FROM orders WHERE region_id = $1', [
          region.regionId,
        ])
        .then(([row]) => row?.n);

    it('refuses large but well-formed hours, rate and extras with 400 on both routes (was 500 on create)', async () => {
      const body = {
        ...anOrder(norrbole.id).build(),
        offAgreement: true,
        hours: '999999.99',
        requestedHourlyRate: '999999.99',
        extrasSek: '99999999.99',
      };
      const before = await orders();
      const estimate = await as(api.app, eva).post('/api/orders/estimate', body).expect(400);
      const created = await as(api.app, eva).post('/api/orders', body).expect(400);
      for (const res of [estimate, created]) {
        const fields = ((res.body as ErrorBody).details as { field: string }[]).map((d) => d.field);
        expect(fields).toEqual(expect.arrayContaining(['hours', 'requestedHourlyRate', 'extrasSek']));
      }
      expect(await orders()).toBe(before);
    });

    it.each([
      ['hours', '20000.01', { maxDigits: 5, min: '0.01', max: '20000.00' }],
      ['requestedHourlyRate', '20000.01', { maxDigits: 5, min: '0.01', max: '20000.00' }],
      ['extrasSek', '10000000.01', { maxDigits: 8, min: '0', max: '10000000.00' }],
    ])(
      'refuses %s = %s, one above its range, naming it and its range, on both routes',
      async (field, value, params) => {
        const body = { ...anOrder(norrbole.id).build(), [field]: value };
        for (const path of ['/api/orders/estimate', '/api/orders']) {
          const res = await as(api.app, eva).post(path, body).expect(400);
          expect((res.body as ErrorBody).details).toEqual([
            { field, code: 'decimal', params, message: expect.stringContaining(field) },
          ]);
        }
      },
    );

    it('refuses a period longer than five years, naming periodEnd, on both routes', async () => {
      const body = anOrder(norrbole.id)
        .withPeriod(10, 10 + 5 * 366 + 1)
        .build();
      for (const path of ['/api/orders/estimate', '/api/orders']) {
        const res = await as(api.app, eva).post(path, body).expect(400);
        expect((res.body as ErrorBody).details).toEqual([
          {
            field: 'periodEnd',
            code: 'periodTooLong',
            params: { max: 1827 },
            message: expect.stringContaining('periodEnd'),
          },
        ]);
      }
    });

    it('accepts every amount at the top of its range, and the estimate fits its column', async () => {
      const body = {
        ...anOrder(norrbole.id)
          .withPeriod(10, 10 + 5 * 365)
          .build(),
        offAgreement: true,
        hours: '20000.00',
        requestedHourlyRate: '20000.00',
        extrasSek: '10000000.00',
      };
      const estimate = await as(api.app, eva).post('/api/orders/estimate', body).expect(200);
      const draft = (await as(api.app, eva).post('/api/orders', body).expect(201)).body as OrderDto;
      expect(draft.estimate.total).toBe(estimate.body.estimate.total);
      expect(new Decimal(draft.estimate.total as string).lt('1e12')).toBe(true);
    });
  });

  describe('months in queries', () => {
    it.each([
      ['metrics/costs?from=0000-01&to=2024-02', 'from'],
      ['metrics/hours?from=0001-01&to=2024-02', 'from'],
      ['metrics/skr-ratio?from=0000-01&to=2024-01', 'from'],
      ['metrics/dispensation-register?from=1999-01&to=0000-01', 'to'],
      ['purchased-hours?from=0000-01', 'from'],
      ['purchased-hours?to=1899-12', 'to'],
    ])('refuses %s with 400 naming %s, a month outside 1900-01 to 9999-12', async (query, field) => {
      const session = query.startsWith('metrics') ? sofia : lars;
      const res = await as(api.app, session).get(`/api/${query}`).expect(400);
      expect((res.body as ErrorBody).details).toEqual([
        { field, code: 'month', message: expect.stringContaining('1900-01') },
      ]);
    });

    it('answers the extremes of the range', async () => {
      await as(api.app, sofia).get('/api/metrics/costs?from=1900-01&to=1900-12').expect(200);
      await as(api.app, sofia).get('/api/metrics/skr-ratio?from=9999-01&to=9999-12').expect(200);
      await as(api.app, lars).get('/api/purchased-hours?from=1900-01&to=9999-12').expect(200);
    });
  });

  describe('imports and sums', () => {
    it('refuses 10 001 rows of 999 999 999 999,99 SEK as row errors, and the region still reads (was DONE, then 500)', async () => {
      const lines = ['month;unit_code;profession_group;supplier;hours;cost_sek;order_ref'];
      for (let i = 0; i < ROWS; i++)
        lines.push(`${IMPORTED_MONTH};120101;LAKARE;Okänd Bemanning AB;1;999 999 999 999,99;`);
      const res = await uploadImport(api.app, lars, 'purchased-hours', lines.join('\n')).expect(202);
      const imp = await importFinished(api.app, lars, (res.body as ImportDto).id);
      expect(imp.status).toBe('REFUSED');
      expect(imp.errors[0]).toMatchObject({ line: 2, column: 'cost_sek', value: '999 999 999 999,99' });
      expect(imp.errors[0]?.reason.sv).toContain('999 999 999,99');
      expect(imp.errors[0]?.reason.en).toContain('999 999 999.99');
      const page = (
        await as(api.app, lars)
          .get(`/api/purchased-hours?from=${IMPORTED_MONTH}&to=${IMPORTED_MONTH}`)
          .expect(200)
      ).body as PurchasedHoursPageDto;
      expect(page.total).toBe(0);
      await as(api.app, lars).get('/api/purchased-hours').expect(200);
    });

    it('sums 10 001 fact rows at their columns’ maximum in one group exactly: rollups, list and metrics', async () => {
      const [{ id: importId }] = await api.dataSource.query(
        `INSERT INTO imports (region_id, kind, status, file_name, created_by, finished_at)
         VALUES ($1, 'purchased-hours', 'DONE', 'ranges.csv', $2, now())
         RETURNING id`,
        [region.regionId, lars.me.id],
      );
      await api.dataSource.query(
        `INSERT INTO purchased_hours (region_id, month, unit_id, area_id, care_setting, profession_group,
                                      supplier_text, hours, cost_sek, import_id)
         SELECT u.region_id, $2::date, u.id, u.area_id, u.care_setting, 'LAKARE', 'Okänd Bemanning AB', $3, $4, $5
           FROM units u CROSS JOIN generate_series(1, $6) WHERE u.id = $1`,
        [norrbole.id, `${WRITTEN_MONTH}-01`, FACT_HOURS_MAX, FACT_COST_MAX, importId, ROWS],
      );
      await api.dataSource.query(
        `INSERT INTO own_staff_costs (region_id, month, area_id, care_setting, profession_group, cost_sek, budget_sek, import_id)
         SELECT u.region_id, $2::date, u.area_id, 'PRIMARVARD', 'LAKARE', $3, $3, $4
           FROM units u CROSS JOIN generate_series(1, $5) WHERE u.id = $1`,
        [norrbole.id, `${WRITTEN_MONTH}-01`, FACT_COST_MAX, importId, ROWS],
      );
      const rollups = worker.get(RollupsService);
      await rollups.recompute(region.regionId, `${WRITTEN_MONTH}-01`);
      expect(await rollupDifferences(rollups, region.regionId, [`${WRITTEN_MONTH}-01`])).toEqual([]);

      const cost = new Decimal(FACT_COST_MAX).times(ROWS).toFixed(2);
      const hours = new Decimal(FACT_HOURS_MAX).times(ROWS).toFixed(2);
      const [own] = await api.dataSource.query(
        `SELECT sum(cost_sek)::text AS cost, sum(budget_sek)::text AS budget FROM own_monthly
          WHERE region_id = $1 AND month = $2`,
        [region.regionId, `${WRITTEN_MONTH}-01`],
      );
      expect(own).toEqual({ cost, budget: cost });

      const page = (
        await as(api.app, lars)
          .get(`/api/purchased-hours?from=${WRITTEN_MONTH}&to=${WRITTEN_MONTH}&pageSize=1`)
          .expect(200)
      ).body as PurchasedHoursPageDto;
      expect(page).toMatchObject({ total: ROWS, totalHours: hours, totalCostSek: cost });

      for (const measure of ['costs', 'hours'] as const) {
        const series = (
          await as(api.app, sofia)
            .get(`/api/metrics/${measure}?from=${WRITTEN_MONTH}&to=${WRITTEN_MONTH}&groupBy=supplier`)
            .expect(200)
        ).body as MetricSeriesDto;
        expect(series.total.totals.month.current).toBe(measure === 'costs' ? cost : hours);
      }
      await as(api.app, sofia)
        .get(`/api/metrics/skr-ratio?from=${WRITTEN_MONTH}&to=${WRITTEN_MONTH}`)
        .expect(200);
    });
  });
});
