import type { AuditEventDto, DispensationDto, ErrorBody, OrderDto } from '@hyrkoll/contracts';
import { swedishDate } from '@hyrkoll/domain';

import { daysFromToday, JUSTIFICATION } from './support/builders';
import { as, TestSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { DECISION_FOLLOW_UP, startWorkflowWorld, WorkflowWorld } from './support/workflow-world';

describe('dispensations: return and resubmit, reject, withdraw, revoke', () => {
  let api: TestApp;
  let eva: TestSession;
  let maria: TestSession;
  let world: WorkflowWorld;
  const submittedOrder = (hours?: string) => world.submittedOrder(hours);
  /** Maria returns the dispensation for more information. */
  const returnForInformation = async (dispensation: DispensationDto) =>
    (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/return`, {
          version: dispensation.version,
          comment: 'Beskriv rekryteringsläget',
        })
        .expect(200)
    ).body as DispensationDto;

  /** Who the order's timeline credits with `action`. */
  const orderStepActor = async (orderId: string, action: string) =>
    (
      (await as(api.app, eva).get(`/api/orders/${orderId}/timeline`).expect(200)).body as AuditEventDto[]
    ).find((e) => e.action === action)?.actor;

  beforeAll(async () => {
    world = await startWorkflowWorld();
    ({ api, eva, maria } = world);
  });

  afterAll(() => api.close());

  it('returns for information, takes a resubmission, and rejects; the order is rejected', async () => {
    const { order, dispensation } = await submittedOrder('200.00');
    const noComment = await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/return`, { version: dispensation.version })
      .expect(400);
    expect((noComment.body as ErrorBody).details).toEqual([
      { field: 'comment', code: 'required', message: 'comment is required' },
    ]);
    const returned = await returnForInformation(dispensation);
    expect(returned.status).toBe('RETURNED');
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: returned.version })
      .expect(409);
    const resubmitted = (
      await as(api.app, eva)
        .post(`/api/dispensations/${dispensation.id}/resubmit`, {
          version: returned.version,
          justification: {
            ...JUSTIFICATION,
            alternativesTried: 'Rekrytering pågår; tjänsten tillsätts tidigast i augusti',
          },
        })
        .expect(200)
    ).body as DispensationDto;
    expect(resubmitted).toMatchObject({ status: 'UNDER_REVIEW', step: 1 });
    const rejected = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/reject`, {
          version: resubmitted.version,
          comment: 'Ej motiverat',
        })
        .expect(200)
    ).body as DispensationDto;
    expect(rejected.status).toBe('REJECTED');
    expect(
      ((await as(api.app, eva).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto).status,
    ).toBe('REJECTED');
    expect(await orderStepActor(order.id, 'order.reject')).toEqual(DECISION_FOLLOW_UP);
    const cancel = await as(api.app, eva)
      .post(`/api/orders/${order.id}/cancel`, { version: 99, reason: 'x' })
      .expect(409);
    expect((cancel.body as ErrorBody).message).toBe('Cannot cancel the order: it is REJECTED');
  });

  it("refuses a resubmission once the order's period has started, naming the day (409)", async () => {
    const { order, dispensation } = await submittedOrder('200.00');
    const returned = await returnForInformation(dispensation);
    // the return lay unanswered until the order's first day had passed
    const started = daysFromToday(-1);
    await api.dataSource.query(`UPDATE orders SET period_start = $2 WHERE id = $1`, [order.id, started]);
    const late = await as(api.app, eva)
      .post(`/api/dispensations/${dispensation.id}/resubmit`, {
        version: returned.version,
        justification: JUSTIFICATION,
      })
      .expect(409);
    expect(late.body).toMatchObject({
      code: 'ORDER_PERIOD_STARTED',
      params: { periodStart: started, today: swedishDate(new Date()) },
    });
    // nothing changed: the dispensation still waits for the requester, who may withdraw it
    const [row] = await api.dataSource.query(`SELECT status, version FROM dispensations WHERE id = $1`, [
      dispensation.id,
    ]);
    expect(row).toEqual({ status: 'RETURNED', version: returned.version });
    // a state that was never open to a resubmission still says so first
    const again = await as(api.app, eva)
      .post(`/api/dispensations/${dispensation.id}/resubmit`, {
        version: returned.version + 1,
        justification: JUSTIFICATION,
      })
      .expect(409);
    expect((again.body as ErrorBody).code).toBe('STALE_VERSION');
  });

  it('withdraws before a decision (the order returns to draft) and cancels with the dispensation', async () => {
    const first = await submittedOrder('200.00');
    const withdrawn = (
      await as(api.app, eva)
        .post(`/api/dispensations/${first.dispensation.id}/withdraw`, { version: first.dispensation.version })
        .expect(200)
    ).body as DispensationDto;
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(
      ((await as(api.app, eva).get(`/api/orders/${first.order.id}`).expect(200)).body as OrderDto).status,
    ).toBe('DRAFT');

    const second = await submittedOrder('200.00');
    const cancelled = (
      await as(api.app, eva)
        .post(`/api/orders/${second.order.id}/cancel`, {
          version: second.order.version,
          reason: 'Tillsatt internt',
        })
        .expect(200)
    ).body as OrderDto;
    expect(cancelled.status).toBe('CANCELLED');
    expect(
      (
        (await as(api.app, eva).get(`/api/dispensations/${second.dispensation.id}`).expect(200))
          .body as DispensationDto
      ).status,
    ).toBe('WITHDRAWN');
  });

  it('takes text of only whitespace as missing: the comments of reject, return, revoke and a cancel reason', async () => {
    const { order, dispensation } = await submittedOrder('200.00');
    const blanks = ['   ', '\n\t ', '\u00a0\u3000'];
    for (const decision of ['reject', 'return']) {
      for (const comment of blanks) {
        const res = await as(api.app, maria)
          .post(`/api/dispensations/${dispensation.id}/${decision}`, {
            version: dispensation.version,
            comment,
          })
          .expect(400);
        expect((res.body as ErrorBody).details).toEqual([
          { field: 'comment', code: 'required', message: 'comment is required' },
        ]);
      }
    }
    const approved = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, {
          version: dispensation.version,
          comment: '  ',
        })
        .expect(200)
    ).body as DispensationDto; // the comment of an approval is optional
    for (const comment of blanks) {
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/revoke`, { version: approved.version, comment })
        .expect(400);
    }
    const current = (await as(api.app, eva).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    const cancel = await as(api.app, eva)
      .post(`/api/orders/${order.id}/cancel`, { version: current.version, reason: ' \r\n ' })
      .expect(400);
    expect((cancel.body as ErrorBody).details).toEqual([
      { field: 'reason', code: 'required', message: 'reason is required' },
    ]);
    const after = (await as(api.app, maria).get(`/api/dispensations/${dispensation.id}`).expect(200))
      .body as DispensationDto;
    expect(after).toMatchObject({ status: 'APPROVED', version: approved.version });
  });

  it('revokes an approved dispensation; the order not yet started is cancelled', async () => {
    const { order, dispensation } = await submittedOrder('200.00');
    const approved = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
        .expect(200)
    ).body as DispensationDto;
    await as(api.app, eva)
      .post(`/api/dispensations/${dispensation.id}/revoke`, { version: approved.version, comment: 'x' })
      .expect(403);
    const revoked = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/revoke`, {
          version: approved.version,
          comment: 'Budgetläget',
        })
        .expect(200)
    ).body as DispensationDto;
    expect(revoked.status).toBe('REVOKED');
    expect(
      ((await as(api.app, eva).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto).status,
    ).toBe('CANCELLED');
    expect(await orderStepActor(order.id, 'order.cancel')).toEqual(DECISION_FOLLOW_UP);
  });
});
