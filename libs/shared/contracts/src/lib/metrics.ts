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
export interface ComparisonDto {
  current: string;
  previous: string;
  difference: string;
  /** Change in percent of the previous value (1 decimal), null when the previous value is 0. */
  percent: string | null;
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
    points: { month: string; hiredR12: string; ownR12: string; ratioPercent: string | null }[];
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
