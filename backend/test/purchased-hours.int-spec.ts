import type {
  ErrorBody,
  ImportDto,
  PurchasedHoursPageDto,
  PurchasedHoursRowDto,
  UnitDto,
} from '@hyrkoll/contracts';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';

import { anOrder } from './support/builders';
import { importFinished, uploadImport } from './support/imports';
import { newRegion } from './support/new-region';
import { as, TestSession } from './support/sessions';
import { startApi, startWorker, TestApp } from './support/test-app';
import { submitOrder } from './support/workflow';
import { WORKFLOW_REGION } from './support/workflow-world';

const MONTH = '2020-06';
/** The unit of the other region. */
const THEIR_UNIT = '910101';

/**
 * The imported purchased-hours rows, read back through GET /api/purchased-hours after a real
 * import: matched and unmatched rows, the filters, paging, exact sums, and region isolation.
 */
describe('purchased hours: the imported rows, filtered and paged', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let lars: TestSession;
  let eva: TestSession;
  let otherPurchaser: TestSession;
  let orderReference: string;
  let orderId: string;
  let unit120101: UnitDto;

  async function importFile(session: TestSession, lines: string[]): Promise<ImportDto> {
    const res = await uploadImport(
      api.app,
      session,
      'purchased-hours',
      lines.join('\n'),
      'timmar.csv',
    ).expect(202);
    return importFinished(api.app, session, (res.body as ImportDto).id);
  }

  async function list(session: TestSession, query: string): Promise<PurchasedHoursPageDto> {
    return (await as(api.app, session).get(`/api/purchased-hours?${query}`).expect(200))
      .body as PurchasedHoursPageDto;
  }

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
    const region = await newRegion(api.app, api.dataSource, WORKFLOW_REGION);
    const other = await newRegion(api.app, api.dataSource, {
      areas: ['NSO-LULEA'],
      units: [{ costCentre: THEIR_UNIT, area: 'NSO-LULEA' }],
      users: { Purchaser: [{ role: 'PURCHASER' }] },
    });
    lars = region.sessions['Lars'] as TestSession;
    eva = region.sessions['Eva'] as TestSession;
    otherPurchaser = other.sessions['Purchaser'] as TestSession;
    const units = (await as(api.app, eva).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[];
    unit120101 = units.find((u) => u.costCentre === '120101') as UnitDto;
    const { order } = await submitOrder(api.app, eva, anOrder(unit120101.id).withHours('100.00').build());
    orderReference = order.reference;
    orderId = order.id;

    const ours = await importFile(lars, [
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref',
      `${MONTH};120101;LAKARE;556712-3459;"40,25";"55 123,45";${order.reference}`,
      `${MONTH};120102;SSK_BM;Okänd Bemanning AB;10;8500,50;`,
      `${MONTH};130102;LAKARE;Okänd Bemanning AB;-2;-3250,10;`,
    ]);
    expect(ours).toMatchObject({ status: 'DONE', rowsWritten: 3 });
    const theirs = await importFile(otherPurchaser, [
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref',
      `${MONTH};${THEIR_UNIT};LAKARE;Norrbottens Hyrläkare AB;12;18000;`,
    ]);
    expect(theirs).toMatchObject({ status: 'DONE', rowsWritten: 1 });
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('lists the month with the matched row linked to its order and the others flagged unmatched, with exact sums', async () => {
    const page = await list(lars, `from=${MONTH}&to=${MONTH}`);
    expect(page).toMatchObject({
      total: 3,
      totalHours: '48.25',
      totalCostSek: '60373.85',
      page: 1,
      pageSize: 50,
    });
    expect(page.latestMonth).toMatch(/^\d{4}-\d{2}$/);
    expect((page.latestMonth as string) >= MONTH).toBe(true);
    const matched = page.items.find((r) => r.matched) as PurchasedHoursRowDto;
    expect(matched).toEqual({
      id: expect.any(String),
      month: MONTH,
      supplier: { id: expect.any(String), name: 'Norrlandsbemanning AB', onAgreement: true },
      unit: { id: unit120101.id, costCentre: '120101', name: 'Hälsocentral Norrböle' },
      area: { id: unit120101.area.id, code: 'NSO-SKE', name: 'Område NSO-SKE' },
      careSetting: 'PRIMARVARD',
      professionGroup: 'LAKARE',
      hours: '40.25',
      costSek: '55123.45',
      order: { id: orderId, reference: orderReference },
      matched: true,
      importId: expect.any(String),
      source: 'test', // the import's source: which file the row came from (decision 017)
    });
    const unmatched = page.items.filter((r) => !r.matched);
    expect(unmatched.map((r) => [r.unit.costCentre, r.supplier, r.hours, r.costSek, r.order])).toEqual([
      ['120102', { id: null, name: 'Okänd Bemanning AB', onAgreement: false }, '10.00', '8500.50', null],
      ['130102', { id: null, name: 'Okänd Bemanning AB', onAgreement: false }, '-2.00', '-3250.10', null],
    ]);
    // ordered by area name, then unit name, within the month
    expect(page.items.map((r) => r.unit.name)).toEqual([
      'Hälsocentral Kåge',
      'Hälsocentral Norrböle',
      'Hälsocentral Storuman',
    ]);
  });

  it('keeps only the unmatched rows, or only the matched ones, when asked', async () => {
    const unmatched = await list(lars, `from=${MONTH}&to=${MONTH}&unmatched=true`);
    expect(unmatched.total).toBe(2);
    expect(unmatched.totalCostSek).toBe('5250.40');
    expect(unmatched.items.every((r) => !r.matched && r.order === null)).toBe(true);
    const matched = await list(lars, `from=${MONTH}&to=${MONTH}&unmatched=false`);
    expect(matched.items.map((r) => [r.order?.reference, r.hours])).toEqual([[orderReference, '40.25']]);
  });

  it('filters by supplier (name or organisation number), area, unit and profession group', async () => {
    const byName = await list(lars, `from=${MONTH}&to=${MONTH}&supplier=${encodeURIComponent('okänd')}`);
    expect(byName.items.map((r) => r.unit.costCentre)).toEqual(['120102', '130102']);
    const byNumber = await list(lars, `from=${MONTH}&to=${MONTH}&supplier=5567123459`);
    expect(byNumber.items.map((r) => r.unit.costCentre)).toEqual(['120101']);
    const byArea = await list(lars, `from=${MONTH}&to=${MONTH}&areaId=${unit120101.area.id}`);
    expect(byArea.items.map((r) => r.unit.costCentre)).toEqual(['120102', '120101']);
    const byUnit = await list(lars, `from=${MONTH}&to=${MONTH}&unitId=${unit120101.id}`);
    expect(byUnit.total).toBe(1);
    const nurses = await list(lars, `from=${MONTH}&to=${MONTH}&professionGroup=SSK_BM`);
    expect(nurses.items.map((r) => [r.unit.costCentre, r.professionGroup])).toEqual([['120102', 'SSK_BM']]);
    const wildcard = await list(lars, `from=${MONTH}&to=${MONTH}&supplier=${encodeURIComponent('%')}`);
    expect(wildcard.total).toBe(0);
  });

  it('pages through the rows with the total of all of them', async () => {
    const second = await list(lars, `from=${MONTH}&to=${MONTH}&pageSize=1&page=2`);
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 1, totalHours: '48.25' });
    expect(second.items.map((r) => r.unit.costCentre)).toEqual(['120101']);
    const beyond = await list(lars, `from=${MONTH}&to=${MONTH}&pageSize=500&page=2`);
    expect(beyond).toMatchObject({ total: 3, items: [] });
  });

  it('shows each region only its own rows', async () => {
    const ours = await list(lars, `from=${MONTH}&to=${MONTH}&pageSize=500`);
    expect(ours.items.some((r) => r.unit.costCentre === THEIR_UNIT)).toBe(false);
    const theirs = await list(otherPurchaser, `from=${MONTH}&to=${MONTH}&pageSize=500`);
    expect(theirs.items.map((r) => [r.unit.costCentre, r.supplier.name, r.matched])).toEqual([
      [THEIR_UNIT, 'Norrbottens Hyrläkare AB', false],
    ]);
    expect(theirs.totalCostSek).toBe('18000.00');
    // another region's ids as filters find nothing, rather than that region's rows
    const crossed = await list(otherPurchaser, `areaId=${unit120101.area.id}&pageSize=500`);
    expect(crossed).toMatchObject({ total: 0, items: [] });
  });

  it('is only for those who manage imports', async () => {
    const res = await as(api.app, eva).get('/api/purchased-hours').expect(403);
    expect((res.body as ErrorBody).message).toMatch(/needs the permission/);
    await request(api.app.getHttpServer()).get('/api/purchased-hours').expect(401);
  });

  it.each([
    ['from=2024-13', 'from'],
    ['to=24-01', 'to'],
    ['from=2024-05&to=2024-04', 'to'],
    ['unmatched=yes', 'unmatched'],
    ['professionGroup=TANDLAKARE', 'professionGroup'],
    ['areaId=NSO-SKE', 'areaId'],
    ['unitId=1', 'unitId'],
    ['pageSize=501', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['page=two', 'page'],
    ['page=1.5', 'page'],
    [`supplier=${'x'.repeat(101)}`, 'supplier'],
    ['from=2024-01&from=2024-02', 'from'],
    ['notAFilter=1', 'notAFilter'],
  ])('refuses %s with 400 naming the field %s', async (query, field) => {
    const res = await as(api.app, lars).get(`/api/purchased-hours?${query}`).expect(400);
    const body = res.body as ErrorBody;
    expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});
