import type { ProfessionGroup } from './agreement';
import type { CareSetting } from './org';

/** Largest page of `GET /api/purchased-hours`. */
export const PURCHASED_HOURS_MAX_PAGE_SIZE = 500;
export const PURCHASED_HOURS_DEFAULT_PAGE_SIZE = 50;

/** Filters of `GET /api/purchased-hours`, as query parameters (all optional). */
export interface PurchasedHoursQuery {
  /** First month, `YYYY-MM`. */
  from?: string;
  /** Last month, `YYYY-MM`, not before `from`. */
  to?: string;
  /** Part of the supplier's name (as imported or as registered), or its organisation number. */
  supplier?: string;
  areaId?: string;
  unitId?: string;
  professionGroup?: ProfessionGroup;
  /** `true`: only rows without an order; `false`: only rows linked to an order. */
  unmatched?: 'true' | 'false';
  page?: number;
  pageSize?: number;
}

/** One imported row of purchased hours; exact decimals as strings. */
export interface PurchasedHoursRowDto {
  id: string;
  /** `YYYY-MM`. */
  month: string;
  supplier: {
    /** Set when the supplier is one the agreement knows. */
    id: string | null;
    /** The registered name of a known supplier, else the name as imported. */
    name: string;
    /** False for a supplier the agreement does not know (off-agreement buying). */
    onAgreement: boolean;
  };
  unit: { id: string; costCentre: string; name: string };
  area: { id: string; code: string; name: string };
  careSetting: CareSetting;
  professionGroup: ProfessionGroup;
  hours: string;
  costSek: string;
  /** The order the row is booked against; null when the row is unmatched. */
  order: { id: string; reference: string } | null;
  /** False when the row has no order (history before the system, or buying outside it). */
  matched: boolean;
  importId: string;
  /** The source of the import that wrote the row (decision 017), e.g. `heroma`; `legacy` before. */
  source: string;
}

export interface PurchasedHoursPageDto {
  items: PurchasedHoursRowDto[];
  /** Rows matching the filters. */
  total: number;
  /** Sums over every row matching the filters (not only this page). */
  totalHours: string;
  totalCostSek: string;
  page: number;
  pageSize: number;
  /** The latest month the region has any purchased hours for (null when none), `YYYY-MM`. */
  latestMonth: string | null;
}
