import type {
  DecisionDto,
  DispensationDto,
  DispensationSort,
  DispensationStatus,
  Profession,
  SortDirection,
  TriggeredRule,
} from '@hyrkoll/contracts';
import { DISPENSATION_TRANSITIONS } from '@hyrkoll/domain';
import type { EntityManager } from 'typeorm';

import { Reach, reachCondition } from '../../common/auth/access';
import { outboxInsert } from '../../common/outbox/outbox';
import { transition } from '../../common/state/transition';
import { execute, prepared, select, SqlParams } from '../../database/sql';

export interface DispensationRow {
  id: string;
  region_id: string;
  order_id: string;
  unit_id: string;
  area_id: string;
  status: DispensationStatus;
  step: number;
  steps_required: number;
  rules: TriggeredRule[];
  patient_safety_need: string;
  alternatives_tried: string;
  requested_by: string;
  requested_by_name: string;
  submitted_at: Date;
  waiting_since: Date;
  reminded_at: Date | null;
  estimated_cost: string | null;
  conditions: string | null;
  valid_from: string | null;
  valid_to: string | null;
  hours_cap: string | null;
  cost_cap: string | null;
  delegation_reference: string | null;
  order_reference: string;
  unit_name: string;
  area_name: string;
  decisions:
    | {
        step: number;
        outcome: DecisionDto['outcome'];
        decidedById: string;
        decidedByName: string;
        decidedAt: string;
        comment: string | null;
      }[]
    | null;
  version: number;
  /** Whether an active area chief of the unit's area, other than the requester, can take step 1. */
  area_chief_available: boolean;
}

/** The dispensation rows of `source` (the table, or a CTE of rows just written) with their names and decisions. */
export function dispensationSelect(source = 'dispensations'): string {
  return `
  SELECT d.*, o.reference AS order_reference, u.name AS unit_name, a.name AS area_name, rq.name AS requested_by_name,
         (SELECT json_agg(json_build_object('step', x.step, 'outcome', x.outcome, 'decidedById', x.decided_by,
                   'decidedByName', xu.name, 'decidedAt', x.decided_at, 'comment', x.comment) ORDER BY x.decided_at)
            FROM dispensation_decisions x JOIN users xu ON xu.id = x.decided_by
           WHERE x.dispensation_id = d.id) AS decisions,
         EXISTS (SELECT 1 FROM role_assignments ca JOIN users cu ON cu.id = ca.user_id
                  WHERE ca.region_id = d.region_id AND ca.role = 'AREA_CHIEF' AND ca.area_id = d.area_id
                    AND cu.active AND cu.id <> d.requested_by) AS area_chief_available
    FROM ${source} d
    JOIN orders o ON o.id = d.order_id
    JOIN units u ON u.id = d.unit_id
    JOIN areas a ON a.id = d.area_id
    JOIN users rq ON rq.id = d.requested_by`;
}

export const DISPENSATION_SELECT = dispensationSelect();

/** What the asking user may do with a dispensation now (all false for a reader, or an e-mail). */
export interface DispensationPermissions {
  mayDecide: boolean;
  mayResubmit: boolean;
  mayWithdraw: boolean;
  mayRevoke: boolean;
}

const NOTHING: DispensationPermissions = {
  mayDecide: false,
  mayResubmit: false,
  mayWithdraw: false,
  mayRevoke: false,
};

/** The dispensation as the API shows it, with what the asking user may do with it. */
export function toDispensationDto(
  r: DispensationRow,
  may: DispensationPermissions = NOTHING,
): DispensationDto {
  return {
    id: r.id,
    orderId: r.order_id,
    orderReference: r.order_reference,
    status: r.status,
    step: r.step,
    stepsRequired: r.steps_required,
    rules: r.rules,
    justification: { patientSafetyNeed: r.patient_safety_need, alternativesTried: r.alternatives_tried },
    requestedBy: { id: r.requested_by, name: r.requested_by_name },
    submittedAt: r.submitted_at.toISOString(),
    conditions: r.conditions,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    hoursCap: r.hours_cap,
    costCap: r.cost_cap,
    delegationReference: r.delegation_reference,
    decisions: (r.decisions ?? []).map((d) => ({
      step: d.step,
      outcome: d.outcome,
      decidedBy: { id: d.decidedById, name: d.decidedByName },
      decidedAt: new Date(d.decidedAt).toISOString(),
      comment: d.comment,
    })),
    estimatedCost: r.estimated_cost,
    unit: { id: r.unit_id, name: r.unit_name, areaId: r.area_id, areaName: r.area_name },
    ...may,
    version: r.version,
  };
}

