import type { AreaDto, CareSetting } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { Unit } from './entities/unit.entity';

/** The organisation's SQL (decision 018); OrgService keeps the rules and the transactions. */

type Runner = Pick<EntityManager, 'query'>;

const AREA_SELECT = `
  SELECT a.id, a.code, a.name,
         (SELECT count(*) FROM units u WHERE u.area_id = a.id)::int AS "unitCount"
    FROM areas a`;

export async function areasOfRegion(m: Runner, regionId: string): Promise<AreaDto[]> {
  return m.query<AreaDto[]>(`${AREA_SELECT} WHERE a.region_id = $1 ORDER BY a.name`, [regionId]);
}

export async function areaOfRegion(m: Runner, regionId: string, id: string): Promise<AreaDto | undefined> {
  const [row] = await m.query<AreaDto[]>(`${AREA_SELECT} WHERE a.id = $1 AND a.region_id = $2`, [
    id,
    regionId,
  ]);
  return row;
}

/** Locks the area's row, if the region has it, until the commit. */
export async function lockArea(m: Runner, regionId: string, id: string): Promise<void> {
  await m.query('SELECT 1 FROM areas WHERE id = $1 AND region_id = $2 FOR UPDATE', [id, regionId]);
}

export async function insertArea(
  m: Runner,
  area: { regionId: string; code: string; name: string },
): Promise<string> {
  const [{ id }] = await m.query<{ id: string }[]>(
    'INSERT INTO areas (region_id, code, name) VALUES ($1, $2, $3) RETURNING id',
    [area.regionId, area.code, area.name],
  );
  return id;
}

export async function updateArea(
  m: Runner,
  key: { regionId: string; id: string },
  change: { code: string; name: string },
): Promise<void> {
  await m.query('UPDATE areas SET code = $3, name = $4 WHERE id = $1 AND region_id = $2', [
    key.id,
    key.regionId,
    change.code,
    change.name,
  ]);
}

/** Whether another area of the region (not `exceptId`) has the code, ignoring case. */
export async function hasSimilarAreaCode(
  m: Runner,
  regionId: string,
  code: string,
  exceptId: string | null,
): Promise<boolean> {
  const rows = await m.query<unknown[]>(
    'SELECT 1 FROM areas WHERE region_id = $1 AND lower(code) = lower($2) AND id IS DISTINCT FROM $3',
    [regionId, code, exceptId],
  );
  return rows.length > 0;
}

/** The id of the area if the region has it. */
export async function areaIdInRegion(m: Runner, regionId: string, id: string): Promise<string | undefined> {
  const [area] = await m.query<{ id: string }[]>('SELECT id FROM areas WHERE id = $1 AND region_id = $2', [
    id,
    regionId,
  ]);
  return area?.id;
}

/** The id of the region's municipality with the code. */
export async function municipalityIdByCode(
  m: Runner,
  regionId: string,
  code: string,
): Promise<string | undefined> {
  const [municipality] = await m.query<{ id: string }[]>(
    'SELECT id FROM municipalities WHERE code = $1 AND region_id = $2',
    [code, regionId],
  );
  return municipality?.id;
}

/** The region's units with their area and municipality, by area name and unit name. */
export async function unitsOfRegion(
  m: EntityManager,
  regionId: string,
  filter: { area?: string; careSetting?: CareSetting },
): Promise<Unit[]> {
  const qb = unitQuery(m, regionId).orderBy('a.name', 'ASC').addOrderBy('u.name', 'ASC');
  if (filter.area) {
    qb.andWhere('a.code = :area', { area: filter.area });
  }
  if (filter.careSetting) {
    qb.andWhere('u.care_setting = :careSetting', { careSetting: filter.careSetting });
  }
  return qb.getMany();
}

/** The region's unit with its area and municipality. */
export async function unitOfRegion(m: EntityManager, regionId: string, id: string): Promise<Unit | null> {
  return unitQuery(m, regionId).andWhere('u.id = :id', { id }).getOne();
}

function unitQuery(m: EntityManager, regionId: string) {
  return m
    .getRepository(Unit)
    .createQueryBuilder('u')
    .innerJoinAndSelect('u.area', 'a')
    .innerJoinAndSelect('u.municipality', 'm')
    .where('u.region_id = :regionId', { regionId });
}

/** Locks the unit's row, if the region has it, until the commit. */
export async function lockUnit(m: Runner, regionId: string, id: string): Promise<void> {
  await m.query('SELECT 1 FROM units WHERE id = $1 AND region_id = $2 FOR UPDATE', [id, regionId]);
}

export async function insertUnit(
  m: Runner,
  unit: {
    regionId: string;
    areaId: string | null;
    municipalityId: string | null;
    costCentre: string;
    name: string;
    careSetting: CareSetting;
  },
): Promise<string> {
  const [{ id }] = await m.query<{ id: string }[]>(
    `INSERT INTO units (region_id, area_id, municipality_id, cost_centre, name, care_setting)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [unit.regionId, unit.areaId, unit.municipalityId, unit.costCentre, unit.name, unit.careSetting],
  );
  return id;
}

/** Sets the unit's fields; a null area or municipality keeps the current one. */
export async function updateUnit(
  m: Runner,
  key: { regionId: string; id: string },
  change: {
    costCentre: string;
    name: string;
    careSetting: CareSetting;
    areaId: string | null;
    municipalityId: string | null;
  },
): Promise<void> {
  await m.query(
    `UPDATE units SET cost_centre = $3, name = $4, care_setting = $5,
            area_id = COALESCE($6, area_id), municipality_id = COALESCE($7, municipality_id)
      WHERE id = $1 AND region_id = $2`,
    [
      key.id,
      key.regionId,
      change.costCentre,
      change.name,
      change.careSetting,
      change.areaId,
      change.municipalityId,
    ],
  );
}

/** Whether another unit of the region (not `exceptId`) has the cost centre, ignoring case. */
export async function hasSimilarCostCentre(
  m: Runner,
  regionId: string,
  costCentre: string,
  exceptId: string | null,
): Promise<boolean> {
  const rows = await m.query<unknown[]>(
    'SELECT 1 FROM units WHERE region_id = $1 AND lower(cost_centre) = lower($2) AND id IS DISTINCT FROM $3',
    [regionId, costCentre, exceptId],
  );
  return rows.length > 0;
}
