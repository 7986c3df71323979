import type { PriceZone } from '@hyrkoll/contracts';

export const PRICE_ZONES: readonly PriceZone[] = [1, 2, 3];

export function isPriceZone(value: unknown): value is PriceZone {
  return value === 1 || value === 2 || value === 3;
}
