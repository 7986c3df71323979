export const ImportKind = {
  PURCHASED_HOURS: 'purchased-hours',
  OWN_STAFF_COST: 'own-staff-cost',
  NATIONAL_COMPARISON: 'national-comparison',
} as const;
export type ImportKind = (typeof ImportKind)[keyof typeof ImportKind];
export const IMPORT_KINDS: readonly ImportKind[] = Object.values(ImportKind);

/** The columns of each import file, in order (PRODUCT.md §4). */
export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  'purchased-hours': ['month', 'unit_code', 'profession_group', 'supplier', 'hours', 'cost_sek', 'order_ref'],
  'own-staff-cost': ['month', 'area_code', 'care_setting', 'profession_group', 'cost_sek', 'budget_sek'],
  'national-comparison': ['month', 'region_code', 'hired_share_percent'],
};

/** One problem in an import file, in Swedish and English. Line 1 is the header. */
export interface ImportRowError {
  line: number;
  column: string;
  value: string;
  reason: { sv: string; en: string };
}

/** The 21 Swedish regions by county code (länskod). */
export const SWEDISH_REGIONS: Readonly<Record<string, string>> = {
  '01': 'Region Stockholm',
  '03': 'Region Uppsala',
  '04': 'Region Sörmland',
  '05': 'Region Östergötland',
  '06': 'Region Jönköpings län',
  '07': 'Region Kronoberg',
  '08': 'Region Kalmar län',
  '09': 'Region Gotland',
  '10': 'Region Blekinge',
  '12': 'Region Skåne',
  '13': 'Region Halland',
  '14': 'Västra Götalandsregionen',
  '17': 'Region Värmland',
  '18': 'Region Örebro län',
  '19': 'Region Västmanland',
  '20': 'Region Dalarna',
  '21': 'Region Gävleborg',
  '22': 'Region Västernorrland',
  '23': 'Region Jämtland Härjedalen',
  '24': 'Region Västerbotten',
  '25': 'Region Norrbotten',
};

export type ImportStatus = 'RECEIVING' | 'QUEUED' | 'VALIDATING' | 'WRITING' | 'DONE' | 'REFUSED' | 'FAILED';

export interface ImportDto {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  sizeBytes: number;
  /** Data lines in the file (the header not counted). */
  linesTotal: number;
  rowsRead: number;
  rowsValid: number;
  /** 0–100, from the rows read so far. */
  percent: number;
  errorCount: number;
  /** The first errors (at most 1 000), each with line, column, value and reason. */
  errors: ImportRowError[];
  months: string[];
  rowsWritten: number;
  /** Rows of the same months replaced by this import (replace-by-key). */
  rowsReplaced: number;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}
