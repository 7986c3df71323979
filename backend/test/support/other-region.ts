import type { DataSource } from 'typeorm';

import { hashPassword } from '../../src/common/auth/passwords';

export const OTHER_REGION = {
  code: '25',
  areaCode: 'NSO-LULEA',
  unitCostCentre: '910101',
  purchaser: 'purchaser@other-region.test',
  unitManager: 'unit.manager@other-region.test',
  password: 'other-region-password',
};

/**
 * A second region (Norrbotten-like) with one area, one unit, a purchaser and a unit manager:
 * what must stay invisible to the demo region's users, and vice versa. Idempotent.
 */
export async function withOtherRegion(
  dataSource: DataSource,
): Promise<{ regionId: string; unitId: string; areaId: string }> {
  return dataSource.transaction(async (m) => {
    const existing = await m.query<{ id: string }[]>('SELECT id FROM regions WHERE code = $1', [
      OTHER_REGION.code,
    ]);
    if (existing[0]) {
      const [ids] = await m.query<{ unit_id: string; area_id: string }[]>(
        'SELECT u.id AS unit_id, u.area_id FROM units u WHERE u.region_id = $1 LIMIT 1',
        [existing[0].id],
      );
      return { regionId: existing[0].id, unitId: ids?.unit_id ?? '', areaId: ids?.area_id ?? '' };
    }
    const [{ id: regionId }] = await m.query<{ id: string }[]>(
      `INSERT INTO regions (code, name) VALUES ($1, 'Region Norrbotten (test)') RETURNING id`,
      [OTHER_REGION.code],
    );
    const [{ id: municipalityId }] = await m.query<{ id: string }[]>(
      `INSERT INTO municipalities (region_id, code, name, price_zone) VALUES ($1, '2580', 'Luleå', 2) RETURNING id`,
      [regionId],
    );
    const [{ id: areaId }] = await m.query<{ id: string }[]>(
      `INSERT INTO areas (region_id, code, name) VALUES ($1, $2, 'Område Luleå') RETURNING id`,
      [regionId, OTHER_REGION.areaCode],
    );
    const [{ id: unitId }] = await m.query<{ id: string }[]>(
      `INSERT INTO units (region_id, area_id, municipality_id, cost_centre, name, care_setting)
       VALUES ($1, $2, $3, $4, 'Hälsocentral Hertsön', 'PRIMARVARD') RETURNING id`,
      [regionId, areaId, municipalityId, OTHER_REGION.unitCostCentre],
    );
    const hash = await hashPassword(OTHER_REGION.password);
    for (const [email, role, unit] of [
      [OTHER_REGION.purchaser, 'PURCHASER', null],
      [OTHER_REGION.unitManager, 'UNIT_MANAGER', unitId],
    ] as const) {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO users (region_id, email, name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [regionId, email, email, hash],
      );
      await m.query(
        `INSERT INTO role_assignments (user_id, region_id, role, unit_id) VALUES ($1, $2, $3, $4)`,
        [id, regionId, role, unit],
      );
    }
    return { regionId, unitId, areaId };
  });
}
