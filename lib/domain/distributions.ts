// Quantiles of the reference distributions the intervals use (jStat's implementations).
import jstat from "jstat";

const { jStat } = jstat;

// jStat inverts the t distribution iteratively; a page asks for the same few (df, level) pairs
// hundreds of times, so the answers are kept.
const tCache = new Map<string, number>();

/** Two-sided critical value of Student's t with df degrees of freedom (df = Infinity: normal). */
export function tCritical(df: number, level = 0.95): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  const key = `${df}:${level}`;
  const cached = tCache.get(key);
  if (cached !== undefined) return cached;
  const p = (1 + level) / 2;
  const value = Number.isFinite(df) ? jStat.studentt.inv(p, df) : jStat.normal.inv(p, 0, 1);
  if (tCache.size < 10_000) tCache.set(key, value);
  return value;
}

/** The p-quantile of Beta(a, b). */
export function betaQuantile(p: number, a: number, b: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return jStat.beta.inv(p, a, b);
}
