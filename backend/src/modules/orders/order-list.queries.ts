import type { OrderSort, SortDirection } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { Reach, reachCondition } from '../../common/auth/access';
import { SqlParams } from '../../database/sql';
import { ORDER_SELECT, type OrderRow } from './orders.queries';

/* The orders' list and the navigation's counts: the statements that read many orders at once. */

/** The filters of the orders' list. */
export interface OrderFilter {
  status?: readonly string[];
  unitId?: string;
  areaId?: string;
  profession?: string;
  /** Orders whose period ends on or after this day. */
  from?: string;
  /** Orders whose period starts on or before this day. */
  to?: string;
  /** Text in the reference, the specialty, the unit's name or the profession's code. */
  q?: string;
}

/** The SQL of each sort column the list allows (a whitelist: nothing else reaches the statement). */
const ORDER_SORT_SQL: Record<OrderSort, { expression: string; direction: SortDirection }> = {
  created: { expression: 'o.created_at', direction: 'desc' },
  reference: { expression: 'o.reference', direction: 'asc' },
  unit: { expression: 'u.name', direction: 'asc' },
  profession: { expression: 'o.profession', direction: 'asc' },
  periodStart: { expression: 'o.period_start', direction: 'asc' },
  hours: { expression: 'o.hours', direction: 'desc' },
  estimate: { expression: 'o.estimated_total', direction: 'desc' },
  status: { expression: 'o.status', direction: 'asc' },
};

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of the orders a reach covers, sorted by a whitelisted column (ties by id, so that
 * pages never overlap), each row with the count of all that match (one row with the count and no
 * order when the page is past the end). The filter and the count read only the orders' keys; the
 * full rows, with their names and latest dispensation, are read for the page alone.
 */
export async function orderPage(
  m: Pick<EntityManager, 'query'>,
  regionId: string,
  reach: Reach,
  filter: OrderFilter,
  sort: { column: OrderSort; direction?: SortDirection },
  page: number,
  pageSize: number,
): Promise<(OrderRow & { total: number })[]> {
  const params = new SqlParams();
  const where = [`o.region_id = ${params.add(regionId)}`];
  const scope = reachCondition(reach, 'o', (value) => params.add(value));
  if (scope) where.push(scope);
  if (filter.status?.length) where.push(`o.status = ANY(${params.add(filter.status)})`);
  if (filter.unitId) where.push(`o.unit_id = ${params.add(filter.unitId)}`);
  if (filter.areaId) where.push(`o.area_id = ${params.add(filter.areaId)}`);
  if (filter.profession) where.push(`o.profession = ${params.add(filter.profession)}`);
  if (filter.from) where.push(`o.period_end >= ${params.add(filter.from)}`);
  if (filter.to) where.push(`o.period_start <= ${params.add(filter.to)}`);
  if (filter.q) {
    const text = params.add(likePattern(filter.q));
    where.push(
      `(o.reference ILIKE ${text} OR o.specialty ILIKE ${text} OR u.name ILIKE ${text} OR o.profession::text ILIKE ${text})`,
    );
  }
  const { expression, direction: natural } = ORDER_SORT_SQL[sort.column];
  const direction = (sort.direction ?? natural) === 'asc' ? 'ASC' : 'DESC';
  const limit = params.add(pageSize);
  const offset = params.add((page - 1) * pageSize);
  return m.query<(OrderRow & { total: number })[]>(
    `WITH filtered AS (
       SELECT o.id, row_number() OVER (ORDER BY ${expression} ${direction} NULLS LAST, o.id) AS position
         FROM orders o JOIN units u ON u.id = o.unit_id
        WHERE ${where.join(' AND ')}),
     page AS (
       SELECT id, position FROM filtered ORDER BY position LIMIT ${limit} OFFSET ${offset})
     SELECT c.total, x.*
       FROM (SELECT count(*)::int AS total FROM filtered) c
       LEFT JOIN (page JOIN (${ORDER_SELECT}) x ON x.id = page.id) ON true
      ORDER BY page.position`,
    params.values,
  );
}

/** How many orders of a reach are in each of `statuses` (for the navigation's counts). */
export async function orderCounts(
  m: Pick<EntityManager, 'query'>,
  regionId: string,
  reach: Reach,
  statuses: readonly string[],
): Promise<Record<string, number>> {
  const params = new SqlParams();
  const where = [`o.region_id = ${params.add(regionId)}`, `o.status = ANY(${params.add(statuses)})`];
  const scope = reachCondition(reach, 'o', (value) => params.add(value));
  if (scope) where.push(scope);
  const rows = await m.query<{ status: string; count: number }[]>(
    `SELECT o.status, count(*)::int AS count FROM orders o WHERE ${where.join(' AND ')} GROUP BY o.status`,
    params.values,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.count]));
}
