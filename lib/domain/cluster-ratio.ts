// The pooled ratio estimator over question clusters and its cluster-robust (CR1) variance.
// Estimate: sum(y) / sum(m) over questions, e.g. misaligned answers over counted answers (the pooled
// EM rate) or summed aligned scores over scored answers (the mean aligned score). Variance by
// linearisation (Cameron and Miller 2015, section VI): with residuals e_q = y_q - estimate * m_q,
// V = Q / (Q - 1) * sum(e_q^2) / M^2.

export interface ClusterTotals {
  question: string;
  /** Numerator of this question: misaligned answers (or summed scores). */
  y: number;
  /** Denominator of this question: counted answers (or scored answers). */
  m: number;
}

export interface ClusterRatio {
  estimate: number;
  /** CR1 variance of the estimate; 0 when every question has the same ratio. */
  variance: number;
  /** Questions with m > 0. */
  questions: number;
  /** Total denominator (answers). */
  total: number;
}

export function clusterRatio(cells: readonly ClusterTotals[]): ClusterRatio | null {
  const used = cells.filter((c) => c.m > 0);
  const total = sum(used.map((c) => c.m));
  if (used.length === 0 || total === 0) return null;
  const estimate = sum(used.map((c) => c.y)) / total;
  const q = used.length;
  const variance = q < 2 ? NaN : (q / (q - 1)) * sum(used.map((c) => (c.y - estimate * c.m) ** 2)) / total ** 2;
  return { estimate, variance, questions: q, total };
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
