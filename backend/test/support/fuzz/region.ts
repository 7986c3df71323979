import { OrderDto } from '@hyrkoll/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';

import { hashPassword } from '../../../src/common/auth/passwords';
import { DEMO_POLICY } from '../../../src/database/seeds/demo-agreement';
import { anOrder, JUSTIFICATION } from '../builders';
import { as, loginAs, TestSession } from '../sessions';

/** The fuzzing's own region, where requests that pass validation may write what they like. */

export const FUZZ_REGION = {
  code: '21',
  municipalityCode: '2180',
  areaCode: 'FUZZ-GVL',
  targetAreaCode: 'FUZZ-TARGET',
  unitCostCentre: '210101',
  targetUnitCostCentre: '210199',
  supplierNumber: '556712-3459',
  password: 'fuzz-region-password',
};

const FUZZ_ROLES = [
  ['purchaser', 'PURCHASER'],
  ['unitManager', 'UNIT_MANAGER'],
  ['areaChief', 'AREA_CHIEF'],
  ['healthcareDirector', 'HEALTHCARE_DIRECTOR'],
  ['steeringGroup', 'STEERING_GROUP'],
  ['administrator', 'ADMINISTRATOR'],
] as const;

export interface FuzzRegion {
  regionId: string;
  municipalityCode: string;
  /** Ids the requests may name: the CSV unit and area, the PATCH targets, a supplier, records. */
  ids: Record<string, string>;
  sessions: Record<string, TestSession>;
}

