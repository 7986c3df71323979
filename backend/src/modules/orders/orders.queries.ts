import type {
  CostEstimate,
  DispensationPolicy,
  OrderDto,
  OrderStatus,
  TriggeredRule,
} from '@hyrkoll/contracts';
import { DECIDER_ROLES, type Placement } from '@hyrkoll/domain';
import type { EntityManager } from 'typeorm';

import { execute, prepared, select, SqlParams } from '../../database/sql';
import { validOn } from '../agreement/agreement.queries';

/** What an assessment needs from the database: the unit's area and zone, the prices, the policy. */
export interface LookupRow {
  area_id: string;
  price_zone: 1 | 2 | 3;
  tariff: string | null;
  allowance: string | null;
  policy: Partial<DispensationPolicy> | null;
}

/**
 * The lookup as SQL over the given expressions (parameters or another query's columns): the
 * unit's area and zone, the tariff for that zone, the travel allowance and the region's policy,
 * each valid on `day`. One row, or none when the unit is not in the region.
 */
export function assessmentLookup(
  unit: string,
  region: string,
  profession: string,
  level: string,
  day: string,
) {
  return `
  SELECT u.area_id, mu.price_zone,
         (SELECT p.hourly_rate FROM price_list p
           WHERE p.region_id = u.region_id AND p.profession = ${profession} AND p.competence_level = ${level}
             AND p.price_zone = mu.price_zone AND ${validOn('p', day)}) AS tariff,
         (SELECT t.amount_per_week FROM travel_allowances t
           WHERE t.region_id = u.region_id AND ${validOn('t', day)}) AS allowance,
         (SELECT dp.policy FROM dispensation_policies dp WHERE dp.region_id = u.region_id) AS policy
    FROM units u JOIN municipalities mu ON mu.id = u.municipality_id
   WHERE u.id = ${unit} AND u.region_id = ${region}`;
}

const ASSESSMENT_LOOKUP = prepared(assessmentLookup('$1', '$2', '$3', '$4', '$5'));

/** The lookup of one order's unit, profession and level on the order's first day. */
export async function lookupForAssessment(
  m: EntityManager,
  on: { unitId: string; regionId: string; profession: string; competenceLevel: string; day: string },
): Promise<LookupRow | undefined> {
  const [row] = await select<LookupRow>(m, ASSESSMENT_LOOKUP, [
    on.unitId,
    on.regionId,
    on.profession,
    on.competenceLevel,
    on.day,
  ]);
  return row;
}

