/** Care settings, as SKR splits hired-staff costs and as the import files spell them. */
export const CareSetting = {
  PRIMARVARD: 'PRIMARVARD',
  SJUKHUSVARD: 'SJUKHUSVARD',
  PSYKIATRI: 'PSYKIATRI',
  OVRIGT: 'OVRIGT',
} as const;
export type CareSetting = (typeof CareSetting)[keyof typeof CareSetting];
export const CARE_SETTINGS: readonly CareSetting[] = Object.values(CareSetting);

/** Price zone of the national agreement; the zone follows the unit's municipality. */
export type PriceZone = 1 | 2 | 3;

export interface RegionDto {
  code: string;
  name: string;
}

export interface MunicipalityDto {
  code: string;
  name: string;
  priceZone: PriceZone;
  /** True when the zone is a placeholder (demo data), not taken from the agreement. */
  priceZoneIllustrative: boolean;
}

export interface AreaDto {
  id: string;
  code: string;
  name: string;
  unitCount: number;
}

export interface UnitDto {
  id: string;
  /** The unit's cost centre (kostnadsställe), unique within the region; `unit_code` in imports. */
  costCentre: string;
  name: string;
  careSetting: CareSetting;
  area: { id: string; code: string; name: string };
  municipality: MunicipalityDto;
}

/** A new area of the region. */
export interface CreateAreaRequest {
  /** Short code, unique within the region (letters, digits, `-`, `_`); `area_code` in imports. */
  code: string;
  name: string;
}

/** A change to an area; give at least one field. */
export interface UpdateAreaRequest {
  code?: string;
  name?: string;
}

/** A new unit of the region. */
export interface CreateUnitRequest {
  /** Cost centre (kostnadsställe), unique within the region; `unit_code` in imports. */
  costCentre: string;
  name: string;
  areaId: string;
  careSetting: CareSetting;
  /** Four-digit municipality code (kommunkod) of a municipality in the region. */
  municipalityCode: string;
}

/**
 * A change to a unit; give at least one field. Orders, dispensations and imported hours keep
 * the area they were recorded under; the change applies from now on.
 */
export interface UpdateUnitRequest {
  costCentre?: string;
  name?: string;
  areaId?: string;
  careSetting?: CareSetting;
  municipalityCode?: string;
}
