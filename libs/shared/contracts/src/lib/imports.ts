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

/**
 * RECEIVING → QUEUED → VALIDATING → AWAITING_CONFIRMATION (or REFUSED) → WRITING (confirmed) →
 * DONE → UNDONE; AWAITING_CONFIRMATION → DISCARDED; FAILED when the worker gives up.
 */
export type ImportStatus =
  | 'RECEIVING'
  | 'QUEUED'
  | 'VALIDATING'
  | 'AWAITING_CONFIRMATION'
  | 'WRITING'
  | 'DONE'
  | 'REFUSED'
  | 'FAILED'
  | 'DISCARDED'
  | 'UNDONE';
export const IMPORT_STATUSES: readonly ImportStatus[] = [
  'RECEIVING',
  'QUEUED',
  'VALIDATING',
  'AWAITING_CONFIRMATION',
  'WRITING',
  'DONE',
  'REFUSED',
  'FAILED',
  'DISCARDED',
  'UNDONE',
];

/**
 * An import's source: a short label of where the file comes from (a supplier's organisation
 * number, `heroma`, the finance system). Letters (also å, ä, ö and other accented letters),
 * digits, space, `.`, `_`, `-`, `/`, `&`, `(` and `)`; it starts with a letter or digit; 1–40 characters.
 */
export const IMPORT_SOURCE_MAX_LENGTH = 40;
export const IMPORT_SOURCE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._\-/&()]{0,39}$/u;

/**
 * A source as it is stored and compared: trimmed, runs of spaces made one, lower case, so that
 * `HEROMA`, ` heroma ` and `heroma` are one source (decision 017). Applied to what the client sends
 * before it is checked against IMPORT_SOURCE_PATTERN; a tab or other control character is still
 * refused there.
 */
export function normaliseImportSource(source: string): string {
  return source.trim().replace(/ {2,}/g, ' ').toLowerCase();
}

/** What a validated file will do when confirmed, computed before anything is written. */
export interface ImportPreview {
  /** Rows the file adds, per month. */
  added: { month: string; rows: number }[];
  /** Rows already there that the file replaces, per month and source (only its own source's). */
  replaced: { month: string; source: string; rows: number }[];
  /**
   * Keys (purchased hours: month, unit, profession group, supplier; own-staff cost: month, area,
   * care setting, profession group) that also have rows from another source: possible double counting.
   */
  doubles: {
    keys: number;
    /** The first keys (at most 100), each with the other source and its rows. */
    examples: ImportDouble[];
  };
}

export interface ImportDouble {
  month: string;
  /** The unit's code (purchased hours) or the area's code (own-staff cost). */
  code: string;
  professionGroup: string;
  /** The supplier as the file names it (purchased hours) or the care setting (own-staff cost). */
  detail: string;
  otherSource: string;
  otherRows: number;
}

export interface ImportDto {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  /** Where the file comes from; a file replaces only rows of its own source. */
  source: string;
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
  /** Rows of its own source and months replaced by this import (replace-by-source). */
  rowsReplaced: number;
  /** What the file will do (from AWAITING_CONFIRMATION on), or null before it is validated. */
  preview: ImportPreview | null;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
  confirmedAt: string | null;
  undoneAt: string | null;
}

/** A source the region has imported under, with its latest use: what the upload form suggests. */
export interface ImportSourceDto {
  source: string;
  kind: ImportKind;
  lastUsedAt: string;
}
