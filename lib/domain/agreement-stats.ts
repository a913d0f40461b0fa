// Agreement between two raters (two judges, or a judge and a person) over the same items: a
// confusion matrix of categorical verdicts, Cohen's kappa on it, and Spearman's rank correlation
// of numeric scores (ties get their average rank). Pure functions, no I/O.

export interface ConfusionMatrix<C extends string> {
  /** Category order of the rows (rater A) and columns (rater B). */
  categories: readonly C[];
  /** counts[i][j]: items A put in categories[i] and B in categories[j]. */
  counts: number[][];
  n: number;
}

export function confusionMatrix<C extends string>(categories: readonly C[], pairs: readonly (readonly [C, C])[]): ConfusionMatrix<C> {
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts = categories.map(() => categories.map(() => 0));
  for (const [a, b] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) throw new RangeError(`unknown category in pair (${a}, ${b})`);
    counts[i][j]++;
  }
  return { categories, counts, n: pairs.length };
}

export interface Kappa {
  /** Cohen's kappa, (po - pe) / (1 - pe); null with no items, or when pe = 1 (both raters constant and equal). */
  kappa: number | null;
  /** Observed agreement: share of items on the diagonal. */
  observed: number | null;
  /** Agreement expected by chance from the two raters' marginal shares. */
  expected: number | null;
  n: number;
}

export function cohenKappa(matrix: ConfusionMatrix<string>): Kappa {
  const { counts, n } = matrix;
  if (n === 0) return { kappa: null, observed: null, expected: null, n };
  const k = counts.length;
  let diagonal = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    diagonal += counts[i][i];
    let row = 0;
    let column = 0;
    for (let j = 0; j < k; j++) {
      row += counts[i][j];
      column += counts[j][i];
    }
    expected += (row / n) * (column / n);
  }
  const observed = diagonal / n;
  // pe = 1 only when both raters put every item in the same single category: kappa is undefined.
  const kappa = expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
  return { kappa, observed, expected, n };
}

/** Ranks 1..n with ties given the mean of the ranks they span (fractional ranking). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1][0] === order[start][0]) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i][1]] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Pearson correlation; null when fewer than 2 items or either side is constant. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new RangeError("x and y differ in length");
  const n = x.length;
  if (n < 2) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Spearman's rho: Pearson's correlation of the average ranks (correct with ties). */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  for (const v of [...x, ...y]) if (!Number.isFinite(v)) throw new RangeError(`scores must be finite numbers, got ${v}`);
  return pearson(averageRanks(x), averageRanks(y));
}
