// The difference of two pooled EM rates (A − B), paired by question: the same estimand as the bars
// (pooled k/n over answers), restricted to the questions both sides answered. Interval: the
// delete-one-question jackknife variance of the difference (a CR3-type cluster-robust variance),
// with Student's t on Q − 1 degrees of freedom; chosen by the coverage simulation in
// docs/STATISTICS.md over CR1, the paired bootstrap and the unclustered Wald interval. p-value: an exact
// sign-flip (randomisation) test over questions, which swaps the two sides' answers to a question.
import { sum } from "./cluster-ratio";
import { tCritical } from "./distributions";
import { createRng, randomInt } from "./random";
import { rateInterval, validateCells, type QuestionCounts } from "./rate-interval";

export const CONTRAST_METHODS = {
  "cluster-t": { label: "cluster-robust (CR1) difference of pooled rates, t on Q−1 df" },
  "jackknife-t": { label: "delete-one-question jackknife, t on Q−1 df" },
  "paired-bootstrap": { label: "percentile bootstrap over questions" },
  unclustered: { label: "Wald for independent answers (ignores clustering)" },
} as const;
export type ContrastMethod = keyof typeof CONTRAST_METHODS;
export const DEFAULT_CONTRAST_METHOD: ContrastMethod = "jackknife-t";

/** Fewer shared questions than this: no interval, "too few questions for an interval". */
export const MIN_CONTRAST_QUESTIONS = 5;

export interface DroppedQuestion {
  question: string;
  reason: string;
}

export interface PooledContrast {
  /** rateA − rateB over the shared questions; null when no question is shared. */
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Two-sided sign-flip p-value for "no difference"; null when no question is shared. */
  pValue: number | null;
  /** Exact (all 2^Q sign patterns) or Monte Carlo (seeded, 20,000 patterns). */
  pValueExact: boolean;
  questions: number;
  rateA: number | null;
  rateB: number | null;
  nA: number;
  kA: number;
  nB: number;
  kB: number;
  dropped: DroppedQuestion[];
  method: ContrastMethod;
  note?: string;
}

interface Pair {
  question: string;
  a: QuestionCounts;
  b: QuestionCounts;
}

export function pairQuestions(a: readonly QuestionCounts[], b: readonly QuestionCounts[], names: [string, string] = ["A", "B"]): { pairs: Pair[]; dropped: DroppedQuestion[] } {
  validateCells(a);
  validateCells(b);
  const byB = new Map(b.map((c) => [c.question, c]));
  const byA = new Map(a.map((c) => [c.question, c]));
  const pairs: Pair[] = [];
  const dropped: DroppedQuestion[] = [];
  for (const question of [...new Set([...byA.keys(), ...byB.keys()])].sort(codeUnitOrder)) {
    const ca = byA.get(question);
    const cb = byB.get(question);
    if (!ca || !cb) dropped.push({ question, reason: `not asked under ${ca ? names[1] : names[0]}` });
    else if (ca.n === 0 || cb.n === 0) dropped.push({ question, reason: `no counted answers under ${ca.n === 0 ? names[0] : names[1]}` });
    else pairs.push({ question, a: ca, b: cb });
  }
  return { pairs, dropped };
}

