import type { ImportDto } from '@hyrkoll/contracts';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';

import { NOTIFICATIONS_QUEUE } from '../src/modules/notifications/notifications.queue';
import { RollupsService } from '../src/modules/rollups/rollups.service';
import { anOrder } from './support/builders';
import { eventually } from './support/eventually';
import { importFinished, uploadImport } from './support/imports';
import { NewRegion, newRegion } from './support/new-region';
import { PrivateRedis, startPrivateRedis } from './support/private-redis';
import { workDone } from './support/queues';
import { rollupDifferences } from './support/rollups';
import { as, TestSession } from './support/sessions';
import { startSmtpInbox } from './support/smtp-inbox';
import { startApi, startWorker, TestApp } from './support/test-app';
import { submitOrder } from './support/workflow';
import { WORKFLOW_REGION } from './support/workflow-world';

describe('Redis down: the API keeps accepting work, and everything queued runs once when it returns', () => {
  let redis: PrivateRedis;
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let api: TestApp;
  let worker: INestApplicationContext;
  let region: NewRegion;
  let eva: TestSession;
  let maria: TestSession;
  let lars: TestSession;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    inbox = await startSmtpInbox();
    api = await startApi({ REDIS_URL: redis.url });
    worker = await startWorker({
      REDIS_URL: redis.url,
      QUEUE_PREFIX: api.config.redis.queuePrefix,
      SMTP_URL: inbox.url,
    });
    region = await newRegion(api.app, api.dataSource, WORKFLOW_REGION);
    [eva, maria, lars] = ['Eva', 'Maria', 'Lars'].map((name) => region.sessions[name] as TestSession) as [
      TestSession,
      TestSession,
      TestSession,
    ];
  });

  afterAll(async () => {
    // closing queue connections needs a Redis that answers, also when the test failed midway
    if (redis && !redis.running()) await redis.start();
    await worker?.close();
    await api?.close();
    await inbox?.close();
    await redis?.remove();
  });

  const pending = async (): Promise<number> => {
    const [{ n }] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE queue_prefix = $1 AND relayed_at IS NULL`,
      [api.config.redis.queuePrefix],
    );
    return n;
  };

  /** The relay's failed tries of the rows not relayed yet (each try of a row counts one). */
  const attempts = async (): Promise<number> => {
    const [{ n }] = await api.dataSource.query(
      `SELECT coalesce(sum(attempts), 0)::int AS n FROM outbox
        WHERE queue_prefix = $1 AND relayed_at IS NULL AND last_error IS NOT NULL`,
      [api.config.redis.queuePrefix],
    );
    return n;
  };

  it('takes an order, a decision and an import while Redis is stopped, and relays them after', async () => {
    const norrbole = region.unitIds['120101'] as string;
    await redis.stop();

    // the order with its dispensation request, the decision, and an upload: all accepted
    // small enough for one decision step
    const { order, dispensation } = await submitOrder(
      api.app,
      eva,
      anOrder(norrbole).withHours('100.00').build(),
    );
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
    const csv =
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n2019-03;120101;LAKARE;Stafettläkarna i Norr AB;12;15600;\n';
    const upload = await uploadImport(api.app, lars, 'purchased-hours', csv, 'timmar-2019-03.csv').expect(
      202,
    );
    const imported = upload.body as ImportDto;

    // the jobs wait in the outbox: two notifications, the register's rollup and the import; a
    // relay has tried them since the upload, and failed
    const triedBefore = await attempts();
    await eventually(
      'a relay attempt to fail after the upload',
      async () => (await attempts()) > triedBefore,
      15_000,
    );
    expect(await pending()).toBe(4);
    expect(inbox.mails.filter((m) => m.subject.includes(order.reference))).toEqual([]);

    await redis.start();
    await eventually('the outbox to empty', async () => (await pending()) === 0);
    expect(await importFinished(api.app, lars, imported.id)).toMatchObject({ status: 'DONE' });
    // both notification jobs ran: the request to decide found it decided and stayed quiet
    const notifications = worker.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE), { strict: false });
    await eventually('both notification jobs to complete', async () => {
      const counts = await notifications.getJobCounts('completed', 'failed');
      return counts['completed'] === 2 && counts['failed'] === 0;
    });
    await inbox.waitFor((m) => m.subject === `Dispens för ${order.reference}: beviljad`);
    await eventually('the March 2019 rollup', async () => {
      const [row] = await api.dataSource.query(
        `SELECT sum(hours)::text AS hours FROM hired_monthly WHERE region_id = $1 AND month = '2019-03-01'`,
        [region.regionId],
      );
      return row?.hours === '12.00';
    });

    // processed once: no second e-mail turns up once all the work is done, and the rollups equal a
    // recompute
    await eventually('the outbox and the queues to drain', () =>
      workDone(worker, api.dataSource, api.config.redis.queuePrefix),
    );
    const mails = inbox.mails.filter((m) => m.subject.includes(order.reference)).map((m) => m.subject);
    expect(mails).toEqual([`Dispens för ${order.reference}: beviljad`]);
    expect(await notifications.getJobCounts('completed', 'failed')).toEqual({ completed: 2, failed: 0 });
    expect(await rollupDifferences(worker.get(RollupsService), region.regionId, ['2019-03-01'])).toEqual([]);
  });
});
