/** The national target: hired-staff cost at most 2 % of own-staff cost, R12. */
export const SKR_TARGET_PERCENT = '2.00';

export const METRIC_GROUPINGS = [
  'none',
  'area',
  'unit',
  'care-setting',
  'profession-group',
  'supplier',
] as const;
export type MetricGrouping = (typeof METRIC_GROUPINGS)[number];

export const RATIO_LEVELS = ['region', 'area', 'care-setting', 'profession-group'] as const;
export type RatioLevel = (typeof RATIO_LEVELS)[number];

/** A value compared with the same period one year earlier; exact decimals as strings. */
/**
 * Why a figure is not given: some month of its period (`current`), of the same period a year
 * earlier (`previous`) or of both has no data yet (not imported). A month without data is never
 * counted as zero.
 */
export type MissingMonths = 'current' | 'previous' | 'both';

export interface ComparisonDto {
  /** Null when a month of the period has no data (see `incomplete`). */
  current: string | null;
  /** Null when a month of the period a year earlier has no data (see `incomplete`). */
  previous: string | null;
  /** Null when either side is null. */
  difference: string | null;
  /** Change in percent of the previous value (1 decimal), null when the previous value is 0 or null. */
  percent: string | null;
  /** Present only when a side is null: which side has months without data. */
  incomplete?: MissingMonths;
}

export interface MetricGroupDto {
  key: string;
  label: string;
  months: ({ month: string } & ComparisonDto)[];
  /** At the last month of the range: the month, January to it, and the twelve months to it. */
  totals: { month: ComparisonDto; ytd: ComparisonDto; r12: ComparisonDto };
}

export interface MetricSeriesDto {
  measure: 'cost' | 'hours';
  unit: 'SEK' | 'hours';
  from: string;
  to: string;
  groupBy: MetricGrouping;
  groups: MetricGroupDto[];
  total: MetricGroupDto;
}

export interface RatioSeriesDto {
  level: RatioLevel;
  targetPercent: string;
  from: string;
  to: string;
  series: {
    key: string;
    label: string;
    /**
     * The R12 sums and the ratio at each month; all three null with `incomplete: true` when a
     * month of the twelve has no hired or no own-staff data (not imported yet).
     */
    points: {
      month: string;
      hiredR12: string | null;
      ownR12: string | null;
      ratioPercent: string | null;
      incomplete?: true;
    }[];
  }[];
}

export interface NationalComparisonDto {
  from: string;
  to: string;
  regions: { code: string; name: string; points: { month: string; hiredSharePercent: string }[] }[];
}

export interface DispensationRegisterRowDto {
  month: string;
  rule: string;
  area: { id: string; name: string };
  professionGroup: string;
  /** Dispensations granted (finally approved) in the month. */
  granted: number;
  /** Hours and cost booked in the month on orders under a granted dispensation. */
  hours: string;
  costSek: string;
}

export interface DispensationRegisterDto {
  from: string;
  to: string;
  rows: DispensationRegisterRowDto[];
}

/**
 * Filters of the measures that combine (all must hold): an area and a unit by id, a care setting,
 * a profession group and a supplier by the key the series give it. The SKR measure takes only the
 * area, the care setting and the profession group (own-staff cost is kept per area, care setting
 * and profession group); the register only the area and the profession group.
 */
export interface MetricFilters {
  area?: string;
  unit?: string;
  careSetting?: string;
  professionGroup?: string;
  supplier?: string;
}

/**
 * The region's own SKR measure at one month, as a single comparison figure: what every user
 * with `metrics:read` may see beside the figures of their own scope (no kronor, only the ratio).
 */
export interface RegionRatioDto {
  month: string;
  targetPercent: string;
  /** R12 hired / R12 own-staff cost in percent (two decimals), null without own-staff cost. */
  ratioPercent: string | null;
}

/** A granted dispensation of the user's units and what has been used of it. */
export interface DispensationInUseDto {
  id: string;
  orderId: string;
  orderReference: string;
  unit: { id: string; name: string };
  profession: string;
  status: string;
  validFrom: string | null;
  validTo: string | null;
  hoursCap: string | null;
  costCap: string | null;
  hoursUsed: string;
  costUsed: string;
}

/** The steering group's commentary on one month's board report. */
export interface BoardCommentDto {
  month: string;
  text: string;
  updatedAt: string;
  updatedBy: { id: string; name: string };
  version: number;
}

export interface SaveBoardCommentBody {
  text: string;
  /** The version read, to refuse a lost update; absent when writing the month's first commentary. */
  version?: number;
}

/** The longest commentary a month's board report takes, in characters. */
export const BOARD_COMMENT_MAX_LENGTH = 4000;
