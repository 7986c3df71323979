import type {
  DispensationInUseDto,
  DispensationRegisterDto,
  ImportDto,
  MetricSeriesDto,
} from '@hyrkoll/contracts';
import type { INestApplicationContext } from '@nestjs/common';

import { eventuallyValue } from './support/eventually';
import { importFinished, uploadImport } from './support/imports';
import { as, TestSession } from './support/sessions';
import { startWorker, TestApp } from './support/test-app';
import { startWorkflowWorld, WorkflowWorld } from './support/workflow-world';

/** `YYYY-MM` of today plus `days`. */
const monthIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 7);

describe('the metrics of dispensations follow every filter, and every route validates them alike', () => {
  let world: WorkflowWorld;
  let api: TestApp;
  let worker: INestApplicationContext;
  let sofia: TestSession;
  let kage: string;
  let supplierKey: string;
  const thisMonth = monthIn(0);

  const get = async <T>(who: TestSession, path: string, status = 200): Promise<T> =>
    (await as(api.app, who).get(path).expect(status)).body as T;
  const register = (query: string) =>
    get<DispensationRegisterDto>(sofia, `/api/metrics/dispensation-register?${query}`).then((r) =>
      r.rows.map((row) => [row.month, row.rule, row.granted, row.hours, row.costSek]),
    );

  beforeAll(async () => {
    world = await startWorkflowWorld();
    ({ api, sofia } = world);
    worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
    // Norrböle's order, granted by Maria; 40 h booked under it in 2024-09, 10 h at Kåge without an order
    const { order, dispensation } = await world.submittedOrder('100.00');
    await as(api.app, world.maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
    const csv = [
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref',
      `2024-09;120101;LAKARE;556712-3459;40;55000;${order.reference}`,
      '2024-09;120102;LAKARE;556712-3459;10;14000;',
    ].join('\n');
    const received = (await uploadImport(api.app, world.lars, 'purchased-hours', csv).expect(202))
      .body as ImportDto;
    expect((await importFinished(api.app, world.lars, received.id)).status).toBe('DONE');
    await eventuallyValue(
      'the register to have the hours',
      () => register('from=2024-09&to=2024-09'),
      (rows) => rows.length > 0,
    );
    kage = world.region.unitIds['120102'] as string;
    const bySupplier = await get<MetricSeriesDto>(
      sofia,
      '/api/metrics/costs?from=2024-09&to=2024-09&groupBy=supplier',
    );
    supplierKey = bySupplier.groups[0]?.key as string;
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('narrows the register by unit, care setting and supplier as well as by area and profession group', async () => {
    const booked = [['2024-09', 'HIRING_STOP', 0, '40.00', '55000.00']];
    const september = 'from=2024-09&to=2024-09';
    expect(await register(september)).toEqual(booked);
    expect(await register(`${september}&unit=${world.norrbole.id}`)).toEqual(booked);
    expect(await register(`${september}&unit=${kage}`)).toEqual([]);
    expect(await register(`${september}&careSetting=PRIMARVARD&professionGroup=LAKARE`)).toEqual(booked);
    expect(await register(`${september}&careSetting=SJUKHUSVARD`)).toEqual([]);
    expect(await register(`${september}&supplier=${supplierKey}`)).toEqual(booked);
    expect(await register(`${september}&supplier=${encodeURIComponent('unknown:okänd ab')}`)).toEqual([]);
    // the grant itself, in the month of its approval
    const granted = [[thisMonth, 'HIRING_STOP', 1, '0.00', '0.00']];
    const now = `from=${thisMonth}&to=${thisMonth}`;
    expect(await register(now)).toEqual(granted);
    expect(await register(`${now}&unit=${world.norrbole.id}&careSetting=PRIMARVARD`)).toEqual(granted);
    expect(await register(`${now}&unit=${kage}`)).toEqual([]);
    // no supplier has been awarded the order yet: a supplier filter has no grant to count
    expect(await register(`${now}&supplier=${supplierKey}`)).toEqual([]);
  });

  it('gives the dispensations in use of the period and the filters only', async () => {
    const inUse = (query: string) =>
      get<DispensationInUseDto[]>(world.maria, `/api/metrics/dispensations-in-use?${query}`).then((rows) =>
        rows.map((r) => r.unit.name),
      );
    // the order's period starts 90 days ahead
    const during = `from=${monthIn(100)}&to=${monthIn(110)}`;
    expect(await inUse(during)).toEqual(['Hälsocentral Norrböle']);
    expect(await inUse(`from=${monthIn(-60)}&to=${monthIn(-30)}`)).toEqual([]);
    expect(await inUse(`${during}&unit=${kage}`)).toEqual([]);
    expect(await inUse(`${during}&careSetting=PRIMARVARD&professionGroup=LAKARE`)).toEqual([
      'Hälsocentral Norrböle',
    ]);
    expect(await inUse(`${during}&professionGroup=SSK_BM`)).toEqual([]);
  });

  describe('a malformed filter is refused alike on every route, naming the field', () => {
    const range = 'from=2024-01&to=2024-03';
    const routes = ['costs', 'hours', 'dispensation-register', 'dispensations-in-use', 'skr-ratio'];
    const malformed: [string, string, string][] = [
      ['area', 'not-uuid', 'id'],
      ['unit', 'not-uuid', 'id'],
      ['careSetting', 'SOMEWHERE', 'oneOf'],
      ['professionGroup', 'PILOT', 'oneOf'],
      ['supplier', 'not-uuid', 'format'],
    ];
    it.each(routes)('%s', async (route) => {
      for (const [field, value, code] of malformed) {
        // the SKR measure has no unit or supplier: those are fields it does not know
        const expected =
          route === 'skr-ratio' && (field === 'unit' || field === 'supplier') ? 'unknownField' : code;
        const res = await as(api.app, sofia).get(`/api/metrics/${route}?${range}&${field}=${value}`);
        expect([field, res.status, res.body.code, res.body.details]).toEqual([
          field,
          400,
          'VALIDATION_FAILED',
          [expect.objectContaining({ field, code: expected })],
        ]);
      }
      const month = await as(api.app, sofia).get(`/api/metrics/${route}?from=2024-13&to=2024-03`);
      expect(month.body.details).toEqual([expect.objectContaining({ field: 'from', code: 'month' })]);
    });

    it('region-ratio and national-comparison: the month', async () => {
      const ratio = await as(api.app, sofia).get('/api/metrics/region-ratio?month=2024-1').expect(400);
      expect(ratio.body.details).toEqual([expect.objectContaining({ field: 'month', code: 'month' })]);
      const national = await as(api.app, sofia)
        .get('/api/metrics/national-comparison?from=2024-01&to=24-03')
        .expect(400);
      expect(national.body.details).toEqual([expect.objectContaining({ field: 'to', code: 'month' })]);
    });
  });
});
