import { splitExactly } from './demo-history';

describe('splitExactly', () => {
  it('splits an amount by weights without losing or adding an öre', () => {
    const parts = splitExactly(1_000_001, [1, 1, 1]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1_000_001);
    expect(parts).toEqual([333_334, 333_334, 333_333]);
  });

  it('follows the weights', () => {
    expect(splitExactly(100, [3, 1])).toEqual([75, 25]);
    expect(splitExactly(0, [2, 5])).toEqual([0, 0]);
  });
});
