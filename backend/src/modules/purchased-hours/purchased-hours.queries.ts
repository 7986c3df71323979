import type { CareSetting, ProfessionGroup, PurchasedHoursRowDto } from '@hyrkoll/contracts';
import { normaliseOrganisationNumber } from '@hyrkoll/domain';
import type { EntityManager } from 'typeorm';

import { Reach, reachCondition } from '../../common/auth/access';
import { SqlParams } from '../../database/sql';

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
  const params = new SqlParams();
  const param = (value: unknown): string => params.add(value);
  const conditions = [`p.region_id = ${param(regionId)}`];
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
  return { sql: conditions.join(' AND '), params: params.values };
}

type Runner = Pick<EntityManager, 'query'>;

const FROM = 'FROM purchased_hours p LEFT JOIN suppliers s ON s.id = p.supplier_id';

interface Row {
  id: string;
  month: string;
  supplier_id: string | null;
  supplier_name: string;
  unit_id: string;
  unit_cost_centre: string;
  unit_name: string;
  area_id: string;
  area_code: string;
  area_name: string;
  care_setting: CareSetting;
  profession_group: ProfessionGroup;
  hours: string;
  cost_sek: string;
  order_id: string | null;
  order_reference: string | null;
  import_id: string;
  source: string;
}

function toDto(r: Row): PurchasedHoursRowDto {
  return {
    id: r.id,
    month: r.month,
    supplier: { id: r.supplier_id, name: r.supplier_name, onAgreement: r.supplier_id !== null },
    unit: { id: r.unit_id, costCentre: r.unit_cost_centre, name: r.unit_name },
    area: { id: r.area_id, code: r.area_code, name: r.area_name },
    careSetting: r.care_setting,
    professionGroup: r.profession_group,
    hours: r.hours,
    costSek: r.cost_sek,
    order: r.order_id && r.order_reference ? { id: r.order_id, reference: r.order_reference } : null,
    matched: r.order_id !== null,
    importId: r.import_id,
    source: r.source,
  };
}

/** The region's latest month with purchased hours (`YYYY-MM`), or null. */
export async function latestMonthOf(m: Runner, regionId: string): Promise<string | null> {
  const [latest] = await m.query<{ month: string | null }[]>(
    `SELECT to_char(max(month), 'YYYY-MM') AS month FROM purchased_hours WHERE region_id = $1`,
    [regionId],
  );
  return latest?.month ?? null;
}

/**
 * The count and sums of the rows a WHERE clause selects: unbounded numeric, rounded (not cast to
 * a precision, which would overflow); the count as text, exact as a number up to 2^53.
 */
export async function sumsOf(
  m: Runner,
  where: WhereClause,
): Promise<{ total: string; hours: string; cost: string } | undefined> {
  const [sums] = await m.query<{ total: string; hours: string; cost: string }[]>(
    `SELECT count(*)::text AS total, round(COALESCE(sum(p.hours), 0), 2)::text AS hours,
            round(COALESCE(sum(p.cost_sek), 0), 2)::text AS cost
       ${FROM} WHERE ${where.sql}`,
    where.params,
  );
  return sums;
}

/** One page of the rows a WHERE clause selects, newest month first. */
export async function pageOf(
  m: Runner,
  where: WhereClause,
  page: number,
  pageSize: number,
): Promise<PurchasedHoursRowDto[]> {
  const params = new SqlParams(where.params.length + 1);
  const rows = await m.query<Row[]>(
    `SELECT p.id::text AS id, to_char(p.month, 'YYYY-MM') AS month,
            p.supplier_id, COALESCE(s.name, p.supplier_text) AS supplier_name,
            p.unit_id, u.cost_centre AS unit_cost_centre, u.name AS unit_name,
            p.area_id, a.code AS area_code, a.name AS area_name,
            p.care_setting, p.profession_group, p.hours::text AS hours, p.cost_sek::text AS cost_sek,
            p.order_id, o.reference AS order_reference, p.import_id, p.source
       ${FROM}
       JOIN units u ON u.id = p.unit_id
       JOIN areas a ON a.id = p.area_id
       LEFT JOIN orders o ON o.id = p.order_id
      WHERE ${where.sql}
      ORDER BY p.month DESC, a.name, u.name, p.profession_group, COALESCE(s.name, p.supplier_text), p.id
      LIMIT ${params.add(pageSize)} OFFSET ${params.add((page - 1) * pageSize)}`,
    [...where.params, ...params.values],
  );
  return rows.map(toDto);
}
