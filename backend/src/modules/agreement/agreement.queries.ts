import type {
  CompetenceLevel,
  Lot,
  PriceDto,
  PriceZone,
  Profession,
  TravelAllowanceDto,
} from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { execute, SqlParams } from '../../database/sql';

/**
 * The agreement's SQL (decision 018): suppliers, prices, travel allowances, price zones and the
 * register of former employees. AgreementService and FormerEmployeesService keep the rules and
 * the transactions.
 */

type Runner = Pick<EntityManager, 'query'>;

/** SQL: the row of `table` (a name or alias) with validity dates covers the day `day` (a parameter). */
export function validOn(table: string, day: string): string {
  return `${day}::date BETWEEN ${table}.valid_from AND COALESCE(${table}.valid_to, 'infinity')`;
}

// ---- suppliers

export interface SupplierRow {
  id: string;
  organisation_number: string;
  name: string;
  lots: Lot[];
  status: 'ACTIVE' | 'QUARANTINED';
  quarantine_reason: string | null;
  version: number;
}

export async function suppliersOfRegion(m: Runner, regionId: string): Promise<SupplierRow[]> {
  return m.query<SupplierRow[]>('SELECT * FROM suppliers WHERE region_id = $1 ORDER BY name', [regionId]);
}

export async function supplierOfRegion(
  m: Runner,
  regionId: string,
  id: string,
): Promise<SupplierRow | undefined> {
  const [row] = await m.query<SupplierRow[]>('SELECT * FROM suppliers WHERE id = $1 AND region_id = $2', [
    id,
    regionId,
  ]);
  return row;
}

export async function insertSupplier(
  m: Runner,
  supplier: { regionId: string; organisationNumber: string; name: string; lots: Lot[] },
): Promise<SupplierRow> {
  const [row] = await m.query<SupplierRow[]>(
    `INSERT INTO suppliers (region_id, organisation_number, name, lots) VALUES ($1, $2, $3, $4) RETURNING *`,
    [supplier.regionId, supplier.organisationNumber, supplier.name, supplier.lots],
  );
  return row as SupplierRow;
}

/** Changes the supplier if it is still at `version`; undefined when it is not. */
export async function updateSupplier(
  m: EntityManager,
  key: { regionId: string; id: string; version: number },
  change: { name: string; lots: Lot[]; status: SupplierRow['status']; quarantineReason: string | null },
): Promise<SupplierRow | undefined> {
  const { rows } = await execute<SupplierRow>(
    m,
    `UPDATE suppliers SET name = $4, lots = $5, status = $6, quarantine_reason = $7, version = version + 1, updated_at = now()
      WHERE id = $1 AND region_id = $2 AND version = $3 RETURNING *`,
    [key.id, key.regionId, key.version, change.name, change.lots, change.status, change.quarantineReason],
  );
  return rows[0];
}

// ---- prices and travel allowances

const PRICE_COLUMNS = `id, profession, competence_level AS "competenceLevel", price_zone AS "priceZone",
  hourly_rate AS "hourlyRate", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(valid_to, 'YYYY-MM-DD') AS "validTo", illustrative`;

const ALLOWANCE_COLUMNS = `id, amount_per_week AS "amountPerWeek", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(valid_to, 'YYYY-MM-DD') AS "validTo"`;

/** The region's prices, optionally of one profession and valid on one day (null: any). */
export async function pricesOfRegion(
  m: Runner,
  regionId: string,
  filter: { profession: Profession | null; on: string | null },
): Promise<PriceDto[]> {
  return m.query<PriceDto[]>(
    `SELECT ${PRICE_COLUMNS} FROM price_list
      WHERE region_id = $1 AND ($2::text IS NULL OR profession = $2)
        AND ($3::date IS NULL OR $3::date BETWEEN valid_from AND COALESCE(valid_to, 'infinity'))
      ORDER BY profession, competence_level, price_zone, valid_from`,
    [regionId, filter.profession, filter.on],
  );
}

