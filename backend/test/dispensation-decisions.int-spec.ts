import type {
  AuditEventDto,
  DispensationDetailDto,
  DispensationDto,
  ErrorBody,
  OrderDto,
} from '@hyrkoll/contracts';
import { addDays, swedishDate } from '@hyrkoll/domain';
import Decimal from 'decimal.js';

import { as, TestSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { DECISION_FOLLOW_UP, startWorkflowWorld, WorkflowWorld } from './support/workflow-world';

describe('dispensations: who decides, validity and caps, one or two steps', () => {
  let api: TestApp;
  let eva: TestSession;
  let maria: TestSession;
  let per: TestSession;
  let karin: TestSession;
  let lars: TestSession;
  let sofia: TestSession;
  let world: WorkflowWorld;
  const submittedOrder = (hours?: string) => world.submittedOrder(hours);

  beforeAll(async () => {
    world = await startWorkflowWorld();
    ({ api, eva, maria, per, karin, lars, sofia } = world);
  });

  afterAll(() => api.close());

  it('lets only the right decider decide: never the requester, never another area', async () => {
    const { dispensation } = await submittedOrder('200.00');
    const byRequester = await as(api.app, eva)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(403);
    expect((byRequester.body as ErrorBody).message).toContain('dispensation:decide');
    expect(byRequester.body).toMatchObject({
      code: 'PERMISSION_MISSING',
      params: { permission: 'dispensation:decide' },
    });
    const otherArea = await as(api.app, per)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(404);
    expect((otherArea.body as ErrorBody).code).toBe('NOT_FOUND');
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
  });

  it("tells every reader who decides the step that waits, whether they may, and the order's facts", async () => {
    const { order, dispensation } = await submittedOrder('480.00');
    const read = async (who: TestSession) =>
      (await as(api.app, who).get(`/api/dispensations/${dispensation.id}`).expect(200))
        .body as DispensationDetailDto;
    const byEva = await read(eva);
    expect(byEva).toMatchObject({
      step: 1,
      stepsRequired: 2,
      mayDecide: false,
      decider: { role: 'AREA_CHIEF', areaName: 'Område NSO-SKE', names: ['Maria'] },
      order: {
        profession: order.profession,
        competenceLevel: order.competenceLevel,
        periodStart: order.periodStart,
        periodEnd: order.periodEnd,
        hours: '480.00',
        estimate: order.estimate,
      },
      validityLimits: { earliestFrom: order.periodStart, latestTo: addDays(order.periodEnd, 14) },
    });
    expect(Number(byEva.order.estimate.travelAllowance)).toBeGreaterThan(0);
    // the requester, the purchaser, the steering group and the director (not yet their step) read, not decide
    for (const who of [lars, sofia, karin]) {
      const d = await read(who);
      expect(d.mayDecide).toBe(false);
      expect(d.decider).toEqual(byEva.decider);
    }
    expect((await read(maria)).mayDecide).toBe(true);
    // and the decide route refuses them all the same
    for (const who of [eva, lars, sofia, karin]) {
      await as(api.app, who)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
        .expect(403);
    }

    const step1 = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
        .expect(200)
    ).body as DispensationDetailDto;
    expect(step1).toMatchObject({
      step: 2,
      mayDecide: false,
      decider: { role: 'HEALTHCARE_DIRECTOR', areaName: null, names: ['Karin'] },
    });
    expect((await read(karin)).mayDecide).toBe(true);
    const step2 = (
      await as(api.app, karin)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: step1.version })
        .expect(200)
    ).body as DispensationDetailDto;
    expect(step2).toMatchObject({ status: 'APPROVED', decider: null, mayDecide: false });

    // the trail credits the opening of the review to Hyrkoll, the request to Eva
    const timeline = (await as(api.app, eva).get(`/api/orders/${order.id}/timeline`).expect(200))
      .body as AuditEventDto[];
    const actorOf = (action: string) => timeline.find((e) => e.action === action)?.actor;
    expect(actorOf('dispensation.submit')).toMatchObject({ name: 'Eva' });
    expect(actorOf('dispensation.submit')?.userId).not.toBeNull();
    expect(actorOf('dispensation.start-review')).toEqual({
      userId: null,
      name: 'system: dispensation review',
    });
    expect(actorOf('dispensation.approve')).toMatchObject({ name: 'Karin' });
    // the order's approval follows from the decision: Hyrkoll's step, not Karin's
    expect(actorOf('order.approve')).toEqual(DECISION_FOLLOW_UP);
  });

  it("keeps an approval's validity within the order's period plus the margin (400 naming the field)", async () => {
    const { order, dispensation } = await submittedOrder('200.00');
    const approve = (terms: Record<string, string>) =>
      as(api.app, maria).post(`/api/dispensations/${dispensation.id}/approve`, {
        version: dispensation.version,
        ...terms,
      });
    const refused = async (terms: Record<string, string>, field: string, code: string, params: object) => {
      const body = (await approve(terms).expect(400)).body as ErrorBody;
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details).toEqual([{ field, code, params, message: expect.any(String) }]);
    };
    await refused({ validFrom: '2020-01-01', validTo: order.periodEnd }, 'validFrom', 'beforePeriod', {
      limit: order.periodStart,
    });
    const latest = { limit: addDays(order.periodEnd, 14), marginDays: 14 };
    await refused({ validTo: '2099-12-31' }, 'validTo', 'afterLimit', latest);
    await refused({ validTo: addDays(order.periodEnd, 15) }, 'validTo', 'afterLimit', latest);
    // wholly after the order's last day: the start is what is wrong
    const afterEnd = { limit: order.periodEnd };
    await refused(
      { validFrom: addDays(order.periodEnd, 9), validTo: addDays(order.periodEnd, 13) },
      'validFrom',
      'afterPeriod',
      afterEnd,
    );
    await refused({ validFrom: addDays(order.periodEnd, 1) }, 'validFrom', 'afterPeriod', afterEnd);
    await refused({ validFrom: addDays(order.periodEnd, 20) }, 'validFrom', 'afterPeriod', afterEnd);
    await refused(
      { validFrom: addDays(order.periodStart, 10), validTo: addDays(order.periodStart, 5) },
      'validTo',
      'dateOrder',
      { after: 'validFrom' },
    );
    // nothing was written by the refusals
    const unchanged = (await as(api.app, maria).get(`/api/dispensations/${dispensation.id}`).expect(200))
      .body as DispensationDto;
    expect(unchanged).toMatchObject({ status: 'UNDER_REVIEW', version: dispensation.version, validTo: null });
    expect(swedishDate(new Date()) < order.periodStart).toBe(true);

    const approved = (
      await approve({ validFrom: order.periodStart, validTo: addDays(order.periodEnd, 14) }).expect(200)
    ).body as DispensationDto;
    expect(approved).toMatchObject({
      status: 'APPROVED',
      validFrom: order.periodStart,
      validTo: addDays(order.periodEnd, 14),
    });
  });

  it("refuses caps above the order's hours or estimated cost, naming the cap", async () => {
    const { order, dispensation } = await submittedOrder('100.00');
    const total = order.estimate.total as string;
    const approve = (terms: Record<string, string>) =>
      as(api.app, maria).post(`/api/dispensations/${dispensation.id}/approve`, {
        version: dispensation.version,
        ...terms,
      });
    for (const hoursCap of ['999999.99', '100.01']) {
      expect(((await approve({ hoursCap }).expect(400)).body as ErrorBody).details).toEqual([
        {
          field: 'hoursCap',
          code: 'max',
          params: { max: '100.00' },
          message: "hoursCap must not exceed the order's 100.00 hours",
        },
      ]);
    }
    for (const costCap of ['9999999999.99', new Decimal(total).plus('0.01').toFixed(2)]) {
      expect(((await approve({ costCap }).expect(400)).body as ErrorBody).details).toEqual([
        {
          field: 'costCap',
          code: 'max',
          params: { max: total },
          message: `costCap must not exceed the order's estimated cost ${total} SEK`,
        },
      ]);
    }
    const approved = (await approve({ hoursCap: '100.00', costCap: total }).expect(200))
      .body as DispensationDto;
    expect(approved).toMatchObject({ status: 'APPROVED', hoursCap: '100.00', costCap: total });
  });

  it('needs the director as a second step above the cost threshold, and someone other than the first', async () => {
    const { order, dispensation } = await submittedOrder('480.00');
    expect(dispensation.stepsRequired).toBe(2);
    const step1 = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
        .expect(200)
    ).body as DispensationDto;
    expect(step1).toMatchObject({ status: 'UNDER_REVIEW', step: 2 });
    const again = await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: step1.version })
      .expect(403);
    expect(again.body).toMatchObject({
      code: 'DECISION_NOT_YOUR_STEP',
      params: { step: 2 },
      message: 'Step 2 is decided by the health-care director',
    });
    const step2 = (
      await as(api.app, karin)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: step1.version })
        .expect(200)
    ).body as DispensationDto;
    expect(step2.status).toBe('APPROVED');
    expect(step2.decisions.map((d) => [d.step, d.decidedBy.name])).toEqual([
      [1, 'Maria'],
      [2, 'Karin'],
    ]);
    expect(
      ((await as(api.app, eva).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto).status,
    ).toBe('APPROVED');
  });

  it('keeps the terms step 1 gave through step 2, unless the director changes them; a return drops them', async () => {
    const { dispensation } = await submittedOrder('480.00');
    const terms = {
      conditions: 'Uppföljning efter 6 veckor',
      hoursCap: '400.00',
      costCap: '600000.00',
      delegationReference: 'Delegationsordning 4.2',
    };
    const step1 = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version, ...terms })
        .expect(200)
    ).body as DispensationDto;
    expect(step1).toMatchObject({ status: 'UNDER_REVIEW', step: 2, ...terms });
    const step2 = (
      await as(api.app, karin)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: step1.version, hoursCap: '350.00' })
        .expect(200)
    ).body as DispensationDto;
    expect(step2).toMatchObject({ status: 'APPROVED', ...terms, hoursCap: '350.00' });

    const other = await submittedOrder('480.00');
    const proposed = (
      await as(api.app, maria)
        .post(`/api/dispensations/${other.dispensation.id}/approve`, {
          version: other.dispensation.version,
          ...terms,
        })
        .expect(200)
    ).body as DispensationDto;
    const back = (
      await as(api.app, karin)
        .post(`/api/dispensations/${other.dispensation.id}/return`, {
          version: proposed.version,
          comment: 'Mer underlag',
        })
        .expect(200)
    ).body as DispensationDto;
    expect(back).toMatchObject({
      status: 'RETURNED',
      step: 1,
      conditions: null,
      hoursCap: null,
      costCap: null,
    });
  });

  it('tells a stale decision what happened (409) before whether its sender could have decided (403)', async () => {
    const { dispensation } = await submittedOrder('480.00');
    const step1 = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
        .expect(200)
    ).body as DispensationDto;
    const stale = await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/return`, { version: dispensation.version, comment: 'x' })
      .expect(409);
    expect(stale.body).toMatchObject({
      code: 'STALE_VERSION',
      params: { entity: 'dispensation', currentStatus: 'UNDER_REVIEW', version: step1.version },
      message: `The dispensation was changed by someone else: it is UNDER_REVIEW, version ${step1.version}, not ${dispensation.version}`,
    });
    await as(api.app, karin)
      .post(`/api/dispensations/${dispensation.id}/return`, { version: step1.version, comment: 'Mer' })
      .expect(200);
    const late = await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: step1.version })
      .expect(409);
    expect(late.body).toMatchObject({
      code: 'DISPENSATION_WRONG_STATE',
      params: { action: 'approve', currentStatus: 'RETURNED' },
      message: 'Cannot approve the dispensation: it is RETURNED',
    });
  });
});
