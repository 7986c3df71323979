/**
 * SQL of the rollups' aggregations that the metrics also run, narrowed, for what the rollups do
 * not keep (the dispensation register by unit, care setting or supplier): one text for both, so
 * that a filtered answer counts exactly as the rollup does.
 */

/** A column, with its table's alias when given. */
const column = (alias: string | undefined, name: string) => (alias ? `${alias}.${name}` : name);

/** The month (Swedish time) of a dispensation's final approval `a.approved_at`. */
export const APPROVAL_MONTH = `date_trunc('month', a.approved_at AT TIME ZONE 'Europe/Stockholm')::date`;

/** The supplier of a purchased-hours row as the rollup keys it (`hired_monthly.supplier_key`). */
export const supplierKeyOf = (alias?: string) =>
  `COALESCE(${column(alias, 'supplier_id')}::text, 'unknown:' || lower(trim(${column(alias, 'supplier_text')})))`;

/** The profession group of an order's profession `o.profession` (the register's reporting dimension). */
export const GROUP_OF_PROFESSION = `CASE o.profession WHEN 'LAKARE' THEN 'LAKARE' ELSE 'SSK_BM' END`;

/** The statuses of a granted dispensation (approved, and expired or revoked since). */
export const GRANTED = `('APPROVED', 'EXPIRED', 'REVOKED')`;

/** The rows a register aggregation covers: conditions on a dispensation `d` with its approval `a`, and on hours `p`. */
export interface RegisterScope {
  /** Condition on a dispensation `d` and its final approval `a` (the register's month). */
  approvals: string;
  /** Condition on a table with `region_id` and `month`, aliased as given. */
  rows(alias?: string): string;
}

/**
 * The dispensation register: each granted dispensation counted in the month of its final
 * approval, and the hours and cost booked that month under granted dispensations, by rule type
 * (a dispensation with two rules counts under both), area and profession group. The metrics
 * also run it, narrowed, for a register filtered beyond its rollup's dimensions.
 */
export function registerSelect(scope: RegisterScope): string {
  return `
  SELECT x.region_id, x.month, x.rule, x.area_id, x.profession_group,
         sum(x.granted)::int AS granted, sum(x.hours) AS hours, sum(x.cost) AS cost_sek
    FROM (
      SELECT d.region_id, ${APPROVAL_MONTH} AS month, r.rule, d.area_id,
             ${GROUP_OF_PROFESSION} AS profession_group, 1 AS granted, 0 AS hours, 0 AS cost
        FROM dispensations d
        JOIN orders o ON o.id = d.order_id
        CROSS JOIN LATERAL (SELECT max(x.decided_at) AS approved_at FROM dispensation_decisions x
                             WHERE x.dispensation_id = d.id AND x.outcome = 'APPROVED') a
        CROSS JOIN LATERAL (SELECT DISTINCT e ->> 'rule' AS rule FROM jsonb_array_elements(d.rules) e) r
       WHERE d.status IN ${GRANTED} AND a.approved_at IS NOT NULL AND ${scope.approvals}
      UNION ALL
      SELECT p.region_id, p.month, r.rule, p.area_id, p.profession_group, 0, p.hours, p.cost_sek
        FROM purchased_hours p
        JOIN dispensations d ON d.order_id = p.order_id AND d.status IN ${GRANTED}
        CROSS JOIN LATERAL (SELECT DISTINCT e ->> 'rule' AS rule FROM jsonb_array_elements(d.rules) e) r
       WHERE ${scope.rows('p')}
    ) x
   GROUP BY x.region_id, x.month, x.rule, x.area_id, x.profession_group`;
}
