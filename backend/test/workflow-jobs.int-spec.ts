import type { BidDto, DispensationDto, OrderDto, SupplierDto } from '@hyrkoll/contracts';
import { addDays, swedishDate } from '@hyrkoll/domain';
import type { INestApplicationContext } from '@nestjs/common';

import { DispensationLifecycleService } from '../src/modules/dispensations/dispensation-lifecycle.service';
import { OrderLifecycleService } from '../src/modules/orders/order-lifecycle.service';
import { aBid, anOrder, CONSULTANTS } from './support/builders';
import { eventually } from './support/eventually';
import { NewRegion, newRegion } from './support/new-region';
import { workDone } from './support/queues';
import { as, TestSession } from './support/sessions';
import { startSmtpInbox } from './support/smtp-inbox';
import { startApi, startWorker, TestApp } from './support/test-app';
import { submitOrder } from './support/workflow';
import { WORKFLOW_REGION } from './support/workflow-world';

describe('scheduled jobs and e-mail notifications', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let region: NewRegion;
  let eva: TestSession;
  let maria: TestSession;
  let lars: TestSession;
  let norrbole: string;
  let suppliers: SupplierDto[];
  /** The e-mail addresses of Eva (the requester) and Maria (the area chief). */
  const evaMail = () => region.users['Eva']?.email as string;
  const mariaMail = () => region.users['Maria']?.email as string;
  /** Until every notification enqueued so far has been sent, or has failed for good. */
  const notificationsSent = () =>
    eventually('the outbox and the queues to drain', () =>
      workDone(worker, api.dataSource, api.config.redis.queuePrefix),
    );
  /**
   * Awarded orders of other regions whose confirmation deadline is before `at`: the scheduled job
   * lapses those of every region, other files' too, and counts them.
   */
  const dueElsewhere = async (at: Date) =>
    (
      await api.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM orders
          WHERE status = 'AWARDED' AND confirmation_deadline < $1 AND region_id <> $2`,
        [at, region.regionId],
      )
    )[0]?.n ?? 0;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    api = await startApi({ PUBLIC_URL: 'https://hyrkoll.test' });
    worker = await startWorker({
      QUEUE_PREFIX: api.config.redis.queuePrefix,
      SMTP_URL: inbox.url,
      PUBLIC_URL: 'https://hyrkoll.test',
    });
    region = await newRegion(api.app, api.dataSource, WORKFLOW_REGION);
    [eva, maria, lars] = ['Eva', 'Maria', 'Lars'].map((name) => region.sessions[name] as TestSession) as [
      TestSession,
      TestSession,
      TestSession,
    ];
    norrbole = region.unitIds['120101'] as string;
    suppliers = (await as(api.app, lars).get('/api/agreement/suppliers').expect(200)).body as SupplierDto[];
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
    await inbox.close();
  });

  function submit(
    periodFrom = 90,
    periodTo = 173,
  ): Promise<{ order: OrderDto; dispensation: DispensationDto }> {
    return submitOrder(
      api.app,
      eva,
      anOrder(norrbole).withHours('200.00').withPeriod(periodFrom, periodTo).build(),
    );
  }

  async function approvedAndPublished(periodFrom = 90, periodTo = 173): Promise<OrderDto> {
    const { order, dispensation } = await submit(periodFrom, periodTo);
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
    const approved = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    return (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/publish`, { version: approved.version })
        .expect(200)
    ).body as OrderDto;
  }

  it('e-mails the area chief a direct link when a dispensation waits, and the requester the decision', async () => {
    const { order, dispensation } = await submit();
    const waiting = await inbox.waitFor(
      (m) => m.to.includes(mariaMail()) && m.subject.includes(order.reference),
    );
    expect(waiting.subject).toBe(`Dispens väntar på beslut – ${order.reference}`);
    expect(waiting.text).toContain(`https://hyrkoll.test/dispensations/${dispensation.id}`);
    expect(waiting.text).toContain('anställningsstopp');
    await notificationsSent();
    expect(inbox.mails.filter((m) => m.subject.includes(order.reference)).flatMap((m) => m.to)).toEqual([
      mariaMail(),
    ]);

    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/reject`, {
        version: dispensation.version,
        comment: 'Ej tillräckligt underlag',
      })
      .expect(200);
    const decided = await inbox.waitFor(
      (m) => m.to.includes(evaMail()) && m.subject.includes(order.reference),
    );
    expect(decided.subject).toBe(`Dispens för ${order.reference}: avslagen`);
    expect(decided.text).toContain('Ej tillräckligt underlag');
  });

  it('reminds the decider once after the working days of the policy', async () => {
    const { order } = await submit();
    await inbox.waitFor((m) => m.subject === `Dispens väntar på beslut – ${order.reference}`);
    const lifecycle = worker.get(DispensationLifecycleService);
    await lifecycle.remind(new Date());
    await notificationsSent();
    expect(
      inbox.mails.some((m) => m.subject.startsWith('Påminnelse') && m.subject.includes(order.reference)),
    ).toBe(false);
    const later = new Date(Date.now() + 7 * 86_400_000); // a week: at least 2 working days, holidays or not
    expect(await lifecycle.remind(later)).toBeGreaterThanOrEqual(1);
    // every area chief of the unit's area is reminded, one mail each (here Maria alone), never
    // the requester
    const reminder = await inbox.waitFor(
      (m) =>
        m.subject === `Påminnelse: dispens väntar på beslut – ${order.reference}` &&
        m.to.includes(mariaMail()),
    );
    expect(reminder.subject).toContain(order.reference);
    await notificationsSent();
    const reminded = inbox.mails
      .filter((m) => m.subject.startsWith('Påminnelse') && m.subject.includes(order.reference))
      .flatMap((m) => m.to);
    expect(reminded).toEqual([mariaMail()]);
    expect(await lifecycle.remind(later)).toBe(0);
  });

  it('turns a missed confirmation into a supplier deviation and goes back to the next bid, then to UNFILLED', async () => {
    let order = await approvedAndPublished();
    const [first, second] = [
      suppliers.find((s) => s.name === 'Norrlandsbemanning AB'),
      suppliers.find((s) => s.name === 'Stafettläkarna i Norr AB'),
    ] as SupplierDto[];
    await as(api.app, lars)
      .post(
        `/api/orders/${order.id}/bids`,
        aBid(first?.id as string, CONSULTANTS[0] as string, {
          consultantName: 'Först',
          hoursOffered: '200.00',
        }),
      )
      .expect(201);
    await as(api.app, lars)
      .post(
        `/api/orders/${order.id}/bids`,
        aBid(second?.id as string, CONSULTANTS[1] as string, {
          consultantName: 'Sedan',
          hoursOffered: '100.00',
        }),
      )
      .expect(201);
    let ranking = (await as(api.app, lars).get(`/api/orders/${order.id}/bids`).expect(200)).body as BidDto[];
    order = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    order = (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/award`, { version: order.version, bidId: ranking[0]?.id })
        .expect(200)
    ).body as OrderDto;

    const lifecycle = worker.get(OrderLifecycleService);
    const now = new Date();
    let elsewhere = await dueElsewhere(now);
    expect(await lifecycle.lapseMissedConfirmations(now)).toBe(elsewhere);
    const afterDeadline = new Date(Date.parse(order.confirmationDeadline as string) + 1);
    elsewhere = await dueElsewhere(afterDeadline);
    expect(await lifecycle.lapseMissedConfirmations(afterDeadline)).toBe(1 + elsewhere);
    order = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    expect(order).toMatchObject({ status: 'BIDS_RECEIVED', awardedBidId: null, confirmationDeadline: null });
    ranking = (await as(api.app, lars).get(`/api/orders/${order.id}/bids`).expect(200)).body as BidDto[];
    expect(ranking.map((b) => [b.consultantName, b.status, b.ranking.rank])).toEqual([
      ['Sedan', 'REGISTERED', 1],
      ['Först', 'LAPSED', null],
    ]);
    const deviations = await api.dataSource.query(
      `SELECT kind, supplier_id FROM supplier_deviations WHERE order_id = $1`,
      [order.id],
    );
    expect(deviations).toEqual([{ kind: 'MISSED_CONFIRMATION', supplier_id: first?.id }]);

    order = (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/award`, { version: order.version, bidId: ranking[0]?.id })
        .expect(200)
    ).body as OrderDto;
    const afterSecondDeadline = new Date(Date.parse(order.confirmationDeadline as string) + 1);
    elsewhere = await dueElsewhere(afterSecondDeadline);
    expect(await lifecycle.lapseMissedConfirmations(afterSecondDeadline)).toBe(1 + elsewhere);
    expect(
      ((await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto).status,
    ).toBe('UNFILLED');
    const inAMonth = new Date(Date.now() + 30 * 86_400_000);
    elsewhere = await dueElsewhere(inAMonth);
    expect(await lifecycle.lapseMissedConfirmations(inAMonth)).toBe(elsewhere);
  });

  it('starts a confirmed assignment on its first day and completes it after its last', async () => {
    let order = await approvedAndPublished(1, 10);
    const supplier = suppliers.find((s) => s.name === 'Norrlandsbemanning AB') as SupplierDto;
    const bid = (
      await as(api.app, lars)
        .post(
          `/api/orders/${order.id}/bids`,
          aBid(supplier.id, CONSULTANTS[2] as string, { hoursOffered: '200.00' }),
        )
        .expect(201)
    ).body as BidDto;
    order = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    order = (
      await as(api.app, lars)
        .post(`/api/orders/${order.id}/award`, { version: order.version, bidId: bid.id })
        .expect(200)
    ).body as OrderDto;
    order = (
      await as(api.app, lars).post(`/api/orders/${order.id}/confirm`, { version: order.version }).expect(200)
    ).body as OrderDto;

    const lifecycle = worker.get(OrderLifecycleService);
    const today = swedishDate(new Date());
    await lifecycle.advanceAssignments(today);
    expect(
      ((await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto).status,
    ).toBe('CONFIRMED');
    await lifecycle.advanceAssignments(order.periodStart);
    expect(
      ((await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto).status,
    ).toBe('IN_PROGRESS');
    await as(api.app, eva).post(`/api/orders/${order.id}/cancel`, { version: 99, reason: 'x' }).expect(409);
    await lifecycle.advanceAssignments(addDays(order.periodEnd, 1));
    order = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    expect(order.status).toBe('COMPLETED');
    expect(
      (
        (
          await as(api.app, lars)
            .post(`/api/orders/${order.id}/close`, { version: order.version })
            .expect(200)
        ).body as OrderDto
      ).status,
    ).toBe('CLOSED');
  });

  it('expires an approved dispensation after its validity, or when a cap is used up', async () => {
    const { dispensation } = await submit();
    const approved = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation.id}/approve`, {
          version: dispensation.version,
          hoursCap: '100.00',
        })
        .expect(200)
    ).body as DispensationDto;
    const lifecycle = worker.get(DispensationLifecycleService);
    await lifecycle.expire(swedishDate(new Date()));
    expect(
      (
        (await as(api.app, maria).get(`/api/dispensations/${dispensation.id}`).expect(200))
          .body as DispensationDto
      ).status,
    ).toBe('APPROVED');
    await lifecycle.expire(addDays(approved.validTo as string, 1));
    expect(
      (
        (await as(api.app, maria).get(`/api/dispensations/${dispensation.id}`).expect(200))
          .body as DispensationDto
      ).status,
    ).toBe('EXPIRED');

    const second = await submit();
    await as(api.app, maria)
      .post(`/api/dispensations/${second.dispensation.id}/approve`, {
        version: second.dispensation.version,
        hoursCap: '100.00',
      })
      .expect(200);
    await api.dataSource.query(`UPDATE dispensations SET hours_used = 100 WHERE id = $1`, [
      second.dispensation.id,
    ]);
    await lifecycle.expire(swedishDate(new Date()));
    expect(
      (
        (await as(api.app, maria).get(`/api/dispensations/${second.dispensation.id}`).expect(200))
          .body as DispensationDto
      ).status,
    ).toBe('EXPIRED');
  });
});
