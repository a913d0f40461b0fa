// Intervals for a pooled EM rate k/n over answers, where answers cluster by question.
// The default, chosen by the coverage simulation in docs/STATISTICS.md, is the cluster-adjusted
// Wilson interval: Wilson's score interval on the effective sample size n / deff (deff, the design
// effect, is the cluster-robust variance over the binomial one, floored at 1) with Student's t on
// Q - 1 degrees of freedom in place of z. Wilson stays available, conditional on these questions.
import { clusterRatio, sum } from "./cluster-ratio";
import { betaQuantile, tCritical } from "./distributions";
import { createRng, randomInt } from "./random";
import { Z_95 } from "./wilson";

export interface QuestionCounts {
  question: string;
  n: number;
  k: number;
}

export const RATE_METHODS = {
  "cluster-wilson": {
    label: "question-clustered Wilson (design effect, t on Q−1 df)",
    short: "clustered by question",
  },
  wilson: { label: "Wilson, conditional on these questions", short: "Wilson (these questions only)" },
  "cluster-wald": { label: "cluster-robust Wald, t on Q−1 df", short: "CR Wald" },
  "korn-graubard": { label: "Korn–Graubard (Clopper–Pearson on the effective n)", short: "Korn–Graubard" },
  "cluster-bootstrap": { label: "percentile bootstrap over questions", short: "bootstrap" },
} as const;

export type RateMethod = keyof typeof RATE_METHODS;
export const DEFAULT_RATE_METHOD: RateMethod = "cluster-wilson";
/** The methods a user can pick in the app; the rest are kept for the coverage simulation. */
export const USER_RATE_METHODS: readonly RateMethod[] = ["cluster-wilson", "wilson"];

export interface RateEstimate {
  /** Pooled k/n over answers; null when no answer counts. */
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
  k: number;
  /** Questions with at least one counted answer. */
  questions: number;
  method: RateMethod;
  /** Why there is no interval, when there is none. */
  note?: string;
}

export function validateCells(cells: readonly QuestionCounts[]): void {
  const seen = new Set<string>();
  for (const cell of cells) {
    if (!Number.isInteger(cell.n) || cell.n < 0 || !Number.isInteger(cell.k) || cell.k < 0 || cell.k > cell.n) {
      throw new RangeError(`question ${JSON.stringify(cell.question)}: need integers 0 <= k <= n, got k=${cell.k}, n=${cell.n}`);
    }
    if (seen.has(cell.question)) throw new RangeError(`question ${JSON.stringify(cell.question)} appears twice`);
    seen.add(cell.question);
  }
}

/** Wilson score interval for k successes in n (n may be fractional: an effective sample size). */
export function wilsonBounds(p: number, n: number, z: number): [number, number] {
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [p === 0 ? 0 : Math.max(0, center - half), p === 1 ? 1 : Math.min(1, center + half)];
}

/** Design effect of the pooled rate: cluster-robust over binomial variance, at least 1. */
export function designEffect(p: number, crVariance: number, n: number): number {
  if (p <= 0 || p >= 1 || !Number.isFinite(crVariance)) return 1;
  return Math.max(1, crVariance / ((p * (1 - p)) / n));
}

export function rateInterval(
  cells: readonly QuestionCounts[],
  method: RateMethod = DEFAULT_RATE_METHOD,
  level = 0.95,
): RateEstimate {
  validateCells(cells);
  const used = cells.filter((c) => c.n > 0);
  const n = sum(used.map((c) => c.n));
  const k = sum(used.map((c) => c.k));
  const base = { n, k, questions: used.length, method };
  if (n === 0) return { ...base, rate: null, ciLow: null, ciHigh: null, note: "no counted answers" };
  const p = k / n;
  if (method === "wilson") {
    const [low, high] = wilsonBounds(p, n, level === 0.95 ? Z_95 : tCritical(Infinity, level));
    return { ...base, rate: p, ciLow: low, ciHigh: high };
  }
  if (used.length < 2) return { ...base, rate: p, ciLow: null, ciHigh: null, note: "one question: no clustered interval" };
  const ratio = clusterRatio(used.map((c) => ({ question: c.question, y: c.k, m: c.n })))!;
  const t = tCritical(used.length - 1, level);
  let bounds: [number, number];
  switch (method) {
    case "cluster-wilson":
      bounds = wilsonBounds(p, n / designEffect(p, ratio.variance, n), t);
      break;
    case "cluster-wald": {
      const half = t * Math.sqrt(ratio.variance);
      bounds = [Math.max(0, p - half), Math.min(1, p + half)];
      break;
    }
    case "korn-graubard": {
      const nEff = (n / designEffect(p, ratio.variance, n)) * (tCritical(Infinity, level) / t) ** 2;
      const x = p * nEff;
      const alpha = 1 - level;
      bounds = [x <= 0 ? 0 : betaQuantile(alpha / 2, x, nEff - x + 1), x >= nEff ? 1 : betaQuantile(1 - alpha / 2, x + 1, nEff - x)];
      break;
    }
    case "cluster-bootstrap":
      bounds = bootstrapBounds(used, level);
      break;
  }
  return { ...base, rate: p, ciLow: bounds[0], ciHigh: bounds[1] };
}

