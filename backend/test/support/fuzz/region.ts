import { OrderDto } from '@hyrkoll/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';

import { anOrder, JUSTIFICATION } from '../builders';
import { GrantSpec, newRegion } from '../new-region';
import { as, TestSession } from '../sessions';

/** The codes of the fuzzing's region, where requests that pass validation may write what they like. */
export const FUZZ_REGION = {
  areaCode: 'FUZZ-GVL',
  targetAreaCode: 'FUZZ-TARGET',
  unitCostCentre: '210101',
  targetUnitCostCentre: '210199',
};

/** One user per role, by the key the fuzzing names them with. */
const FUZZ_ROLES: Record<string, GrantSpec[]> = {
  purchaser: [{ role: 'PURCHASER' }],
  unitManager: [{ role: 'UNIT_MANAGER', unit: FUZZ_REGION.unitCostCentre }],
  areaChief: [{ role: 'AREA_CHIEF', area: FUZZ_REGION.areaCode }],
  healthcareDirector: [{ role: 'HEALTHCARE_DIRECTOR' }],
  steeringGroup: [{ role: 'STEERING_GROUP' }],
  administrator: [{ role: 'ADMINISTRATOR' }],
};

export interface FuzzRegion {
  regionId: string;
  municipalityCode: string;
  /** Ids the requests may name: the CSV unit and area, the PATCH targets, a supplier, records. */
  ids: Record<string, string>;
  sessions: Record<string, TestSession>;
}

/**
 * A region of the fuzzing file's own (newRegion, with the demo's agreement data and policy): one
 * user per role, a user whom requests may change (the victim), and a draft and a submitted order.
 */
export async function withFuzzRegion(
  app: NestFastifyApplication,
  dataSource: DataSource,
): Promise<FuzzRegion> {
  const R = FUZZ_REGION;
  const region = await newRegion(app, dataSource, {
    areas: [R.areaCode, R.targetAreaCode],
    units: [
      { costCentre: R.unitCostCentre, area: R.areaCode },
      { costCentre: R.targetUnitCostCentre, area: R.targetAreaCode },
    ],
    users: { ...FUZZ_ROLES, victim: [{ role: 'STEERING_GROUP' }] },
    agreement: true,
  });
  // the victim is no one the requests are sent as: they may deactivate it
  const sessions = Object.fromEntries(
    Object.keys(FUZZ_ROLES).map((key) => [key, region.sessions[key]]),
  ) as Record<string, TestSession>;
  const [found] = await dataSource.query<{ supplierId: string; formerEmployeeId: string }[]>(
    `SELECT (SELECT id FROM suppliers WHERE region_id = $1 LIMIT 1) AS "supplierId",
            (SELECT id FROM former_employees WHERE region_id = $1 LIMIT 1) AS "formerEmployeeId"`,
    [region.regionId],
  );
  const unitId = region.unitIds[R.unitCostCentre] as string;
  const unitManager = sessions['unitManager'] as TestSession;
  const draft = (await as(app, unitManager).post('/api/orders', anOrder(unitId).build()).expect(201))
    .body as OrderDto;
  const toSubmit = (await as(app, unitManager).post('/api/orders', anOrder(unitId).build()).expect(201))
    .body as OrderDto;
  const order = (
    await as(app, unitManager)
      .post(`/api/orders/${toSubmit.id}/submit`, { version: toSubmit.version, justification: JUSTIFICATION })
      .expect(200)
  ).body as OrderDto;
  if (!order.dispensationId) throw new Error('the fuzz region has no dispensation to name');
  return {
    regionId: region.regionId,
    municipalityCode: `${region.code}81`,
    sessions,
    ids: {
      unitId,
      areaId: region.areaIds[R.areaCode] as string,
      targetUnitId: region.unitIds[R.targetUnitCostCentre] as string,
      targetAreaId: region.areaIds[R.targetAreaCode] as string,
      supplierId: found?.supplierId as string,
      formerEmployeeId: found?.formerEmployeeId as string,
      victimUserId: region.users['victim']?.id as string,
      orderId: draft.id,
      submittedOrderId: order.id,
      dispensationId: order.dispensationId,
    },
  };
}