/** The dispensation as the audit trail keeps it. */
export function dispensationSnapshot(r: DispensationRow): Record<string, unknown> {
  const { decisions, unit, requestedBy, ...rest } = toDispensationDto(r);
  for (const may of Object.keys(NOTHING)) delete (rest as Record<string, unknown>)[may];
  return { ...rest, requestedBy: requestedBy.id, unitId: unit.id, decisions: decisions.length };
}

const DISPENSATION_BY_ID = prepared(`${DISPENSATION_SELECT} WHERE d.id = $1 AND d.region_id = $2`);
const DISPENSATION_BY_ID_FOR_UPDATE = prepared(
  `${DISPENSATION_SELECT} WHERE d.id = $1 AND d.region_id = $2 FOR UPDATE OF d`,
);

export async function loadDispensation(
  m: EntityManager,
  regionId: string,
  id: string,
): Promise<DispensationRow | null> {
  const [row] = await select<DispensationRow>(m, DISPENSATION_BY_ID, [id, regionId]);
  return row ?? null;
}

/** The order of a dispensation never changes, so it can be read before anything is locked. */
const ORDER_OF_DISPENSATION = prepared(`SELECT order_id FROM dispensations WHERE id = $1 AND region_id = $2`);
const LOCK_ORDER = prepared(`SELECT id FROM orders WHERE id = $1 AND region_id = $2 FOR UPDATE`);

/**
 * Locks a dispensation for a change and reads it as it is once locked. Its order is locked
 * first: every transaction that changes an order and its dispensation takes the order's row
 * lock before the dispensation's (docs/architecture.md, "Locks"), so that two of them can
 * only wait for each other, never deadlock.
 */
export async function lockDispensation(
  m: EntityManager,
  regionId: string,
  id: string,
): Promise<DispensationRow | null> {
  const [ref] = await select<{ order_id: string }>(m, ORDER_OF_DISPENSATION, [id, regionId]);
  if (!ref) return null;
  await select(m, LOCK_ORDER, [ref.order_id, regionId]);
  const [row] = await select<DispensationRow>(m, DISPENSATION_BY_ID_FOR_UPDATE, [id, regionId]);
  return row ?? null;
}

/** One dispensation state change by action name, as a conditional update (409 when it cannot happen). */
export async function changeDispensation(
  m: EntityManager,
  d: Pick<DispensationRow, 'id' | 'region_id'>,
  action: keyof typeof DISPENSATION_TRANSITIONS,
  version?: number,
  set?: Record<string, unknown>,
): Promise<void> {
  const t = DISPENSATION_TRANSITIONS[action];
  await transition(m, {
    table: 'dispensations',
    entity: 'dispensation',
    id: d.id,
    regionId: d.region_id,
    action,
    from: t.from,
    to: t.to,
    version,
    set,
  });
}

type Runner = Pick<EntityManager, 'query'>;

/** The filters of the dispensations' list. */
export interface DispensationFilter {
  status?: readonly string[];
  areaId?: string;
  unitId?: string;
  /** Text in the order's reference, the unit's name or the profession's code. */
  q?: string;
}

/** A dispensation row of the list: with the order's profession and the count of all that match. */
export type DispensationListRow = DispensationRow & { profession: Profession; total: number };

/** The SQL of each sort column the list allows (a whitelist: nothing else reaches the statement). */
const DISPENSATION_SORT_SQL: Record<
  Exclude<DispensationSort, 'priority'>,
  { expression: string; direction: SortDirection }
