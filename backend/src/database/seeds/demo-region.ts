import type { CareSetting, PriceZone } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { Area } from '../../modules/org/entities/area.entity';
import { Municipality } from '../../modules/org/entities/municipality.entity';
import { Region } from '../../modules/org/entities/region.entity';
import { Unit } from '../../modules/org/entities/unit.entity';

/**
 * The demo region, modelled on Region Västerbotten: its five areas, its 15 municipalities
 * (real municipality codes) and care units in primary care, hospital care and psychiatry.
 * The price zones are ILLUSTRATIVE — inland municipalities in zone 3, the coast and Umeå
 * lower — and are flagged so wherever they are shown. Cost centres are invented.
 */
export const DEMO_REGION = { code: '24', name: 'Region Västerbotten (demo)' } as const;

export const DEMO_MUNICIPALITIES: ReadonlyArray<[code: string, name: string, zone: PriceZone]> = [
  ['2401', 'Nordmaling', 2],
  ['2403', 'Bjurholm', 3],
  ['2404', 'Vindeln', 3],
  ['2409', 'Robertsfors', 2],
  ['2417', 'Norsjö', 3],
  ['2418', 'Malå', 3],
  ['2421', 'Storuman', 3],
  ['2422', 'Sorsele', 3],
  ['2425', 'Dorotea', 3],
  ['2460', 'Vännäs', 2],
  ['2462', 'Vilhelmina', 3],
  ['2463', 'Åsele', 3],
  ['2480', 'Umeå', 1],
  ['2481', 'Lycksele', 2],
  ['2482', 'Skellefteå', 2],
];

const AREAS: ReadonlyArray<[code: string, name: string]> = [
  ['NSO-UME', 'NSO Umeå'],
  ['NSO-SKE', 'NSO Skellefteå'],
  ['NSO-SLA', 'NSO Södra Lappland'],
  ['LSO1', 'LSO 1'],
  ['LSO2', 'LSO 2'],
];

type UnitRow = [
  costCentre: string,
  name: string,
  area: string,
  municipality: string,
  careSetting: CareSetting,
];

