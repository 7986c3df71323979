// The sizes of a benchmark run. `national` is the target of the issue: every region with ten
// years of history. `quick` keeps the same shapes at a size that runs in a few minutes.

/** The generated history always ends here, so that a seed gives the same data on any date. */
export const HISTORY_END = '2025-12';

export const PROFILES = {
  quick: {
    regions: 21,
    years: 2,
    areasPerRegion: 8,
    unitsPerArea: 10,
    purchasedRows: 200_000,
    orders: 10_000,
    dispensationShare: 0.2,
    /** Rows of the big import (throughput and memory). */
    bigImportRows: 1_000_000,
    /** Month files imported one after the other for the import → metrics latency. */
    latencyImports: 10,
    load: { warmupSeconds: 3, seconds: 10, connections: 50 },
    /** Full recomputes (and baselines) measured; the median counts. */
    recomputeRuns: 3,
    copyRuns: 3,
  },
  national: {
    regions: 21,
    years: 10,
    areasPerRegion: 8,
    unitsPerArea: 10,
    purchasedRows: 10_000_000,
    orders: 500_000,
    dispensationShare: 0.2,
    bigImportRows: 1_000_000,
    latencyImports: 15,
    load: { warmupSeconds: 5, seconds: 20, connections: 50 },
    recomputeRuns: 2,
    copyRuns: 3,
  },
};

/** Derived sizes: months covered and rows per (region, month). */
export function sizesOf(profile) {
  const months = profile.years * 12;
  const regionMonths = profile.regions * months;
  return {
    months,
    regionMonths,
    purchasedPerRegionMonth: Math.round(profile.purchasedRows / regionMonths),
    ordersPerRegionMonth: Math.round(profile.orders / regionMonths),
  };
}