export async function insertPrice(
  m: Runner,
  price: {
    regionId: string;
    profession: Profession;
    competenceLevel: CompetenceLevel;
    priceZone: PriceZone;
    hourlyRate: string;
    validFrom: string;
    validTo: string | null;
  },
): Promise<PriceDto> {
  const [row] = await m.query<PriceDto[]>(
    `INSERT INTO price_list (region_id, profession, competence_level, price_zone, hourly_rate, valid_from, valid_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${PRICE_COLUMNS}`,
    [
      price.regionId,
      price.profession,
      price.competenceLevel,
      price.priceZone,
      price.hourlyRate,
      price.validFrom,
      price.validTo,
    ],
  );
  return row as PriceDto;
}

export async function travelAllowancesOfRegion(m: Runner, regionId: string): Promise<TravelAllowanceDto[]> {
  return m.query<TravelAllowanceDto[]>(
    `SELECT ${ALLOWANCE_COLUMNS} FROM travel_allowances WHERE region_id = $1 ORDER BY valid_from`,
    [regionId],
  );
}

export async function insertTravelAllowance(
  m: Runner,
  allowance: { regionId: string; amountPerWeek: string; validFrom: string; validTo: string | null },
): Promise<TravelAllowanceDto> {
  const [row] = await m.query<TravelAllowanceDto[]>(
    `INSERT INTO travel_allowances (region_id, amount_per_week, valid_from, valid_to) VALUES ($1, $2, $3, $4)
     RETURNING ${ALLOWANCE_COLUMNS}`,
    [allowance.regionId, allowance.amountPerWeek, allowance.validFrom, allowance.validTo],
  );
  return row as TravelAllowanceDto;
}

/** The key of a series of validity periods: a price's profession, level and zone, or the region's allowance. */
export type PeriodKey =
  | {
      table: 'price_list';
      profession: Profession;
      competenceLevel: CompetenceLevel;
      priceZone: PriceZone;
    }
  | { table: 'travel_allowances' };

/**
 * Sets `validTo` on the region's open-ended period of the key that starts before `validFrom`;
 * the ids of the closed rows.
 */
export async function closeOpenPeriod(
  m: EntityManager,
  regionId: string,
  key: PeriodKey,
  validFrom: string,
  validTo: string,
): Promise<string[]> {
  const params = new SqlParams();
  const region = params.add(regionId);
  const closedOn = params.add(validTo);
  const keyCondition =
    key.table === 'price_list'
      ? ` AND profession = ${params.add(key.profession)} AND competence_level = ${params.add(key.competenceLevel)}` +
        ` AND price_zone = ${params.add(key.priceZone)}`
      : '';
  const { rows } = await execute<{ id: string }>(
    m,
    `UPDATE ${key.table} SET valid_to = ${closedOn} WHERE region_id = ${region}${keyCondition} AND valid_to IS NULL AND valid_from < ${params.add(validFrom)} RETURNING id`,
    params.values,
  );
  return rows.map((r) => r.id);
}

/** The hourly rate for a profession, level and zone valid on a day; null when none is. */
export async function tariffOn(
  m: Runner,
  regionId: string,
  profession: Profession,
  level: CompetenceLevel,
  zone: PriceZone,
  on: string,
): Promise<string | null> {
  const [row] = await m.query<{ hourly_rate: string }[]>(
    `SELECT hourly_rate FROM price_list
      WHERE region_id = $1 AND profession = $2 AND competence_level = $3 AND price_zone = $4
        AND ${validOn('price_list', '$5')}`,
    [regionId, profession, level, zone, on],
  );
  return row?.hourly_rate ?? null;
}

/** The region's travel allowance per started week valid on a day; null when none is. */
export async function travelAllowanceOn(m: Runner, regionId: string, on: string): Promise<string | null> {
  const [row] = await m.query<{ amount_per_week: string }[]>(
    `SELECT amount_per_week FROM travel_allowances WHERE region_id = $1 AND ${validOn('travel_allowances', '$2')}`,
    [regionId, on],
  );
  return row?.amount_per_week ?? null;
}

// ---- price zones

export interface MunicipalityZoneRow {
  id: string;
  name: string;
  price_zone: number;
  price_zone_illustrative: boolean;
}

/** The region's municipality with the code and its price zone, locked until the commit. */
export async function lockMunicipalityZone(
  m: Runner,
  regionId: string,
  code: string,
): Promise<MunicipalityZoneRow | undefined> {
  const [row] = await m.query<MunicipalityZoneRow[]>(
    'SELECT id, name, price_zone, price_zone_illustrative FROM municipalities WHERE code = $1 AND region_id = $2 FOR UPDATE',
    [code, regionId],
  );
  return row;
}