export function pooledContrast(
  a: readonly QuestionCounts[],
  b: readonly QuestionCounts[],
  options: { method?: ContrastMethod; level?: number; names?: [string, string]; /** false: skip the p-value (simulations). */ pValue?: boolean } = {},
): PooledContrast {
  const { method = DEFAULT_CONTRAST_METHOD, level = 0.95, names } = options;
  const { pairs, dropped } = pairQuestions(a, b, names);
  const nA = sum(pairs.map((p) => p.a.n));
  const kA = sum(pairs.map((p) => p.a.k));
  const nB = sum(pairs.map((p) => p.b.n));
  const kB = sum(pairs.map((p) => p.b.k));
  const q = pairs.length;
  const base = { questions: q, nA, kA, nB, kB, dropped, method };
  if (q === 0) {
    return { ...base, estimate: null, ciLow: null, ciHigh: null, pValue: null, pValueExact: true, rateA: null, rateB: null, note: "no shared questions" };
  }
  const rateA = kA / nA;
  const rateB = kB / nB;
  const estimate = rateA - rateB;
  const { pValue, exact } = options.pValue === false ? { pValue: null, exact: false } : signFlipPValue(pairs);
  if (q < MIN_CONTRAST_QUESTIONS) {
    return { ...base, estimate, rateA, rateB, ciLow: null, ciHigh: null, pValue, pValueExact: exact, note: "too few questions for an interval" };
  }
  const sparse = kA === 0 || kA === nA || kB === 0 || kB === nB;
  const [ciLow, ciHigh] = sparse && method === DEFAULT_CONTRAST_METHOD ? moverBounds(pairs, level) : contrastBounds(pairs, estimate, method, level);
  return { ...base, estimate, rateA, rateB, ciLow, ciHigh, pValue, pValueExact: exact };
}

/**
 * When a side has no misaligned answer (or only misaligned ones) its variance estimate is 0 and a
 * t interval pretends to know that side exactly. The MOVER interval (Zou and Donner 2008; Newcombe
 * 1998 for paired proportions) combines each side's own question-clustered Wilson bounds, which stay
 * open at 0, with the correlation of the two sides over questions.
 */
export function moverBounds(pairs: readonly Pair[], level = 0.95): [number, number] {
  const a = rateInterval(pairs.map((p) => p.a), "cluster-wilson", level);
  const b = rateInterval(pairs.map((p) => p.b), "cluster-wilson", level);
  const pa = a.rate!;
  const pb = b.rate!;
  const nA = sum(pairs.map((p) => p.a.n));
  const nB = sum(pairs.map((p) => p.b.n));
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (const p of pairs) {
    const ea = (p.a.k - pa * p.a.n) / nA;
    const eb = (p.b.k - pb * p.b.n) / nB;
    saa += ea * ea;
    sbb += eb * eb;
    sab += ea * eb;
  }
  const rho = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
  const [la, ua, lb, ub] = [a.ciLow!, a.ciHigh!, b.ciLow!, b.ciHigh!];
  const d = pa - pb;
  const low = d - Math.sqrt(Math.max(0, (pa - la) ** 2 - 2 * rho * (pa - la) * (ub - pb) + (ub - pb) ** 2));
  const high = d + Math.sqrt(Math.max(0, (ua - pa) ** 2 - 2 * rho * (ua - pa) * (pb - lb) + (pb - lb) ** 2));
  return [Math.max(-1, low), Math.min(1, high)];
}

function contrastBounds(pairs: Pair[], estimate: number, method: ContrastMethod, level: number): [number, number] {
  const q = pairs.length;
  const t = tCritical(q - 1, level);
  const clip = (low: number, high: number): [number, number] => [Math.max(-1, low), Math.min(1, high)];
  switch (method) {
    case "cluster-t": {
      const half = t * Math.sqrt(crVariance(pairs));
      return clip(estimate - half, estimate + half);
    }
    case "jackknife-t": {
      const leaveOut = pairs.map((_, i) => pooledDifference(pairs.filter((__, j) => j !== i)));
      const centre = sum(leaveOut) / q;
      const variance = ((q - 1) / q) * sum(leaveOut.map((x) => (x - centre) ** 2));
      const half = t * Math.sqrt(variance);
      return clip(estimate - half, estimate + half);
    }
    case "paired-bootstrap": {
      const rng = createRng(1);
      const draws: number[] = [];
      for (let r = 0; r < 1000; r++) {
        const sample = pairs.map(() => pairs[randomInt(rng, q)]);
        const d = pooledDifference(sample);
        if (Number.isFinite(d)) draws.push(d);
      }
      draws.sort((x, y) => x - y);
      const at = (p: number) => draws[Math.round(p * (draws.length - 1))];
      return [at((1 - level) / 2), at((1 + level) / 2)];
    }
    case "unclustered": {
      const nA = sum(pairs.map((p) => p.a.n));
      const nB = sum(pairs.map((p) => p.b.n));
      const pA = sum(pairs.map((p) => p.a.k)) / nA;
      const pB = sum(pairs.map((p) => p.b.k)) / nB;
      const half = tCritical(Infinity, level) * Math.sqrt((pA * (1 - pA)) / nA + (pB * (1 - pB)) / nB);
      return clip(estimate - half, estimate + half);
    }
  }
}

