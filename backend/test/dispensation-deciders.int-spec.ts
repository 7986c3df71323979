import type { DispensationDto, UnitDto } from '@hyrkoll/contracts';

import { anOrder } from './support/builders';
import { DEMO_STAFF, DemoPerson as Person } from './support/demo-staff';
import { NEW_REGION_PASSWORD, NewRegion, newRegion } from './support/new-region';
import { as, loginAs, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';
import { submitOrder } from './support/workflow';

const EVERYONE = Object.keys(DEMO_STAFF.users) as Person[];

/** One way of walking a dispensation on: who does what, with which body. */
interface Move {
  action: 'approve' | 'reject' | 'return' | 'resubmit' | 'withdraw' | 'revoke';
  by: Person;
}

/**
 * Every state a dispensation can reach, for each way a region can be staffed: someone other than
 * the requester can always take the next decision, and each user's inbox (and the `mayDecide`
 * of the dispensation) shows exactly the dispensations that user may decide; everyone else is
 * refused.
 */
describe('who decides each step, in every reachable state', () => {
  let api: TestApp;
  let region: NewRegion;
  const sessions = {} as Record<Person, TestSession>;
  const units = {} as Record<'norrbole' | 'alidhem', UnitDto>;

  beforeAll(async () => {
    api = await startApi();
    region = await newRegion(api.app, api.dataSource, DEMO_STAFF);
    Object.assign(sessions, region.sessions);
    const all = (await as(api.app, sessions.purchaser).get('/api/org/units').expect(200)).body as UnitDto[];
    units.norrbole = all.find((u) => u.costCentre === '120101') as UnitDto;
    units.alidhem = all.find((u) => u.costCentre === '110101') as UnitDto;
  });

  afterAll(() => api.close());

  /** The users for whom the dispensation is in the inbox, and those it says may decide it. */
  async function deciders(id: string, among: readonly Person[]) {
    const inInbox: Person[] = [];
    const mayDecide: Person[] = [];
    for (const person of among) {
      const inbox = await as(api.app, sessions[person]).get(
        '/api/dispensations?waitingForMe=true&pageSize=100',
      );
      expect({ person, status: inbox.status }).toEqual({ person, status: inbox.status === 403 ? 403 : 200 });
      if ((inbox.body as { items?: DispensationDto[] }).items?.some((d) => d.id === id)) inInbox.push(person);
      const res = await as(api.app, sessions[person]).get(`/api/dispensations/${id}`);
      if (res.status === 200 && (res.body as DispensationDto).mayDecide) mayDecide.push(person);
    }
    return { inInbox, mayDecide };
  }

  /** The users for whom the dispensation says they may do `what` (those who cannot read it may not). */
  async function allowed(
    id: string,
    what: 'mayResubmit' | 'mayWithdraw' | 'mayRevoke',
    among: readonly Person[],
  ): Promise<Person[]> {
    const who: Person[] = [];
    for (const person of among) {
      const res = await as(api.app, sessions[person]).get(`/api/dispensations/${id}`);
      if (res.status === 200 && (res.body as DispensationDto)[what]) who.push(person);
    }
    return who;
  }

  async function current(id: string): Promise<DispensationDto> {
    return (await as(api.app, sessions.healthcareDirector).get(`/api/dispensations/${id}`).expect(200))
      .body as DispensationDto;
  }

  function move(d: DispensationDto, m: Move) {
    const body =
      m.action === 'resubmit'
        ? { version: d.version, justification: d.justification }
        : m.action === 'approve' || m.action === 'withdraw'
          ? { version: d.version }
          : { version: d.version, comment: 'Kommentar' };
    return as(api.app, sessions[m.by]).post(`/api/dispensations/${d.id}/${m.action}`, body);
  }

  /** Every user but the expected deciders is refused the decision, and nothing changes. */
  async function othersRefused(d: DispensationDto, expected: readonly Person[], among: readonly Person[]) {
    for (const person of among.filter((p) => !expected.includes(p))) {
      const res = await move(d, { action: 'approve', by: person });
      expect({ person, refused: [403, 404].includes(res.status) }).toEqual({ person, refused: true });
    }
    expect((await current(d.id)).version).toBe(d.version);
  }

  interface Staffing {
    name: string;
    requester: Person;
    unit: () => UnitDto;
    /** Users the staffing leaves able to log in. */
    among: () => readonly Person[];
    step1: readonly Person[];
    /** Who takes step 2; empty when the step-1 decider is a director and step 2 is skipped. */
    step2: readonly Person[];
    /** Who may revoke an approval: the area's chief and the director, never the requester. */
    revokers: readonly Person[];
    before?: () => Promise<void>;
    after?: () => Promise<void>;
  }

  const emailOf = (person: Person) => region.users[person]?.email as string;
  const setActive = (person: Person, active: boolean) =>
    api.dataSource.query(`UPDATE users SET active = $2 WHERE email = $1`, [emailOf(person), active]);

  const STAFFINGS: Staffing[] = [
    {
      name: 'the area has a chief',
      requester: 'unitManagerSkelleftea',
      unit: () => units.norrbole,
      among: () => EVERYONE,
      step1: ['areaChiefSkelleftea'],
      step2: ['healthcareDirector'],
      revokers: ['areaChiefSkelleftea', 'healthcareDirector'],
    },
    {
      name: "the area's only chief is the requester",
      requester: 'areaChiefAndUnitManagerUmea',
      unit: () => units.alidhem,
      among: () => EVERYONE,
      step1: ['healthcareDirector'],
      step2: [],
      revokers: ['healthcareDirector'],
    },
    {
      name: 'the area has no active chief',
      requester: 'unitManagerSkelleftea',
      unit: () => units.norrbole,
      among: () => EVERYONE.filter((p) => p !== 'areaChiefSkelleftea'),
      step1: ['healthcareDirector'],
      step2: [],
      revokers: ['healthcareDirector'],
      before: () => setActive('areaChiefSkelleftea', false),
      after: async () => {
        await setActive('areaChiefSkelleftea', true);
        sessions.areaChiefSkelleftea = await loginAs(
          api.app,
          emailOf('areaChiefSkelleftea'),
          NEW_REGION_PASSWORD,
        );
      },
    },
  ];

  describe.each(STAFFINGS)('when $name', (s) => {
    beforeAll(async () => s.before?.());
    afterAll(async () => s.after?.());

    async function opened(hours: string): Promise<DispensationDto> {
      const { dispensation } = await submitOrder(
        api.app,
        sessions[s.requester],
        anOrder(s.unit().id).withHours(hours).build(),
      );
      return dispensation;
    }

    /** Checks who may decide the waiting step, that the others are refused, and takes the step. */
    async function decideStep(d: DispensationDto, expected: readonly Person[], move_: Move['action']) {
      expect(d.status).toBe('UNDER_REVIEW');
      expect(expected.length).toBeGreaterThan(0);
      expect(expected).not.toContain(s.requester);
      expect(await deciders(d.id, s.among())).toEqual({ inInbox: [...expected], mayDecide: [...expected] });
      await othersRefused(d, expected, s.among());
      const res = await move(d, { action: move_, by: expected[0] as Person });
      expect(res.status).toBe(200);
      return res.body as DispensationDto;
    }

    it.each([
      ['one step', '200.00', 1],
      ['two steps', '480.00', 2],
    ] as const)(
      '%s: every approval path ends APPROVED, with the right person at each step',
      async (_, hours, steps) => {
        const d = await opened(hours);
        expect(d.stepsRequired).toBe(steps);
        let after = await decideStep(d, s.step1, 'approve');
        if (steps === 2 && s.step2.length > 0) {
          expect(after).toMatchObject({ status: 'UNDER_REVIEW', step: 2 });
          after = await decideStep(after, s.step2, 'approve');
        }
        expect(after.status).toBe('APPROVED');
        expect(after.mayDecide).toBe(false);
        expect(await allowed(d.id, 'mayRevoke', s.among())).toEqual([...s.revokers]);
        expect(await allowed(d.id, 'mayWithdraw', s.among())).toEqual([]);
        // an approved dispensation can still be revoked by someone other than the requester
        const revoked = await move(after, { action: 'revoke', by: s.step1[0] as Person });
        expect(revoked.status).toBe(200);
        expect(await deciders(d.id, s.among())).toEqual({ inInbox: [], mayDecide: [] });
      },
    );

    it.each(['reject', 'return'] as const)(
      'two steps: %s at each step goes to the right person, and a return comes back to step 1',
      async (outcome) => {
        const d = await opened('480.00');
        const ended = await decideStep(d, s.step1, outcome);
        if (outcome === 'return') {
          expect(ended.status).toBe('RETURNED');
          // the unit's side answers a return
          expect(await allowed(d.id, 'mayResubmit', s.among())).toEqual([s.requester]);
          expect(await allowed(d.id, 'mayWithdraw', s.among())).toEqual([s.requester]);
          expect(await deciders(d.id, s.among())).toEqual({ inInbox: [], mayDecide: [] });
          const again = (await move(ended, { action: 'resubmit', by: s.requester }).expect(200))
            .body as DispensationDto;
          expect(again).toMatchObject({ status: 'UNDER_REVIEW', step: 1 });
          const approved = await decideStep(again, s.step1, 'approve');
          if (s.step2.length === 0) return expect(approved.status).toBe('APPROVED');
          const back = await decideStep(approved, s.step2, 'return');
          expect(back).toMatchObject({ status: 'RETURNED', step: 1 });
        } else {
          expect(ended.status).toBe('REJECTED');
        }
        expect(await deciders(d.id, s.among())).toEqual({ inInbox: [], mayDecide: [] });
      },
    );
  });
});