const UNITS: readonly UnitRow[] = [
  // NSO Umeå: health centres around Umeå and the southern coast
  ['110101', 'Hälsocentral Ålidhem', 'NSO-UME', '2480', 'PRIMARVARD'],
  ['110102', 'Hälsocentral Mariehem', 'NSO-UME', '2480', 'PRIMARVARD'],
  ['110103', 'Hälsocentral Holmsund', 'NSO-UME', '2480', 'PRIMARVARD'],
  ['110104', 'Hälsocentral Vännäs', 'NSO-UME', '2460', 'PRIMARVARD'],
  ['110105', 'Hälsocentral Nordmaling', 'NSO-UME', '2401', 'PRIMARVARD'],
  ['110106', 'Hälsocentral Bjurholm', 'NSO-UME', '2403', 'PRIMARVARD'],
  ['110107', 'Hälsocentral Vindeln', 'NSO-UME', '2404', 'PRIMARVARD'],
  ['110108', 'Hälsocentral Robertsfors', 'NSO-UME', '2409', 'PRIMARVARD'],
  // NSO Skellefteå: health centres, Skellefteå lasarett and its psychiatry
  ['120101', 'Hälsocentral Norrböle', 'NSO-SKE', '2482', 'PRIMARVARD'],
  ['120102', 'Hälsocentral Kåge', 'NSO-SKE', '2482', 'PRIMARVARD'],
  ['120103', 'Hälsocentral Burträsk', 'NSO-SKE', '2482', 'PRIMARVARD'],
  ['120104', 'Hälsocentral Norsjö', 'NSO-SKE', '2417', 'PRIMARVARD'],
  ['120105', 'Hälsocentral Malå', 'NSO-SKE', '2418', 'PRIMARVARD'],
  ['120201', 'Medicinkliniken, Skellefteå lasarett', 'NSO-SKE', '2482', 'SJUKHUSVARD'],
  ['120202', 'Akutmottagningen, Skellefteå lasarett', 'NSO-SKE', '2482', 'SJUKHUSVARD'],
  ['120301', 'Psykiatriska kliniken, Skellefteå', 'NSO-SKE', '2482', 'PSYKIATRI'],
  // NSO Södra Lappland: inland health centres, Lycksele lasarett and its psychiatry
  ['130101', 'Hälsocentral Lycksele', 'NSO-SLA', '2481', 'PRIMARVARD'],
  ['130102', 'Hälsocentral Storuman', 'NSO-SLA', '2421', 'PRIMARVARD'],
  ['130103', 'Hälsocentral Sorsele', 'NSO-SLA', '2422', 'PRIMARVARD'],
  ['130104', 'Hälsocentral Vilhelmina', 'NSO-SLA', '2462', 'PRIMARVARD'],
  ['130105', 'Hälsocentral Dorotea', 'NSO-SLA', '2425', 'PRIMARVARD'],
  ['130106', 'Hälsocentral Åsele', 'NSO-SLA', '2463', 'PRIMARVARD'],
  ['130201', 'Kirurgkliniken, Lycksele lasarett', 'NSO-SLA', '2481', 'SJUKHUSVARD'],
  ['130202', 'Medicinkliniken, Lycksele lasarett', 'NSO-SLA', '2481', 'SJUKHUSVARD'],
  ['130301', 'Psykiatriska mottagningen, Lycksele', 'NSO-SLA', '2481', 'PSYKIATRI'],
  // LSO 1: county-wide medicine, emergency, women's and children's care at NUS
  ['210101', 'Akutmottagningen, NUS', 'LSO1', '2480', 'SJUKHUSVARD'],
  ['210102', 'Medicincentrum, NUS', 'LSO1', '2480', 'SJUKHUSVARD'],
  ['210103', 'Kvinnokliniken och förlossningen, NUS', 'LSO1', '2480', 'SJUKHUSVARD'],
  ['210104', 'Barn- och ungdomskliniken, NUS', 'LSO1', '2480', 'SJUKHUSVARD'],
  ['210105', 'Hjärtcentrum, NUS', 'LSO1', '2480', 'SJUKHUSVARD'],
  // LSO 2: county-wide surgery, anaesthesia and psychiatry
  ['220101', 'Kirurgcentrum, NUS', 'LSO2', '2480', 'SJUKHUSVARD'],
  ['220102', 'Ortopedkliniken, NUS', 'LSO2', '2480', 'SJUKHUSVARD'],
  ['220103', 'Anestesi- och intensivvårdskliniken, NUS', 'LSO2', '2480', 'SJUKHUSVARD'],
  ['220201', 'Vuxenpsykiatri, Umeå', 'LSO2', '2480', 'PSYKIATRI'],
  ['220202', 'Barn- och ungdomspsykiatri (BUP), Umeå', 'LSO2', '2480', 'PSYKIATRI'],
  ['220203', 'Rättspsykiatri, Umeå', 'LSO2', '2480', 'PSYKIATRI'],
];

export interface SeedResult {
  loaded: boolean;
  counts: { municipalities: number; areas: number; units: number };
}

/**
 * Loads the demo region once. Returns `loaded: false` when the region is already there,
 * so that a second start keeps whatever users changed. Runs in the caller's transaction.
 */
export async function seedDemoRegion(manager: EntityManager): Promise<SeedResult> {
  // Serialise concurrent seeders (two starts at once) on a transaction-scoped lock.
  await manager.query('SELECT pg_advisory_xact_lock(482719302)');
  const existing = await manager.findOne(Region, { where: { code: DEMO_REGION.code } });
  if (existing) {
    return { loaded: false, counts: { municipalities: 0, areas: 0, units: 0 } };
  }
  const region = await manager.save(manager.create(Region, { ...DEMO_REGION }));

  const municipalities = await manager.save(
    DEMO_MUNICIPALITIES.map(([code, name, priceZone]) =>
      manager.create(Municipality, {
        regionId: region.id,
        code,
        name,
        priceZone,
        priceZoneIllustrative: true,
      }),
    ),
  );
  const areas = await manager.save(
    AREAS.map(([code, name]) => manager.create(Area, { regionId: region.id, code, name })),
  );
  const areaByCode = new Map(areas.map((a) => [a.code, a]));
  const municipalityByCode = new Map(municipalities.map((m) => [m.code, m]));

  const units = await manager.save(
    UNITS.map(([costCentre, name, areaCode, municipalityCode, careSetting]) => {
      const area = areaByCode.get(areaCode);
      const municipality = municipalityByCode.get(municipalityCode);
      if (!area || !municipality) {
        throw new Error(`demo unit ${costCentre} refers to an unknown area or municipality`);
      }
      return manager.create(Unit, {
        regionId: region.id,
        areaId: area.id,
        municipalityId: municipality.id,
        costCentre,
        name,
        careSetting,
      });
    }),
  );
  return {
    loaded: true,
    counts: { municipalities: municipalities.length, areas: areas.length, units: units.length },
  };
}