/** CR1 variance of rateA − rateB: per-question linearised residuals of both ratios, summed. */
export function crVariance(pairs: readonly Pair[]): number {
  const q = pairs.length;
  const nA = sum(pairs.map((p) => p.a.n));
  const nB = sum(pairs.map((p) => p.b.n));
  const pA = sum(pairs.map((p) => p.a.k)) / nA;
  const pB = sum(pairs.map((p) => p.b.k)) / nB;
  const u = pairs.map((p) => (p.a.k - pA * p.a.n) / nA - (p.b.k - pB * p.b.n) / nB);
  return (q / (q - 1)) * sum(u.map((x) => x * x));
}

function pooledDifference(pairs: readonly Pair[]): number {
  return sum(pairs.map((p) => p.a.k)) / sum(pairs.map((p) => p.a.n)) - sum(pairs.map((p) => p.b.k)) / sum(pairs.map((p) => p.b.n));
}

const EXACT_UP_TO = 16;
const MONTE_CARLO_DRAWS = 20_000;

/**
 * Two-sided sign-flip p-value: the share of sign patterns (a pattern swaps A and B within the
 * chosen questions) whose |pooled difference| is at least the observed one (Good 2005,
 * "Permutation, Parametric and Bootstrap Tests of Hypotheses", ch. 3). Exact for up to 16
 * questions; otherwise seeded Monte Carlo with the observed pattern counted (p >= 1/(draws+1)).
 */
export function signFlipPValue(pairs: readonly Pair[]): { pValue: number; exact: boolean } {
  const q = pairs.length;
  const aK = pairs.map((p) => p.a.k);
  const aN = pairs.map((p) => p.a.n);
  const bK = pairs.map((p) => p.b.k);
  const bN = pairs.map((p) => p.b.n);
  const observed = Math.abs(sum(aK) / sum(aN) - sum(bK) / sum(bN));
  const tolerance = 1e-12;
  const statistic = (flipped: (i: number) => boolean) => {
    let ka = 0, na = 0, kb = 0, nb = 0;
    for (let i = 0; i < q; i++) {
      if (flipped(i)) { ka += bK[i]; na += bN[i]; kb += aK[i]; nb += aN[i]; }
      else { ka += aK[i]; na += aN[i]; kb += bK[i]; nb += bN[i]; }
    }
    return Math.abs(ka / na - kb / nb);
  };
  if (q <= EXACT_UP_TO) {
    let extreme = 0;
    const patterns = 2 ** q;
    for (let mask = 0; mask < patterns; mask++) if (statistic((i) => ((mask >>> i) & 1) === 1) >= observed - tolerance) extreme++;
    return { pValue: extreme / patterns, exact: true };
  }
  const rng = createRng(1);
  let extreme = 0;
  const flips = new Array<boolean>(q);
  for (let d = 0; d < MONTE_CARLO_DRAWS; d++) {
    for (let i = 0; i < q; i++) flips[i] = rng() < 0.5;
    if (statistic((i) => flips[i]) >= observed - tolerance) extreme++;
  }
  return { pValue: (extreme + 1) / (MONTE_CARLO_DRAWS + 1), exact: false };
}

function codeUnitOrder(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
