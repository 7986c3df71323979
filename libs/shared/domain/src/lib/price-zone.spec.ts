import { isPriceZone, PRICE_ZONES } from './price-zone';

describe('price zones', () => {
  it('accepts exactly the zones 1 to 3', () => {
    expect(PRICE_ZONES.every(isPriceZone)).toBe(true);
    expect(isPriceZone(0)).toBe(false);
    expect(isPriceZone(4)).toBe(false);
    expect(isPriceZone('1')).toBe(false);
    expect(isPriceZone(1.5)).toBe(false);
  });
});
