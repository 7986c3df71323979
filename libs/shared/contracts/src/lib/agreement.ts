/** Profession groups used for reporting (and in the import files). */
export const ProfessionGroup = { LAKARE: 'LAKARE', SSK_BM: 'SSK_BM', OVRIGA: 'OVRIGA' } as const;
export type ProfessionGroup = (typeof ProfessionGroup)[keyof typeof ProfessionGroup];
export const PROFESSION_GROUPS: readonly ProfessionGroup[] = Object.values(ProfessionGroup);

/** Lots (delområden) of the national agreement. */
export const Lot = { LAKARE: 'LAKARE', SJUKSKOTERSKA: 'SJUKSKOTERSKA' } as const;
export type Lot = (typeof Lot)[keyof typeof Lot];
export const LOTS: readonly Lot[] = Object.values(Lot);

/** Professions that can be ordered, with their reporting group, lot and competence levels. */
export const PROFESSIONS = {
  LAKARE: { group: 'LAKARE', lot: 'LAKARE', levels: ['LEGITIMERAD', 'SPECIALIST', 'OVERLAKARE'] },
  SJUKSKOTERSKA: { group: 'SSK_BM', lot: 'SJUKSKOTERSKA', levels: ['LEGITIMERAD'] },
  SPECIALISTSJUKSKOTERSKA: { group: 'SSK_BM', lot: 'SJUKSKOTERSKA', levels: ['SPECIALIST'] },
  BARNMORSKA: { group: 'SSK_BM', lot: 'SJUKSKOTERSKA', levels: ['LEGITIMERAD'] },
} as const satisfies Record<string, { group: ProfessionGroup; lot: Lot; levels: readonly string[] }>;
export type Profession = keyof typeof PROFESSIONS;
export const PROFESSION_CODES = Object.keys(PROFESSIONS) as Profession[];
export const COMPETENCE_LEVELS = ['LEGITIMERAD', 'SPECIALIST', 'OVERLAKARE'] as const;
export type CompetenceLevel = (typeof COMPETENCE_LEVELS)[number];

export function isLevelOf(profession: Profession, level: string): level is CompetenceLevel {
  return (PROFESSIONS[profession].levels as readonly string[]).includes(level);
}

export type SupplierStatus = 'ACTIVE' | 'QUARANTINED';

export interface SupplierDto {
  id: string;
  organisationNumber: string;
  name: string;
  lots: Lot[];
  status: SupplierStatus;
  quarantineReason: string | null;
  version: number;
}

export interface PriceDto {
  id: string;
  profession: Profession;
  competenceLevel: CompetenceLevel;
  priceZone: 1 | 2 | 3;
  /** SEK per hour, exact decimal as a string, e.g. "1125.00". */
  hourlyRate: string;
  validFrom: string;
  validTo: string | null;
  illustrative: boolean;
}

export interface TravelAllowanceDto {
  id: string;
  /** SEK per started calendar week of an assignment, exact decimal string. */
  amountPerWeek: string;
  validFrom: string;
  validTo: string | null;
}

export interface FormerEmployeeDto {
  id: string;
  /** The identity number with all but the birth year and the last digit hidden. */
  identityMasked: string;
  employmentEndedOn: string;
  /** The last day of karens: twelve months after the employment ended. */
  karensUntil: string;
}