/** Creates (once) the fuzz region with one user per role, and a draft and a submitted order. */
export async function withFuzzRegion(
  app: NestFastifyApplication,
  dataSource: DataSource,
): Promise<FuzzRegion> {
  const R = FUZZ_REGION;
  const ids = await dataSource.transaction(async (m) => {
    const [existing] = await m.query<{ id: string }[]>('SELECT id FROM regions WHERE code = $1', [R.code]);
    if (existing) return null;
    const [{ id: regionId }] = await m.query<{ id: string }[]>(
      `INSERT INTO regions (code, name) VALUES ($1, 'Region Gävleborg (fuzzing)') RETURNING id`,
      [R.code],
    );
    const [{ id: municipalityId }] = await m.query<{ id: string }[]>(
      `INSERT INTO municipalities (region_id, code, name, price_zone) VALUES ($1, $2, 'Gävle', 1) RETURNING id`,
      [regionId, R.municipalityCode],
    );
    const area = async (code: string) =>
      (
        await m.query<{ id: string }[]>(
          `INSERT INTO areas (region_id, code, name) VALUES ($1, $2, $3) RETURNING id`,
          [regionId, code, code],
        )
      )[0]?.id as string;
    const areaId = await area(R.areaCode);
    const targetAreaId = await area(R.targetAreaCode);
    const unit = async (costCentre: string, a: string) =>
      (
        await m.query<{ id: string }[]>(
          `INSERT INTO units (region_id, area_id, municipality_id, cost_centre, name, care_setting)
           VALUES ($1, $2, $3, $4, $5, 'PRIMARVARD') RETURNING id`,
          [regionId, a, municipalityId, costCentre, costCentre],
        )
      )[0]?.id as string;
    const unitId = await unit(R.unitCostCentre, areaId);
    const targetUnitId = await unit(R.targetUnitCostCentre, targetAreaId);
    const [{ id: supplierId }] = await m.query<{ id: string }[]>(
      `INSERT INTO suppliers (region_id, organisation_number, name, lots) VALUES ($1, $2, 'Fuzzbemanning AB', '{LAKARE,SJUKSKOTERSKA}') RETURNING id`,
      [regionId, R.supplierNumber],
    );
    await m.query(
      `INSERT INTO price_list (region_id, profession, competence_level, price_zone, hourly_rate, valid_from, illustrative)
       SELECT $1, p.profession, p.competence_level, p.price_zone, p.hourly_rate, p.valid_from, true
         FROM price_list p JOIN regions r ON r.id = p.region_id WHERE r.code = '24' AND p.valid_to IS NULL`,
      [regionId],
    );
    await m.query(
      `INSERT INTO travel_allowances (region_id, amount_per_week, valid_from) VALUES ($1, '2500.00', '2020-01-01')`,
      [regionId],
    );
    await m.query('INSERT INTO dispensation_policies (region_id, policy) VALUES ($1, $2)', [
      regionId,
      JSON.stringify(DEMO_POLICY),
    ]);
    const [{ id: formerEmployeeId }] = await m.query<{ id: string }[]>(
      `INSERT INTO former_employees (region_id, identity_hash, identity_masked, employment_ended_on)
       VALUES ($1, '\\x00'::bytea, '19750612-****', '2024-08-31') RETURNING id`,
      [regionId],
    );
    const hash = await hashPassword(R.password);
    const user = async (email: string, role: string, scope: { unit?: string; area?: string }) => {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO users (region_id, email, name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [regionId, email, email, hash],
      );
      await m.query(
        `INSERT INTO role_assignments (user_id, region_id, role, unit_id, area_id) VALUES ($1, $2, $3, $4, $5)`,
        [id, regionId, role, scope.unit ?? null, scope.area ?? null],
      );
      return id;
    };
    for (const [key, role] of FUZZ_ROLES) {
      await user(`fuzz.${key.toLowerCase()}@fuzz-region.test`, role, {
        unit: role === 'UNIT_MANAGER' ? unitId : undefined,
        area: role === 'AREA_CHIEF' ? areaId : undefined,
      });
    }
    const victimUserId = await user('fuzz.victim@fuzz-region.test', 'STEERING_GROUP', {});
    return {
      regionId,
      unitId,
      areaId,
      targetUnitId,
      targetAreaId,
      supplierId,
      formerEmployeeId,
      victimUserId,
    };
  });
  const [{ id: regionId }] = await dataSource.query<{ id: string }[]>(
    'SELECT id FROM regions WHERE code = $1',
    [R.code],
  );
  const sessions: Record<string, TestSession> = {};
  for (const [key] of FUZZ_ROLES)
    sessions[key] = await loginAs(app, `fuzz.${key.toLowerCase()}@fuzz-region.test`, R.password);
  const found = ids ?? (await existingIds(dataSource, regionId));
  const unitManager = sessions['unitManager'] as TestSession;
  const draft = (await as(app, unitManager).post('/api/orders', anOrder(found.unitId).build()).expect(201))
    .body as OrderDto;
  const toSubmit = (await as(app, unitManager).post('/api/orders', anOrder(found.unitId).build()).expect(201))
    .body as OrderDto;
  const order = (
    await as(app, unitManager)
      .post(`/api/orders/${toSubmit.id}/submit`, { version: toSubmit.version, justification: JUSTIFICATION })
      .expect(200)
  ).body as OrderDto;
  // Another fuzz file may have changed the region's dispensation policy by a fuzzed request, so
  // that this order needs no dispensation: the requests then name the region's first one, made
  // under the policy the region was created with.
  const [dispensation] = await dataSource.query<{ id: string }[]>(
    'SELECT id FROM dispensations WHERE region_id = $1 ORDER BY (order_id = $2) DESC, created_at LIMIT 1',
    [regionId, order.id],
  );
  if (!dispensation) throw new Error('the fuzz region has no dispensation to name');
  return {
    regionId,
    municipalityCode: R.municipalityCode,
    sessions,
    ids: {
      ...found,
      orderId: draft.id,
      submittedOrderId: order.id,
      dispensationId: dispensation.id,
    },
  };
}

async function existingIds(dataSource: DataSource, regionId: string): Promise<Record<string, string>> {
  const [row] = await dataSource.query<Record<string, string>[]>(
    `SELECT (SELECT id FROM units WHERE region_id = $1 AND cost_centre = $2) AS "unitId",
            (SELECT id FROM units WHERE region_id = $1 AND cost_centre = $3) AS "targetUnitId",
            (SELECT id FROM areas WHERE region_id = $1 AND code = $4) AS "areaId",
            (SELECT id FROM areas WHERE region_id = $1 AND code = $5) AS "targetAreaId",
            (SELECT id FROM suppliers WHERE region_id = $1 LIMIT 1) AS "supplierId",
            (SELECT id FROM former_employees WHERE region_id = $1 LIMIT 1) AS "formerEmployeeId",
            (SELECT id FROM users WHERE email = 'fuzz.victim@fuzz-region.test') AS "victimUserId"`,
    [
      regionId,
      FUZZ_REGION.unitCostCentre,
      FUZZ_REGION.targetUnitCostCentre,
      FUZZ_REGION.areaCode,
      FUZZ_REGION.targetAreaCode,
    ],
  );
  return Object.fromEntries(Object.entries(row ?? {}).filter(([, v]) => v)) as Record<string, string>;
}
