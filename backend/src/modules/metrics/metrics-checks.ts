/** What every metrics question shares: the checks of its period and filters, and its cache key. */
import { ErrorCode, FieldErrorCode, MetricFilters } from '@hyrkoll/contracts';
import { monthsBetween, reachOf } from '@hyrkoll/domain';
import type { EntityManager } from 'typeorm';

import { DomainError } from '../../common/errors/domain-error';
import { areaOfUnit } from './metrics.queries';

const MAX_MONTHS = 120;

export type Reach = ReturnType<typeof reachOf>;

/** The part of the organisation an answer covers, as part of its cache key. */
export function reachKey(reach: Reach): string {
  if (!reach) return 'none';
  if (reach.region) return 'region';
  return `areas:${[...reach.areaIds].sort().join(',')};units:${[...reach.unitIds].sort().join(',')}`;
}

/** The filters given, in a fixed order, as part of a cache key. */
export function filterKey(filters: MetricFilters): string {
  return (['area', 'unit', 'careSetting', 'professionGroup', 'supplier'] as const)
    .map((name) => filters[name] ?? '')
    .join('|');
}

/**
 * A filter never widens what a user sees (the reach is applied as well), but one naming an area
 * or unit outside the user's scope is refused with 403 rather than answered with zeros.
 */
export async function checkFilters(
  m: Pick<EntityManager, 'query'>,
  regionId: string,
  reach: Reach,
  filters: MetricFilters,
): Promise<void> {
  if (reach?.region) return;
  const outside = (field: 'area' | 'unit') =>
    new DomainError(
      ErrorCode.FILTER_OUTSIDE_SCOPE,
      `The ${field} filter names a ${field} outside your scope`,
      {
        params: { filter: field },
        fields: [{ field, code: FieldErrorCode.OUTSIDE_SCOPE, message: `${field} is outside your scope` }],
      },
    );
  if (filters.area !== undefined) {
    const own = reach?.areaIds.includes(filters.area) ?? false;
    const ofOwnUnit =
      !own &&
      reach !== null &&
      (await Promise.all(reach.unitIds.map((unit) => areaOfUnit(m, regionId, unit)))).includes(filters.area);
    if (!own && !ofOwnUnit) throw outside('area');
  }
  if (filters.unit !== undefined) {
    if (reach?.unitIds.includes(filters.unit)) return;
    const area = await areaOfUnit(m, regionId, filters.unit);
    if (area === undefined || !reach?.areaIds.includes(area)) throw outside('unit');
  }
}

/** The period asked for: `to` not before `from`, and at most MAX_MONTHS months. */
export function checkRange(from: string, to: string): void {
  const span = monthsBetween(from, to);
  if (span < 0) {
    throw DomainError.validation([
      {
        field: 'to',
        code: FieldErrorCode.DATE_ORDER,
        params: { after: 'from' },
        message: 'to must not be before from',
      },
    ]);
  }
  if (span >= MAX_MONTHS) {
    throw DomainError.validation([
      {
        field: 'to',
        code: FieldErrorCode.PERIOD_TOO_LONG,
        params: { max: MAX_MONTHS, unit: 'months' },
        message: `at most ${MAX_MONTHS} months at a time`,
      },
    ]);
  }
}