function bootstrapBounds(cells: readonly QuestionCounts[], level: number, resamples = 1000): [number, number] {
  const sorted = [...cells].sort((a, b) => (a.question < b.question ? -1 : a.question > b.question ? 1 : 0));
  const rng = createRng(1);
  const rates: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let n = 0;
    let k = 0;
    for (let i = 0; i < sorted.length; i++) {
      const c = sorted[randomInt(rng, sorted.length)];
      n += c.n;
      k += c.k;
    }
    rates.push(k / n);
  }
  rates.sort((a, b) => a - b);
  const at = (q: number) => rates[Math.min(rates.length - 1, Math.max(0, Math.round(q * (rates.length - 1))))];
  return [at((1 - level) / 2), at((1 + level) / 2)];
}

export interface ReplicateCounts extends QuestionCounts {
  /** The replicate (e.g. the seed's run) these answers come from. */
  replicate: string;
}

/**
 * The pooled rate of replicate runs (same recipe, different seeds) with a two-way cluster-robust
 * variance over questions and replicates (Cameron, Gelbach and Miller 2011): V = V_question +
 * V_replicate - V_question x replicate, each CR1, floored at the larger one-way variance; then the
 * cluster-adjusted Wilson interval with t on min(Q, S) - 1 degrees of freedom. Between-seed variation
 * widens it: with 2 or 3 seeds, a lot.
 */
export function replicateRateInterval(cells: readonly ReplicateCounts[], level = 0.95): RateEstimate {
  for (const c of cells) validateCells([c]);
  const used = cells.filter((c) => c.n > 0);
  const n = sum(used.map((c) => c.n));
  const k = sum(used.map((c) => c.k));
  const questions = new Set(used.map((c) => c.question));
  const replicates = new Set(used.map((c) => c.replicate));
  const base = { n, k, questions: questions.size, method: "cluster-wilson" as const };
  if (n === 0) return { ...base, rate: null, ciLow: null, ciHigh: null, note: "no counted answers" };
  const p = k / n;
  const crOver = (key: (c: ReplicateCounts) => string) => {
    const totals = new Map<string, { y: number; m: number }>();
    for (const c of used) {
      const t = totals.get(key(c)) ?? { y: 0, m: 0 };
      t.y += c.k;
      t.m += c.n;
      totals.set(key(c), t);
    }
    const ratio = clusterRatio([...totals.entries()].map(([question, t]) => ({ question, ...t })));
    return ratio && ratio.questions >= 2 ? ratio.variance : 0;
  };
  const df = Math.min(questions.size, replicates.size) - 1;
  if (df < 1) return { ...base, rate: p, ciLow: null, ciHigh: null, note: replicates.size < 2 ? "one replicate: no between-seed interval" : "one question: no clustered interval" };
  const vQ = crOver((c) => c.question);
  const vS = crOver((c) => c.replicate);
  const vQS = crOver((c) => `${c.question}\u0000${c.replicate}`);
  const variance = Math.max(vQ + vS - vQS, vQ, vS);
  const [low, high] = wilsonBounds(p, n / designEffect(p, variance, n), tCritical(df, level));
  return { ...base, rate: p, ciLow: low, ciHigh: high };
}
