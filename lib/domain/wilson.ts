// Wilson score interval for a binomial proportion k/n.

/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

function validateCounts(k: number, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`k must be an integer in [0, n], got k=${k}, n=${n}`);
}

export function rate(k: number, n: number): number | null {
  validateCounts(k, n);
  return n === 0 ? null : k / n;
}

export function wilsonInterval(k: number, n: number, z: number = Z_95): Interval | null {
  validateCounts(k, n);
  if (!Number.isFinite(z) || z <= 0) throw new RangeError(`z must be a positive finite number, got ${z}`);
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At k = 0 and k = n the bound is exactly 0 or 1 in exact arithmetic; pin it against rounding.
  const low = k === 0 ? 0 : Math.max(0, center - half);
  const high = k === n ? 1 : Math.min(1, center + half);
  return { low, high };
}