> = {
  reference: { expression: 'x.order_reference', direction: 'asc' },
  unit: { expression: 'x.unit_name', direction: 'asc' },
  profession: { expression: 'lo.profession', direction: 'asc' },
  estimate: { expression: 'x.estimated_cost', direction: 'desc' },
  submitted: { expression: 'x.submitted_at', direction: 'desc' },
  waiting: { expression: 'x.waiting_since', direction: 'asc' },
  status: { expression: 'x.status', direction: 'asc' },
};

function dispensationOrder(sort: DispensationSort, asked: SortDirection | undefined): string {
  if (sort === 'priority') {
    const waitingFirst = asked === 'desc' ? 'ASC' : 'DESC';
    return `(x.status IN ('UNDER_REVIEW', 'SUBMITTED')) ${waitingFirst}, x.waiting_since ${asked === 'desc' ? 'DESC' : 'ASC'}, x.id`;
  }
  const { expression, direction } = DISPENSATION_SORT_SQL[sort];
  return `${expression} ${(asked ?? direction) === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, x.id`;
}

/**
 * The dispensations of a region that a reach covers and the filter selects, sorted by a
 * whitelisted column (ties by id), each with the count of all that match; one page of them when
 * `page` is given, else all (for a filter the service finishes itself, such as "waiting for me").
 */
export async function dispensationsOf(
  m: Runner,
  regionId: string,
  reach: Reach,
  filter: DispensationFilter,
  sort: { column: DispensationSort; direction?: SortDirection } = { column: 'priority' },
  page?: { page: number; pageSize: number },
): Promise<DispensationListRow[]> {
  const params = new SqlParams();
  const where = [`d.region_id = ${params.add(regionId)}`];
  const scope = reachCondition(reach, 'd', (value) => params.add(value));
  if (scope) where.push(scope);
  if (filter.status?.length) where.push(`d.status = ANY(${params.add(filter.status)})`);
  if (filter.areaId) where.push(`d.area_id = ${params.add(filter.areaId)}`);
  if (filter.unitId) where.push(`d.unit_id = ${params.add(filter.unitId)}`);
  if (filter.q) {
    const text = params.add(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(o.reference ILIKE ${text} OR u.name ILIKE ${text} OR o.profession ILIKE ${text})`);
  }
  const paging = page
    ? ` LIMIT ${params.add(page.pageSize)} OFFSET ${params.add((page.page - 1) * page.pageSize)}`
    : '';
  return m.query<DispensationListRow[]>(
    `SELECT x.*, lo.profession, count(*) OVER ()::int AS total
       FROM (${DISPENSATION_SELECT} WHERE ${where.join(' AND ')}) x
       JOIN orders lo ON lo.id = x.order_id
      ORDER BY ${dispensationOrder(sort.column, sort.direction)}${paging}`,
    params.values,
  );
}

/** Records one decider's decision on a step. */
export async function insertDecision(
  m: Runner,
  decision: {
    dispensationId: string;
    regionId: string;
    step: number;
    outcome: string;
    decidedBy: string;
    comment: string | null;
  },
): Promise<void> {
  await m.query(
    `INSERT INTO dispensation_decisions (dispensation_id, region_id, step, outcome, decided_by, comment) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      decision.dispensationId,
      decision.regionId,
      decision.step,
      decision.outcome,
      decision.decidedBy,
      decision.comment,
    ],
  );
}

/** The months (`YYYY-MM`) with purchased hours booked against an order. */
export async function bookedMonths(m: Runner, regionId: string, orderId: string): Promise<string[]> {
  const rows = await m.query<{ month: string }[]>(
    `SELECT DISTINCT to_char(month, 'YYYY-MM') AS month FROM purchased_hours WHERE region_id = $1 AND order_id = $2`,
    [regionId, orderId],
  );
  return rows.map((r) => r.month);
}

/** The id of an order's dispensation in one of `statuses`, if it has one. */
export async function dispensationOfOrder(
  m: Runner,
  regionId: string,
  orderId: string,
  statuses: readonly string[],
): Promise<string | undefined> {
  const [row] = await m.query<{ id: string }[]>(
    `SELECT id FROM dispensations WHERE order_id = $1 AND region_id = $2 AND status = ANY($3)`,
    [orderId, regionId, statuses],
  );
  return row?.id;
}