/** An order row as the queries below return it. */
export interface OrderRow {
  id: string;
  region_id: string;
  reference: string;
  unit_id: string;
  area_id: string;
  status: OrderStatus;
  profession: OrderDto['profession'];
  competence_level: OrderDto['competenceLevel'];
  specialty: string | null;
  period_start: string;
  period_end: string;
  hours: string;
  schedule: string | null;
  reason: OrderDto['reason'];
  reason_text: string | null;
  requirements: string | null;
  off_agreement: boolean;
  requested_hourly_rate: string | null;
  extras_sek: string | null;
  price_zone: 1 | 2 | 3;
  estimate: CostEstimate;
  estimated_total: string | null;
  rules: TriggeredRule[];
  awarded_bid_id: string | null;
  confirmation_deadline: Date | null;
  created_by: string;
  created_by_name: string;
  unit_name: string;
  cost_centre: string;
  area_name: string;
  dispensation_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const ORDER_SELECT = `
  SELECT o.*, u.name AS unit_name, u.cost_centre, a.name AS area_name, cu.name AS created_by_name,
         (SELECT d.id FROM dispensations d WHERE d.order_id = o.id ORDER BY d.created_at DESC LIMIT 1) AS dispensation_id
    FROM orders o
    JOIN units u ON u.id = o.unit_id
    JOIN areas a ON a.id = o.area_id
    JOIN users cu ON cu.id = o.created_by`;

export function placementOf(row: { region_id: string; area_id: string; unit_id: string }): Placement {
  return { regionId: row.region_id, areaId: row.area_id, unitId: row.unit_id };
}

export function toOrderDto(r: OrderRow): OrderDto {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    unitId: r.unit_id,
    profession: r.profession,
    competenceLevel: r.competence_level,
    specialty: r.specialty,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    hours: r.hours,
    schedule: r.schedule,
    reason: r.reason,
    reasonText: r.reason_text,
    requirements: r.requirements,
    offAgreement: r.off_agreement,
    requestedHourlyRate: r.requested_hourly_rate,
    extrasSek: r.extras_sek,
    unit: {
      id: r.unit_id,
      name: r.unit_name,
      costCentre: r.cost_centre,
      areaId: r.area_id,
      areaName: r.area_name,
    },
    createdBy: { id: r.created_by, name: r.created_by_name },
    estimate: r.estimate,
    rules: r.rules,
    dispensationId: r.dispensation_id,
    awardedBidId: r.awarded_bid_id,
    confirmationDeadline: r.confirmation_deadline?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

/** The order as the audit trail keeps it: the fields that matter, without joined names. */
export function orderSnapshot(r: OrderRow): Record<string, unknown> {
  const dto = toOrderDto(r);
  const { unit, createdBy, createdAt: _created, updatedAt: _updated, ...rest } = dto;
  return { ...rest, unitName: unit.name, createdBy: createdBy.id };
}

const ORDER_BY_ID = prepared(`${ORDER_SELECT} WHERE o.id = $1 AND o.region_id = $2`);
const ORDER_BY_ID_FOR_UPDATE = prepared(
  `${ORDER_SELECT} WHERE o.id = $1 AND o.region_id = $2 FOR UPDATE OF o`,
);

export async function loadOrder(
  m: EntityManager,
  regionId: string,
  id: string,
  lock = false,
): Promise<OrderRow | null> {
  const [row] = await select<OrderRow>(m, lock ? ORDER_BY_ID_FOR_UPDATE : ORDER_BY_ID, [id, regionId]);
  return row ?? null;
}

/** The order locked for a change, with the assessment's lookup for its own unit, profession and period. */
const ORDER_WITH_LOOKUP_FOR_UPDATE = prepared(`
  SELECT o.*, l.area_id AS lookup_area_id, l.price_zone AS lookup_price_zone, l.tariff AS lookup_tariff,
         l.allowance AS lookup_allowance, l.policy AS lookup_policy
    FROM (${ORDER_SELECT} WHERE o.id = $1 AND o.region_id = $2 FOR UPDATE OF o) o
    LEFT JOIN LATERAL (${assessmentLookup('o.unit_id', 'o.region_id', 'o.profession', 'o.competence_level', 'o.period_start')}) l
      ON true`);

type Prefixed<T, P extends string> = { [K in keyof T & string as `${P}${K}`]: T[K] | null };

/**
 * Locks and reads an order and what its assessment needs, in one round trip (`loadOrder` and
 * `OrderAssessor.assess` in one); `lookup` is undefined when the unit is no longer in the region.
 */
export async function loadOrderWithLookup(
  m: EntityManager,
  regionId: string,
  id: string,
): Promise<{ order: OrderRow; lookup: LookupRow | undefined } | null> {
  const [row] = await select<OrderRow & Prefixed<LookupRow, 'lookup_'>>(m, ORDER_WITH_LOOKUP_FOR_UPDATE, [
    id,
    regionId,
  ]);
  if (!row) return null;
  const { lookup_area_id, lookup_price_zone, lookup_tariff, lookup_allowance, lookup_policy, ...order } = row;
  const lookup =
    lookup_area_id === null || lookup_price_zone === null
      ? undefined
      : {
          area_id: lookup_area_id,
          price_zone: lookup_price_zone,
          tariff: lookup_tariff,
          allowance: lookup_allowance,
          policy: lookup_policy,
        };
  return { order, lookup };
}

/**
 * Inserts a draft order from its columns, each named beside its value (the placeholders are
 * numbered as the columns are listed), with the next reference `HK-<year>-<number>`. Returns its id.
 */
export async function insertOrder(
  m: Pick<EntityManager, 'query'>,
  columns: Record<string, unknown>,
): Promise<string> {
  const params = new SqlParams();
  const names = Object.keys(columns);
  const values = names.map((name) => params.add(columns[name]));
  const [{ id }] = await m.query<{ id: string }[]>(
    `INSERT INTO orders (reference, ${names.join(', ')})
     VALUES ('HK-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('order_reference_seq')::text, 6, '0'), ${values.join(', ')})
     RETURNING id`,
    params.values,
  );
  return id;
}

/** The hours and cost booked against an order by month and supplier, with the total last. */
export async function bookedHoursOf(
  m: Pick<EntityManager, 'query'>,
  regionId: string,
  orderId: string,
): Promise<{ month: string | null; supplier: string | null; hours: string; cost_sek: string }[]> {
  return m.query<{ month: string | null; supplier: string | null; hours: string; cost_sek: string }[]>(
    `SELECT to_char(month, 'YYYY-MM') AS month, supplier_text AS supplier,
            sum(hours)::text AS hours, sum(cost_sek)::text AS cost_sek
       FROM purchased_hours
      WHERE region_id = $1 AND order_id = $2
      GROUP BY ROLLUP ((month, supplier_text))
      ORDER BY month NULLS LAST, supplier_text`,
    [regionId, orderId],
  );
}

/** An order a time-driven job found due, to be read again under its lock. */
export interface DueOrder {
  id: string;
  region_id: string;
}

/** Awarded orders whose supplier has not confirmed by the deadline, oldest deadline first. */
export async function awardsPastDeadline(
  m: Pick<EntityManager, 'query'>,
  now: Date,
  limit: number,
): Promise<DueOrder[]> {
  return m.query<DueOrder[]>(
    `SELECT id, region_id FROM orders WHERE status = 'AWARDED' AND confirmation_deadline < $1 ORDER BY confirmation_deadline LIMIT $2`,
    [now, limit],
  );
}

/** Confirmed orders whose period has begun. */
export async function ordersToStart(
  m: Pick<EntityManager, 'query'>,
  today: string,
  limit: number,
): Promise<DueOrder[]> {
  return m.query<DueOrder[]>(
    `SELECT id, region_id FROM orders WHERE status = 'CONFIRMED' AND period_start <= $1 LIMIT $2`,
    [today, limit],
  );
}

/** Orders in progress whose period has ended. */
export async function ordersToComplete(
  m: Pick<EntityManager, 'query'>,
  today: string,
  limit: number,
): Promise<DueOrder[]> {
  return m.query<DueOrder[]>(
    `SELECT id, region_id FROM orders WHERE status = 'IN_PROGRESS' AND period_end < $1 LIMIT $2`,
    [today, limit],
  );
}

/** Lapses the awarded bid if it is still awarded; returns it, or undefined when it was not. */
export async function lapseAwardedBid(
  m: EntityManager,
  bidId: string | null,
): Promise<{ id: string; supplier_id: string } | undefined> {
  const { rows } = await execute<{ id: string; supplier_id: string }>(
    m,
    `UPDATE bids SET status = 'LAPSED' WHERE id = $1 AND status = 'AWARDED' RETURNING id, supplier_id`,
    [bidId],
  );
  return rows[0];
}

/** Records a supplier's missed confirmation once per bid. */
export async function recordMissedConfirmation(
  m: Pick<EntityManager, 'query'>,
  deviation: { regionId: string; supplierId: string; orderId: string; bidId: string; deadline: Date },
): Promise<void> {
  await m.query(
    `INSERT INTO supplier_deviations (region_id, supplier_id, order_id, bid_id, kind, details)
     VALUES ($1, $2, $3, $4, 'MISSED_CONFIRMATION', $5) ON CONFLICT (bid_id, kind) DO NOTHING`,
    [
      deviation.regionId,
      deviation.supplierId,
      deviation.orderId,
      deviation.bidId,
      JSON.stringify({ deadline: deviation.deadline.toISOString() }),
    ],
  );
}

/** How many bids of an order are still registered (could be awarded). */
export async function registeredBids(m: Pick<EntityManager, 'query'>, orderId: string): Promise<number> {
  const [{ remaining }] = await m.query<{ remaining: number }[]>(
    `SELECT count(*)::int AS remaining FROM bids WHERE order_id = $1 AND status = 'REGISTERED'`,
    [orderId],
  );
  return remaining;
}

/** The dispensation of an order while it is under review, with what says who decides it now. */
export interface WaitingDispensationRow {
  step: 1 | 2;
  steps_required: number;
  area_name: string;
  waiting_since: Date;
  reminded_at: Date | null;
  /** The policy's `reminderAfterWorkingDays`, when the region has a policy. */
  reminder_days: number | null;
  /** Users who may take the step, each with the deciding role they hold (a user may come twice). */
  candidates: { name: string; role: 'AREA_CHIEF' | 'HEALTHCARE_DIRECTOR' }[] | null;
}

const deciderRoles = (step: 1 | 2) => DECIDER_ROLES[step].map((role) => `'${role}'`).join(', ');

/**
 * The order's dispensation under review, if any, with the active users who may decide its step:
 * the roles of `DECIDER_ROLES`, an area chief only of the dispensation's area, never the
 * requester nor who approved an earlier step (as the notifications choose whom to e-mail).
 */
const WAITING_DISPENSATION = prepared(`
  SELECT d.step, d.steps_required, a.name AS area_name, d.waiting_since, d.reminded_at,
         (SELECT (dp.policy ->> 'reminderAfterWorkingDays')::int
            FROM dispensation_policies dp WHERE dp.region_id = d.region_id) AS reminder_days,
         (SELECT json_agg(json_build_object('name', u.name, 'role', ra.role) ORDER BY u.name)
            FROM role_assignments ra JOIN users u ON u.id = ra.user_id
           WHERE ra.region_id = d.region_id AND u.region_id = d.region_id AND u.active
             AND u.id <> d.requested_by
             AND ra.role = ANY(CASE WHEN d.step = 1 THEN ARRAY[${deciderRoles(1)}]
                                    ELSE ARRAY[${deciderRoles(2)}] END)
             AND (ra.role <> 'AREA_CHIEF' OR ra.area_id = d.area_id)
             AND NOT EXISTS (SELECT 1 FROM dispensation_decisions x
                              WHERE x.dispensation_id = d.id AND x.step < d.step
                                AND x.outcome = 'APPROVED' AND x.decided_by = u.id)) AS candidates
    FROM dispensations d JOIN areas a ON a.id = d.area_id
   WHERE d.region_id = $1 AND d.order_id = $2 AND d.status = 'UNDER_REVIEW'
   ORDER BY d.created_at DESC LIMIT 1`);

export async function waitingDispensationOf(
  m: EntityManager,
  regionId: string,
  orderId: string,
): Promise<WaitingDispensationRow | undefined> {
  const [row] = await select<WaitingDispensationRow>(m, WAITING_DISPENSATION, [regionId, orderId]);
  return row;
}
