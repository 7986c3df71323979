import type { GrantSpec, RegionSpec, UnitSpec } from './new-region';
import type { DEMO } from './sessions';

/** A user of DEMO_STAFF: the key of the demo account whose grants they have. */
export type DemoPerson = keyof typeof DEMO;

/** Units of the demo, by their cost centres, names and (illustrative) price zones. */
export const DEMO_UNITS: UnitSpec[] = [
  { costCentre: '110101', area: 'NSO-UME', name: 'Hälsocentral Ålidhem', priceZone: 1 },
  { costCentre: '120101', area: 'NSO-SKE', name: 'Hälsocentral Norrböle', priceZone: 2 },
  { costCentre: '120102', area: 'NSO-SKE', name: 'Hälsocentral Kåge', priceZone: 2 },
  { costCentre: '130102', area: 'NSO-SLA', name: 'Hälsocentral Storuman', priceZone: 3 },
  { costCentre: '130103', area: 'NSO-SLA', name: 'Hälsocentral Sorsele', priceZone: 3 },
];

/**
 * The demo's staffing in a region of a spec's own: one user for each account of DEMO (by its
 * key) with the demo account's grants, over the areas and units those grants name. Norrböle and
 * Kåge are in price zone 2, Storuman and Sorsele in zone 3, Ålidhem in zone 1; the agreement data
 * and policy are the demo's.
 */
export const DEMO_STAFF: RegionSpec & { users: Record<DemoPerson, GrantSpec[]> } = {
  areas: ['NSO-UME', 'NSO-SKE', 'NSO-SLA'],
  units: DEMO_UNITS,
  users: {
    unitManagerSkelleftea: [
      { role: 'UNIT_MANAGER', unit: '120101' },
      { role: 'UNIT_MANAGER', unit: '120102' },
    ],
    unitManagerLappland: [
      { role: 'UNIT_MANAGER', unit: '130102' },
      { role: 'UNIT_MANAGER', unit: '130103' },
    ],
    areaChiefSkelleftea: [{ role: 'AREA_CHIEF', area: 'NSO-SKE' }],
    areaChiefLappland: [{ role: 'AREA_CHIEF', area: 'NSO-SLA' }],
    areaChiefAndUnitManagerUmea: [
      { role: 'AREA_CHIEF', area: 'NSO-UME' },
      { role: 'UNIT_MANAGER', unit: '110101' },
    ],
    healthcareDirector: [{ role: 'HEALTHCARE_DIRECTOR' }],
    purchaser: [{ role: 'PURCHASER' }],
    steeringGroup: [{ role: 'STEERING_GROUP' }],
    administrator: [{ role: 'ADMINISTRATOR' }],
  },
  agreement: true,
};
