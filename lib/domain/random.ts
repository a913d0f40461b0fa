// Seeded PRNG (mulberry32): 32-bit integer arithmetic only, so the sequence is identical on every
// platform and JS engine. Not cryptographic; meant for reproducible bootstrap resampling.

/** Returns a generator of floats in [0, 1). The seed must be an integer; it is taken modulo 2^32. */
export function createRng(seed: number): () => number {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n); n must be an integer in [1, 2^32]. */
export function randomInt(rng: () => number, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
    throw new RangeError(`n must be an integer in [1, 2^32], got ${n}`);
  }
  return Math.floor(rng() * n);
}
