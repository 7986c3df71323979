// Seeded, deterministic randomness for the generated data: the same seed gives the same
// rows, byte for byte, on every machine.

/** mulberry32: a small, fast 32-bit PRNG; returns a function giving numbers in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed derived from a base seed and any number of parts (FNV-1a over their text). */
export function seedOf(...parts) {
  let h = 0x811c9dc5;
  for (const ch of parts.join('/')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A generator of one stream: `rand.next()`, integers, picks by weight, deterministic UUIDs. */
export function stream(...parts) {
  const next = mulberry32(seedOf(...parts));
  const hex8 = () => (Math.floor(next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  return {
    next,
    /** An integer from min to max, both included. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    /** Picks by cumulative weights (see `cumulative`). */
    weighted(items, cumulativeWeights) {
      const x = next() * cumulativeWeights[cumulativeWeights.length - 1];
      let lo = 0;
      let hi = cumulativeWeights.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulativeWeights[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      return items[lo];
    },
    /** A version-4-shaped UUID made from the stream (not random in the cryptographic sense). */
    uuid() {
      const a = hex8();
      const b = hex8();
      const c = hex8();
      const d = hex8();
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0], 16) & 3) | 8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
  };
}

export function cumulative(weights) {
  let sum = 0;
  return weights.map((w) => (sum += w));
}
