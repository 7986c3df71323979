import { createHmac } from 'node:crypto';

import type { DispensationPolicy } from '@hyrkoll/contracts';
import { DEFAULT_POLICY, maskPersonalNumber } from '@hyrkoll/domain';
import type { EntityManager } from 'typeorm';

/** Suppliers with made-up names and valid-looking organisation numbers. */
const SUPPLIERS: ReadonlyArray<[orgNo: string, name: string, lots: string[]]> = [
  ['556712-3459', 'Norrlandsbemanning AB', ['LAKARE', 'SJUKSKOTERSKA']],
  ['559012-8731', 'Stafettläkarna i Norr AB', ['LAKARE']],
  ['556198-2348', 'Vårdkraft Bemanning AB', ['SJUKSKOTERSKA']],
  ['559334-1208', 'Inlandets Vårdkonsulter AB', ['LAKARE', 'SJUKSKOTERSKA']],
  ['556640-9172', 'Fjällvård Rekrytering AB', ['SJUKSKOTERSKA']],
];

/**
 * ILLUSTRATIVE hourly rates (SEK) per zone 1/2/3, shaped after the agreement's example:
 * specialist doctor 1 125 in zone 1 and 1 625 in zone 3. Not the agreement's real prices.
 */
const PRICES: ReadonlyArray<[profession: string, level: string, zones: [string, string, string]]> = [
  ['LAKARE', 'LEGITIMERAD', ['900.00', '1100.00', '1300.00']],
  ['LAKARE', 'SPECIALIST', ['1125.00', '1375.00', '1625.00']],
  ['LAKARE', 'OVERLAKARE', ['1300.00', '1550.00', '1800.00']],
  ['SJUKSKOTERSKA', 'LEGITIMERAD', ['650.00', '750.00', '850.00']],
  ['SPECIALISTSJUKSKOTERSKA', 'SPECIALIST', ['750.00', '850.00', '950.00']],
  ['BARNMORSKA', 'LEGITIMERAD', ['720.00', '820.00', '920.00']],
];

/** The demo region stops all hiring: every order needs the area chief's dispensation. */
export const DEMO_POLICY: DispensationPolicy = {
  ...DEFAULT_POLICY,
  hiringStop: {
    enabled: true,
    all: true,
    professionGroups: [],
    specialties: [],
    areaIds: [],
    reason: 'Regionstyrelsens beslut om anställningsstopp för inhyrd personal (demo)',
  },
  secondStep: { costThresholdSek: '500000.00', durationThresholdDays: 183 },
  reminderAfterWorkingDays: 2,
};

/** Two made-up former employees (valid test identity numbers) for trying the karens check. */
const FORMER_EMPLOYEES: ReadonlyArray<[identity: string, ended: string]> = [
  ['197506121230', '2024-08-31'],
  ['198803014565', '2023-12-31'],
];

/** Loads the demo region's agreement data and policy unless it already has suppliers. */
export async function seedDemoAgreement(
  manager: EntityManager,
  regionId: string,
  identityHashKey: string,
): Promise<boolean> {
  const [{ count }] = await manager.query<{ count: number }[]>(
    'SELECT count(*)::int AS count FROM suppliers WHERE region_id = $1',
    [regionId],
  );
  if (count > 0) return false;
  for (const [orgNo, name, lots] of SUPPLIERS) {
    await manager.query(
      'INSERT INTO suppliers (region_id, organisation_number, name, lots) VALUES ($1, $2, $3, $4)',
      [regionId, orgNo, name, lots],
    );
  }
  for (const [profession, level, zones] of PRICES) {
    for (const [index, rate] of zones.entries()) {
      await manager.query(
        `INSERT INTO price_list (region_id, profession, competence_level, price_zone, hourly_rate, valid_from, illustrative)
         VALUES ($1, $2, $3, $4, $5, '2020-01-01', true)`,
        [regionId, profession, level, index + 1, rate],
      );
    }
  }
  await manager.query(
    `INSERT INTO travel_allowances (region_id, amount_per_week, valid_from) VALUES ($1, '2500.00', '2020-01-01')`,
    [regionId],
  );
  for (const [identity, ended] of FORMER_EMPLOYEES) {
    await manager.query(
      'INSERT INTO former_employees (region_id, identity_hash, identity_masked, employment_ended_on) VALUES ($1, $2, $3, $4)',
      [
        regionId,
        createHmac('sha256', identityHashKey).update(identity).digest(),
        maskPersonalNumber(identity),
        ended,
      ],
    );
  }
  await manager.query(
    'INSERT INTO dispensation_policies (region_id, policy) VALUES ($1, $2) ON CONFLICT (region_id) DO NOTHING',
    [regionId, JSON.stringify(DEMO_POLICY)],
  );
  return true;
}
