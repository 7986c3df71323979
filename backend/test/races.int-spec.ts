import type { BidDto, DispensationDto, ErrorBody, OrderDto } from '@hyrkoll/contracts';
import type { Response } from 'supertest';

import { aBid, anOrder, CONSULTANTS, JUSTIFICATION } from './support/builders';
import { as, TestSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { startWorkflowWorld, WorkflowWorld } from './support/workflow-world';

/** The order (and its latest dispensation) as each racer saw it before acting. */
interface Seen {
  order: OrderDto;
  dispensation?: DispensationDto;
}

interface Action {
  name: string;
  /** What the action changes; its 409 must name that thing's state after the race. */
  target: 'order' | 'dispensation';
  send: (seen: Seen) => Promise<Response>;
}

interface RaceCase {
  state: string;
  reach: () => Promise<Seen>;
  actions: Action[];
}

/** Rounds per pair: each action goes first once. Bounded, no clock involved. */
const ROUNDS = 2;

/**
 * Every pair of conflicting actions on one order or dispensation, sent at the same moment: exactly
 * one wins and the other gets 409 naming the state it met; never a 500, never both.
 */
describe('conflicting actions sent at once', () => {
  let world: WorkflowWorld;
  let api: TestApp;
  let eva: TestSession;
  let maria: TestSession;
  let lars: TestSession;
  let consultant = 0;

  beforeAll(async () => {
    world = await startWorkflowWorld();
    ({ api, eva, maria, lars } = world);
  });

  afterAll(() => api.close());

  const post = (who: () => TestSession, path: (s: Seen) => string, body: (s: Seen) => object) => {
    return (s: Seen) => as(api.app, who()).post(path(s), body(s)) as unknown as Promise<Response>;
  };
  const onOrder = (name: string, who: () => TestSession, body: (o: OrderDto) => object): Action => ({
    name,
    target: 'order',
    send: post(
      who,
      (s) => `/api/orders/${s.order.id}/${name}`,
      (s) => body(s.order),
    ),
  });
  const onDispensation = (name: string, who: () => TestSession, body: (d: DispensationDto) => object) =>
    ({
      name,
      target: 'dispensation',
      send: post(
        who,
        (s) => `/api/dispensations/${s.dispensation?.id}/${name}`,
        (s) => body(s.dispensation as DispensationDto),
      ),
    }) satisfies Action;

  const version = (x: { version: number }) => ({ version: x.version });
  const submit = onOrder(
    'submit',
    () => eva,
    (o) => ({ version: o.version, justification: JUSTIFICATION }),
  );
  const cancelByManager = onOrder(
    'cancel',
    () => eva,
    (o) => ({ version: o.version, reason: 'Löst internt' }),
  );
  const cancelByPurchaser = onOrder(
    'cancel',
    () => lars,
    (o) => ({ version: o.version, reason: 'Löst' }),
  );
  const publish = onOrder('publish', () => lars, version);
  const unfilled = onOrder('unfilled', () => lars, version);
  const confirm = onOrder('confirm', () => lars, version);
  const close = onOrder('close', () => lars, version);
  const bid: Action = {
    name: 'bids',
    target: 'order',
    send: post(
      () => lars,
      (s) => `/api/orders/${s.order.id}/bids`,
      () => aBid(world.supplier('Norrlandsbemanning AB').id, nextConsultant()),
    ),
  };
  const award: Action = {
    name: 'award',
    target: 'order',
    send: async (s) => {
      const bids = (await as(api.app, lars).get(`/api/orders/${s.order.id}/bids`).expect(200))
        .body as BidDto[];
      return (await as(api.app, lars).post(`/api/orders/${s.order.id}/award`, {
        version: s.order.version,
        bidId: bids[0]?.id,
      })) as unknown as Response;
    },
  };
  const approve = onDispensation('approve', () => maria, version);
  const reject = onDispensation(
    'reject',
    () => maria,
    (d) => ({ version: d.version, comment: 'Nej' }),
  );
  const giveBack = onDispensation(
    'return',
    () => maria,
    (d) => ({ version: d.version, comment: 'Mer' }),
  );
  const withdraw = onDispensation('withdraw', () => eva, version);
  const resubmit = onDispensation(
    'resubmit',
    () => eva,
    (d) => ({
      version: d.version,
      justification: JUSTIFICATION,
    }),
  );
  const revoke = onDispensation(
    'revoke',
    () => maria,
    (d) => ({ version: d.version, comment: 'Återkallas' }),
  );

  function nextConsultant(): string {
    return CONSULTANTS[consultant++ % 4] as string;
  }

  async function orderNow(id: string): Promise<OrderDto> {
    return (await as(api.app, lars).get(`/api/orders/${id}`).expect(200)).body as OrderDto;
  }

  async function dispensationNow(id: string): Promise<DispensationDto> {
    return (await as(api.app, maria).get(`/api/dispensations/${id}`).expect(200)).body as DispensationDto;
  }

  async function draft(): Promise<Seen> {
    const body = anOrder(world.norrbole.id).withHours('120.00').build();
    return { order: (await as(api.app, eva).post('/api/orders', body).expect(201)).body as OrderDto };
  }

  async function awaiting(): Promise<Seen> {
    const { order, dispensation } = await world.submittedOrder('120.00');
    return { order, dispensation };
  }

  async function returned(): Promise<Seen> {
    const { order, dispensation } = await awaiting();
    const back = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation?.id}/return`, {
          version: dispensation?.version,
          comment: 'Mer',
        })
        .expect(200)
    ).body as DispensationDto;
    return { order: await orderNow(order.id), dispensation: back };
  }

  async function approved(): Promise<Seen> {
    const { order, dispensation } = await awaiting();
    const granted = (
      await as(api.app, maria)
        .post(`/api/dispensations/${dispensation?.id}/approve`, { version: dispensation?.version })
        .expect(200)
    ).body as DispensationDto;
    return { order: await orderNow(order.id), dispensation: granted };
  }

  async function published(): Promise<Seen> {
    const { order, dispensation } = await approved();
    const next = (await publish.send({ order })).body as OrderDto;
    return { order: next, dispensation };
  }

  async function withBids(): Promise<Seen> {
    const { order, dispensation } = await published();
    const res = await bid.send({ order });
    expect(res.status).toBe(201);
    return { order: await orderNow(order.id), dispensation };
  }

  async function awarded(): Promise<Seen> {
    const seen = await withBids();
    const res = await award.send(seen);
    expect(res.status).toBe(200);
    return { order: res.body as OrderDto, dispensation: seen.dispensation };
  }

  async function completed(): Promise<Seen> {
    const { order, dispensation } = await awarded();
    const done = (await confirm.send({ order })).body as OrderDto;
    // the assignment's start and end are the scheduler's, driven by the calendar
    await api.dataSource.query(
      `UPDATE orders SET status = 'COMPLETED', version = version + 1 WHERE id = $1 AND status = 'CONFIRMED'`,
      [done.id],
    );
    return { order: await orderNow(done.id), dispensation };
  }

  const CASES: RaceCase[] = [
    { state: 'DRAFT', reach: draft, actions: [submit, cancelByPurchaser] },
    {
      state: 'AWAITING_DISPENSATION',
      reach: awaiting,
      actions: [approve, reject, giveBack, withdraw, cancelByPurchaser],
    },
    { state: 'RETURNED', reach: returned, actions: [resubmit, withdraw, cancelByPurchaser] },
    { state: 'APPROVED', reach: approved, actions: [publish, cancelByManager] },
    { state: 'APPROVED (revocation)', reach: approved, actions: [revoke, cancelByManager] },
    { state: 'PUBLISHED', reach: published, actions: [bid, unfilled, cancelByManager] },
    { state: 'BIDS_RECEIVED', reach: withBids, actions: [award, unfilled, cancelByManager] },
    { state: 'AWARDED', reach: awarded, actions: [confirm, cancelByManager] },
    { state: 'COMPLETED', reach: completed, actions: [close, close] },
  ];

  /**
   * Pairs where the first may leave the second still allowed: returning, resubmitting or revoking a
   * dispensation does not change its order, so a cancel of the order may follow (and withdraws or
   * leaves the dispensation); the other way round the dispensation action finds it WITHDRAWN.
   */
  const BOTH_MAY_STAND = new Set(['return × cancel', 'resubmit × cancel', 'revoke × cancel']);

  const pairs = CASES.flatMap((c) =>
    c.actions.flatMap((a, i) =>
      c.actions.slice(i + 1).map((b) => ({ title: `${c.state}: ${a.name} × ${b.name}`, c, a, b })),
    ),
  );

  it.each(pairs)('$title: no 500, no rule broken, the loser told the state', async ({ c, a, b }) => {
    const bothMayStand = BOTH_MAY_STAND.has(`${a.name} × ${b.name}`);
    for (let round = 0; round < ROUNDS; round++) {
      const seen = await c.reach();
      const [first, second] = round % 2 === 0 ? [a, b] : [b, a];
      const results = await Promise.all([first.send(seen), second.send(seen)]);
      const statuses = results.map((r) => r.status);
      const won = statuses.filter((s) => s === 200 || s === 201).length;
      const lost = statuses.filter((s) => s === 409).length;
      if (bothMayStand && won === 2) {
        expect((await orderNow(seen.order.id)).status).toBe('CANCELLED');
        continue;
      }
      expect({ round, statuses, won, lost }).toEqual({ round, statuses, won: 1, lost: 1 });
      const order = await orderNow(seen.order.id);
      const dispensation = seen.dispensation ? await dispensationNow(seen.dispensation.id) : undefined;
      const loser = results[0]?.status === 409 ? first : second;
      const message = (results.find((r) => r.status === 409)?.body as ErrorBody).message;
      const state = loser.target === 'order' ? order.status : dispensation?.status;
      expect({ round, loser: loser.name, message }).toEqual({
        round,
        loser: loser.name,
        message: expect.stringMatching(new RegExp(`it is ${state}\\b`)),
      });
    }
  });

  it('publish and revoke of an approved order both stand, in either order, and the order ends cancelled', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const seen = await approved();
      const [published, revoked] =
        round % 2 === 0
          ? await Promise.all([publish.send(seen), revoke.send(seen)])
          : (await Promise.all([revoke.send(seen), publish.send(seen)])).reverse();
      expect(revoked?.status).toBe(200);
      expect([200, 409]).toContain(published?.status);
      expect((await orderNow(seen.order.id)).status).toBe('CANCELLED');
    }
  });
});
