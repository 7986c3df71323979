import type { DispensationDto, ErrorBody, OrderDto } from '@hyrkoll/contracts';

import { anOrder } from './support/builders';
import { as, TestSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { submitOrder } from './support/workflow';
import { startWorkflowWorld } from './support/workflow-world';

const ROUNDS = 12;

describe('two people acting on the same item at once', () => {
  let api: TestApp;
  let eva: TestSession;
  let maria: TestSession;
  let lars: TestSession;
  let kage: string;

  beforeAll(async () => {
    const world = await startWorkflowWorld();
    ({ api, eva, maria, lars } = world);
    kage = world.region.unitIds['120102'] as string;
  });

  afterAll(() => api.close());

  function waitingDispensation(): Promise<{ order: OrderDto; dispensation: DispensationDto }> {
    return submitOrder(api.app, eva, anOrder(kage).withHours('100.00').build());
  }

  it(`has exactly one winner in each of ${ROUNDS} rounds of two decisions, the loser told the current state`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { order, dispensation } = await waitingDispensation();
      const approve = as(api.app, maria).post(`/api/dispensations/${dispensation.id}/approve`, {
        version: dispensation.version,
      });
      // the area chief in two tabs: since step 1 is hers alone, the director may not take it
      const reject = as(api.app, maria).post(`/api/dispensations/${dispensation.id}/reject`, {
        version: dispensation.version,
        comment: 'Nej',
      });
      const results = await Promise.all(round % 2 === 0 ? [approve, reject] : [reject, approve]);
      const winners = results.filter((r) => r.status === 200);
      const losers = results.filter((r) => r.status === 409);
      expect({ round, winners: winners.length, losers: losers.length }).toEqual({
        round,
        winners: 1,
        losers: 1,
      });
      const final = (winners[0]?.body as DispensationDto).status;
      expect((losers[0]?.body as ErrorBody).message).toMatch(
        new RegExp(`it is ${final}|changed by someone else: it is ${final}`),
      );

      const decisions = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM dispensation_decisions WHERE dispensation_id = $1`,
        [dispensation.id],
      );
      expect(decisions).toEqual([{ n: 1 }]);
      const orderNow = (await as(api.app, eva).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
      expect(orderNow.status).toBe(final === 'APPROVED' ? 'APPROVED' : 'REJECTED');
    }
  });

  it('publishes an order once when the purchaser clicks twice', async () => {
    const { order, dispensation } = await waitingDispensation();
    await as(api.app, maria)
      .post(`/api/dispensations/${dispensation.id}/approve`, { version: dispensation.version })
      .expect(200);
    const approved = (await as(api.app, lars).get(`/api/orders/${order.id}`).expect(200)).body as OrderDto;
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        as(api.app, lars).post(`/api/orders/${order.id}/publish`, { version: approved.version }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const events = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'order.publish'`,
      [order.id],
    );
    expect(events).toEqual([{ n: 1 }]);
  });
});