/** Approved dispensations whose validity ended or whose cap is used up, with why (at most 200). */
export async function dueToExpire(
  m: Runner,
  today: string,
): Promise<{ id: string; region_id: string; reason: string }[]> {
  return m.query<{ id: string; region_id: string; reason: string }[]>(
    `SELECT id, region_id,
            CASE WHEN valid_to < $1 THEN 'validity ended ' || to_char(valid_to, 'YYYY-MM-DD')
                 WHEN hours_cap IS NOT NULL AND hours_used >= hours_cap THEN 'hour cap used up'
                 ELSE 'cost cap used up' END AS reason
       FROM dispensations
      WHERE status = 'APPROVED'
        AND (valid_to < $1 OR (hours_cap IS NOT NULL AND hours_used >= hours_cap) OR (cost_cap IS NOT NULL AND cost_used >= cost_cap))
      LIMIT 200`,
    [today],
  );
}

/** Dispensations under review that no reminder was sent for, oldest first (at most 500). */
export async function notReminded(
  m: Runner,
): Promise<{ id: string; region_id: string; waiting_since: Date; version: number }[]> {
  return m.query<{ id: string; region_id: string; waiting_since: Date; version: number }[]>(
    `SELECT id, region_id, waiting_since, version FROM dispensations WHERE status = 'UNDER_REVIEW' AND reminded_at IS NULL ORDER BY waiting_since LIMIT 500`,
  );
}

/** Marks a dispensation reminded if it is still waiting at `version`; false when it is not. */
export async function markReminded(
  m: EntityManager,
  id: string,
  at: Date,
  version: number,
): Promise<boolean> {
  const { affected } = await execute(
    m,
    `UPDATE dispensations SET reminded_at = $2 WHERE id = $1 AND status = 'UNDER_REVIEW' AND reminded_at IS NULL AND version = $3`,
    [id, at, version],
  );
  return affected > 0;
}

/** The version of a dispensation as it is opened; its first e-mail job is named by it. */
export const FIRST_VERSION = 1;

/**
 * Inserts the dispensation of a submitted order with the outbox row of its e-mail to the decider
 * (one statement, one round trip), and reads it back as `loadDispensation` does. $1–$11 the
 * dispensation, $12–$17 the outbox job (`outboxInsert`).
 */
const OPEN_DISPENSATION = prepared(
  `WITH inserted AS (
       INSERT INTO dispensations (id, region_id, order_id, unit_id, area_id, status, step, steps_required, rules,
         patient_safety_need, alternatives_tried, requested_by, estimated_cost, version)
       VALUES ($1, $2, $3, $4, $5, 'UNDER_REVIEW', 1, $6, $7, $8, $9, $10, $11, ${FIRST_VERSION}) RETURNING *),
     queued AS (${outboxInsert(12)})
     ${dispensationSelect('inserted')}`,
);

/** The columns of a dispensation as it is opened, in the order of `OPEN_DISPENSATION`'s $1–$11. */
export interface NewDispensation {
  id: string;
  region_id: string;
  order_id: string;
  unit_id: string;
  area_id: string;
  steps_required: number;
  rules: string;
  patient_safety_need: string;
  alternatives_tried: string;
  requested_by: string | null;
  estimated_cost: string | null;
}

/** Opens a dispensation under review with its e-mail job (`job`: the outbox parameters) and reads it back. */
export async function openDispensation(
  m: EntityManager,
  d: NewDispensation,
  job: unknown[],
): Promise<DispensationRow | undefined> {
  const [created] = await select<DispensationRow>(m, OPEN_DISPENSATION, [
    d.id,
    d.region_id,
    d.order_id,
    d.unit_id,
    d.area_id,
    d.steps_required,
    d.rules,
    d.patient_safety_need,
    d.alternatives_tried,
    d.requested_by,
    d.estimated_cost,
    ...job,
  ]);
  return created;
}
