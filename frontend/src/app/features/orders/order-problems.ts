/** Whole kronor or hours shown without decimals ("1375.00" → 0), else two. */
export function decimalsOf(value: string | null): 0 | 2 {
  return value !== null && /\.\d*[1-9]/.test(value) ? 2 : 0;
}

/**
 * Decimals for every amount of a cost breakdown: two when any part has öre (so that the parts
 * shown add up to the total shown), none when all are whole kronor.
 */
export function breakdownDecimals(e: {
  hourlyRate: string | null;
  labourCost: string | null;
  travelAllowance: string;
  extras: string;
  total: string | null;
}): 0 | 2 {
  return [e.hourlyRate, e.labourCost, e.travelAllowance, e.extras, e.total].some((v) => decimalsOf(v) === 2)
    ? 2
    : 0;
}