/** Sets the municipality's price zone and marks it as not illustrative. */
export async function setMunicipalityZone(m: Runner, id: string, priceZone: PriceZone): Promise<void> {
  await m.query('UPDATE municipalities SET price_zone = $2, price_zone_illustrative = false WHERE id = $1', [
    id,
    priceZone,
  ]);
}

// ---- former employees

export interface FormerEmployeeRow {
  id: string;
  identity_masked: string;
  employment_ended_on: string;
}

const FORMER_EMPLOYEE_COLUMNS = `id, identity_masked, to_char(employment_ended_on, 'YYYY-MM-DD') AS employment_ended_on`;

/** The region's register, latest end of employment first. */
export async function formerEmployeesOfRegion(m: Runner, regionId: string): Promise<FormerEmployeeRow[]> {
  return m.query<FormerEmployeeRow[]>(
    `SELECT ${FORMER_EMPLOYEE_COLUMNS}
       FROM former_employees WHERE region_id = $1 ORDER BY employment_ended_on DESC`,
    [regionId],
  );
}

/** Adds the person to the region's register; undefined when they are in it already. */
export async function insertFormerEmployee(
  m: EntityManager,
  person: { regionId: string; identityHash: Buffer; identityMasked: string; employmentEndedOn: string },
): Promise<FormerEmployeeRow | undefined> {
  const {
    rows: [inserted],
  } = await execute<FormerEmployeeRow>(
    m,
    `INSERT INTO former_employees (region_id, identity_hash, identity_masked, employment_ended_on) VALUES ($1, $2, $3, $4)
     ON CONFLICT (region_id, identity_hash) DO NOTHING
     RETURNING ${FORMER_EMPLOYEE_COLUMNS}`,
    [person.regionId, person.identityHash, person.identityMasked, person.employmentEndedOn],
  );
  return inserted;
}

/** The person's row in the region's register, locked until the commit. */
export async function lockFormerEmployee(
  m: EntityManager,
  regionId: string,
  identityHash: Buffer,
): Promise<FormerEmployeeRow | undefined> {
  const {
    rows: [existing],
  } = await execute<FormerEmployeeRow>(
    m,
    `SELECT ${FORMER_EMPLOYEE_COLUMNS}
       FROM former_employees WHERE region_id = $1 AND identity_hash = $2 FOR UPDATE`,
    [regionId, identityHash],
  );
  return existing;
}

export async function updateEmploymentEndedOn(
  m: EntityManager,
  id: string,
  employmentEndedOn: string,
): Promise<FormerEmployeeRow | undefined> {
  const {
    rows: [updated],
  } = await execute<FormerEmployeeRow>(
    m,
    `UPDATE former_employees SET employment_ended_on = $2 WHERE id = $1
     RETURNING ${FORMER_EMPLOYEE_COLUMNS}`,
    [id, employmentEndedOn],
  );
  return updated;
}

/** Removes the row from the region's register; undefined when the region has no such row. */
export async function deleteFormerEmployee(
  m: EntityManager,
  regionId: string,
  id: string,
): Promise<FormerEmployeeRow | undefined> {
  const { rows } = await execute<FormerEmployeeRow>(
    m,
    `DELETE FROM former_employees WHERE id = $1 AND region_id = $2
     RETURNING ${FORMER_EMPLOYEE_COLUMNS}`,
    [id, regionId],
  );
  return rows[0];
}

/** The person's row in the register and the end of their employment, if they are there. */
export async function employmentOf(
  m: Runner,
  regionId: string,
  identityHash: Buffer,
): Promise<{ id: string; ended: string } | undefined> {
  const [row] = await m.query<{ id: string; ended: string }[]>(
    `SELECT id, to_char(employment_ended_on, 'YYYY-MM-DD') AS ended FROM former_employees WHERE region_id = $1 AND identity_hash = $2`,
    [regionId, identityHash],
  );
  return row;
}

/** The end of the person's employment with the region, if they are in the register. */
export async function employmentEndOf(
  m: Runner,
  regionId: string,
  identityHash: Buffer,
): Promise<string | null> {
  return (await employmentOf(m, regionId, identityHash))?.ended ?? null;
}
