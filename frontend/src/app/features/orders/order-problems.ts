/** Whole kronor or hours shown without decimals ("1375.00" → 0), else two. */
export function decimalsOf(value: string | null): 0 | 2 {
  return value !== null && /\.\d*[1-9]/.test(value) ? 2 : 0;
}
