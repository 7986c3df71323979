import type { ProfessionGroup } from '@hyrkoll/contracts';
import { normaliseOrganisationNumber } from '@hyrkoll/domain';

import { Reach, reachCondition } from '../../common/auth/access';

/** The filters of the list, validated; months as `YYYY-MM`. */
export interface PurchasedHoursFilter {
  from?: string;
  to?: string;
  supplier?: string;
  areaId?: string;
  unitId?: string;
  professionGroup?: ProfessionGroup;
  unmatched?: boolean;
}

/** Who may see what: the whole region, or only some areas and units of it. */
export type PurchasedHoursReach = Reach;

export interface WhereClause {
  /** Conditions on `purchased_hours p` (and `suppliers s` joined on `p.supplier_id`), joined by AND. */
  sql: string;
  params: unknown[];
}

/** `%`, `_` and `\` taken literally in a LIKE pattern (PostgreSQL's default escape is `\`). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The WHERE clause of the list: always the user's region, then their reach, then each filter.
 * Values go in as parameters only.
 */
export function purchasedHoursWhere(
  regionId: string,
  reach: PurchasedHoursReach,
  filter: PurchasedHoursFilter,
): WhereClause {
  const params: unknown[] = [regionId];
  const conditions = ['p.region_id = $1'];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const scope = reachCondition(reach, 'p', param);
  if (scope) conditions.push(scope);
  if (filter.from) conditions.push(`p.month >= ${param(`${filter.from}-01`)}::date`);
  if (filter.to) conditions.push(`p.month <= ${param(`${filter.to}-01`)}::date`);
  if (filter.areaId) conditions.push(`p.area_id = ${param(filter.areaId)}`);
  if (filter.unitId) conditions.push(`p.unit_id = ${param(filter.unitId)}`);
  if (filter.professionGroup) conditions.push(`p.profession_group = ${param(filter.professionGroup)}`);
  if (filter.unmatched === true) conditions.push('p.order_id IS NULL');
  if (filter.unmatched === false) conditions.push('p.order_id IS NOT NULL');
  const supplier = filter.supplier?.trim();
  if (supplier) {
    const pattern = param(`%${likeLiteral(supplier)}%`);
    const alternatives = [`p.supplier_text ILIKE ${pattern}`, `s.name ILIKE ${pattern}`];
    const number = normaliseOrganisationNumber(supplier);
    if (number) alternatives.push(`s.organisation_number = ${param(number)}`);
    conditions.push(`(${alternatives.join(' OR ')})`);
  }
  return { sql: conditions.join(' AND '), params };
}
