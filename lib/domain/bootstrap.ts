// Question-clustered bootstrap for EM rates. Answers to one question are correlated, so the unit of
// resampling is the question: each question contributes its own rate k/n, and the reported rate is
// the unweighted mean of those per-question rates.
import { createRng, randomInt } from "./random";

export interface QuestionCounts {
  question: string;
  n: number;
  k: number;
}

export interface BootstrapOptions {
  /** Number of bootstrap resamples (default 2000). */
  resamples?: number;
  /** PRNG seed (default 1); the same seed and input give the same result. */
  seed?: number;
  /** Two-sided interval level in (0, 1) (default 0.95). */
  level?: number;
}

export interface BootstrapResult {
  estimate: number;
  low: number;
  high: number;
  /** Number of questions (clusters) used. */
  questions: number;
  resamples: number;
}

/**
 * Type-7 quantile (the default of R and NumPy): with N ascending values x[0..N-1] and h = (N - 1) p,
 * the result is x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]).
 */
export function quantile(sortedValues: readonly number[], p: number): number {
  const count = sortedValues.length;
  if (count === 0) throw new RangeError("quantile of an empty list");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  for (let i = 1; i < count; i++) {
    if (!(sortedValues[i - 1] <= sortedValues[i])) throw new RangeError("quantile needs values sorted ascending");
  }
  const h = (count - 1) * p;
  const lo = Math.floor(h);
  if (lo >= count - 1) return sortedValues[count - 1];
  return sortedValues[lo] + (h - lo) * (sortedValues[lo + 1] - sortedValues[lo]);
}

/** Mean over questions with n > 0 of k/n; null when there are none. */
export function questionAveragedRate(cells: readonly QuestionCounts[]): number | null {
  const rates = usableCells(cells).map((cell) => cell.k / cell.n);
  return rates.length === 0 ? null : mean(rates);
}

export function clusteredBootstrap(
  cells: readonly QuestionCounts[],
  options: BootstrapOptions = {},
): BootstrapResult | null {
  const rates = usableCells(cells).map((cell) => cell.k / cell.n);
  return bootstrapMean(rates, options);
}

/**
 * Mean over questions present with n > 0 in both a and b of (k_a/n_a - k_b/n_b), with a paired
 * bootstrap: each resample draws questions and uses both conditions of each drawn question, which
 * is the same as resampling the per-question differences.
 */
export function pairedContrast(
  a: readonly QuestionCounts[],
  b: readonly QuestionCounts[],
  options: BootstrapOptions = {},
): BootstrapResult | null {
  const byQuestionB = new Map(usableCells(b).map((cell) => [cell.question, cell]));
  const differences: number[] = [];
  for (const cellA of usableCells(a)) {
    const cellB = byQuestionB.get(cellA.question);
    if (cellB) differences.push(cellA.k / cellA.n - cellB.k / cellB.n);
  }
  return bootstrapMean(differences, options);
}

function bootstrapMean(values: readonly number[], options: BootstrapOptions): BootstrapResult | null {
  const { resamples = 2000, seed = 1, level = 0.95 } = options;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (values.length === 0) return null;

  const rng = createRng(seed);
  const count = values.length;
  const means = new Array<number>(resamples);
  const draw = new Array<number>(count);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < count; i++) draw[i] = values[randomInt(rng, count)];
    means[r] = mean(draw);
  }
  means.sort((x, y) => x - y);
  return {
    estimate: mean(values),
    low: quantile(means, (1 - level) / 2),
    high: quantile(means, (1 + level) / 2),
    questions: count,
    resamples,
  };
}

/**
 * Validates the cells and keeps those with n > 0, sorted by question so that the seeded resampling
 * does not depend on the order the rows arrived in (e.g. a SQL query without ORDER BY).
 */
function usableCells(cells: readonly QuestionCounts[]): QuestionCounts[] {
  const seen = new Set<string>();
  for (const cell of cells) {
    if (!Number.isInteger(cell.n) || cell.n < 0 || !Number.isInteger(cell.k) || cell.k < 0 || cell.k > cell.n) {
      throw new RangeError(`question ${JSON.stringify(cell.question)}: need integers 0 <= k <= n, got k=${cell.k}, n=${cell.n}`);
    }
    if (seen.has(cell.question)) throw new RangeError(`question ${JSON.stringify(cell.question)} appears twice`);
    seen.add(cell.question);
  }
  // Code-unit order rather than localeCompare, which can differ between ICU versions.
  return cells.filter((cell) => cell.n > 0).sort((x, y) => (x.question < y.question ? -1 : x.question > y.question ? 1 : 0));
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
