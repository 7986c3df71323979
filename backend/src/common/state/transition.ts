import { ErrorCode } from '@hyrkoll/contracts';
import { ORDER_TRANSITIONS } from '@hyrkoll/domain';
import type { EntityManager } from 'typeorm';

import { execute, prepared } from '../../database/sql';
import { DomainError } from '../errors/domain-error';

export interface TransitionRequest {
  table: 'orders' | 'dispensations';
  entity: 'order' | 'dispensation';
  id: string;
  regionId: string;
  /** The action's name, for the message: `Cannot approve the dispensation: it is APPROVED`. */
  action: string;
  from: readonly string[];
  to: string;
  /** The version the caller saw; a different current version is refused. */
  version?: number;
  /** More columns to set, by name; values are bound as parameters. */
  set?: Record<string, unknown>;
  /** More conditions, e.g. `step = 1`; they must hold for the change to happen. */
  where?: string;
}

/** How an action reads in "Cannot … the order", where its name is not already a plain verb. */
const ACTION_WORDS: Record<string, string> = {
  receiveBid: 'register a bid on',
  markUnfilled: 'mark unfilled',
  routeToDispensation: 'send for dispensation',
  confirmationMissed: 'lapse the award of',
  noBidsLeft: 'lapse the last bid of',
  startReview: 'start the review of',
  approveStep: 'approve a step of',
};

/**
 * Refuses an action the row's current state (as read under its lock) does not allow, or a
 * version other than the one the caller saw, with the same 409s as `transition`: for checks that
 * must come before the change itself (who may act, what the change needs), so that a stale
 * request hears what happened to the thing rather than why it could not have acted anyway.
 */
export function assertCurrent(
  row: { status: string; version: number },
  t: { entity: 'order' | 'dispensation'; action: string; from: readonly string[]; version?: number },
): void {
  if (!t.from.includes(row.status)) throw wrongState(t, row);
  if (t.version !== undefined && t.version !== row.version) throw stale(t, row);
}

/** 409: the action is not allowed in the current state; the state and action travel as params. */
function wrongState(
  t: { entity: 'order' | 'dispensation'; action: string },
  row: { status: string; version: number },
): DomainError {
  return new DomainError(
    t.entity === 'order' ? ErrorCode.ORDER_WRONG_STATE : ErrorCode.DISPENSATION_WRONG_STATE,
    `Cannot ${ACTION_WORDS[t.action] ?? t.action} the ${t.entity}: it is ${row.status}`,
    { params: { action: t.action, currentStatus: row.status, version: row.version } },
  );
}

/** 409: someone else changed the row since the caller read it. */
function stale(
  t: { entity: 'order' | 'dispensation'; version?: number },
  row: { status: string; version: number },
): DomainError {
  return DomainError.stale(
    t.entity,
    `The ${t.entity} was changed by someone else: it is ${row.status}, version ${row.version}${
      t.version !== undefined ? `, not ${t.version}` : ''
    }`,
    { currentStatus: row.status, version: row.version },
  );
}

/** `assertCurrent` for an order action by its name. */
export function assertState(
  row: { status: string; version: number },
  action: keyof typeof ORDER_TRANSITIONS,
): void {
  assertCurrent(row, { entity: 'order', action, from: ORDER_TRANSITIONS[action].from });
}

/**
 * Changes a state with one conditional UPDATE (`… WHERE status = ANY(from) AND version = v`)
 * and checks that it happened. Of two people acting at once exactly one wins: the other's
 * UPDATE finds the row changed and gets a 409 that names the current state.
 */
export async function transition(m: EntityManager, t: TransitionRequest): Promise<number> {
  return (await transitionReturning<{ version: number }>(m, t)).version;
}

/** As `transition`, returning the changed row of the table as it now is (every column). */
export async function transitionReturning<T extends { version: number }>(
  m: EntityManager,
  t: TransitionRequest,
): Promise<T> {
  const set = Object.entries(t.set ?? {});
  const params: unknown[] = [t.id, t.regionId, t.to, [...t.from]];
  const assignments = set.map(([column], i) => `${column} = $${5 + i}`);
  params.push(...set.map(([, value]) => value));
  let condition = `id = $1 AND region_id = $2 AND status = ANY($4)`;
  if (t.version !== undefined) {
    params.push(t.version);
    condition += ` AND version = $${params.length}`;
  }
  if (t.where) condition += ` AND (${t.where})`;
  // one text per call site and set of columns: each is prepared once per connection
  const { rows } = await execute<T>(
    m,
    prepared(`UPDATE ${t.table} SET status = $3, version = version + 1, updated_at = now()${assignments.map((a) => `, ${a}`).join('')}
      WHERE ${condition} RETURNING *`),
    params,
  );
  if (rows[0]) return rows[0];

  const [current] = await m.query<{ status: string; version: number }[]>(
    `SELECT status, version FROM ${t.table} WHERE id = $1 AND region_id = $2`,
    [t.id, t.regionId],
  );
  if (!current) throw DomainError.notFound(t.entity === 'order' ? 'Order' : 'Dispensation', t.id);
  if (!t.from.includes(current.status)) throw wrongState(t, current);
  throw stale(t, current);
}
