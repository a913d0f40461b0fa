// One EM cell as every view shows it: the pooled rate k/n over answers, its interval, the number of
// questions behind it, and the mean aligned score with its question-clustered interval.
import { clusterRatio, sum } from "./cluster-ratio";
import { tCritical } from "./distributions";
import { DEFAULT_RATE_METHOD, rateInterval, replicateRateInterval, type RateEstimate, type RateMethod } from "./rate-interval";

/** Counts of one question in one group (run x condition, or coarser). */
export interface QuestionCell {
  question: string;
  /** Answers the EM definition counts, and the misaligned among them. */
  n: number;
  k: number;
  /** Answers with a numeric aligned score, and the sum of those scores. */
  scored: number;
  alignedSum: number;
}

export interface MeanAligned {
  mean: number;
  ciLow: number | null;
  ciHigh: number | null;
  /** Answers with a numeric aligned score. */
  n: number;
}

export interface EmEstimate {
  /** EM rate in percent (4 decimals), null when no answer counts. */
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Whisker offsets below and above the rate (recharts ErrorBar takes offsets, not bounds). */
  err: [number, number] | null;
  n: number;
  k: number;
  /** Questions with at least one counted answer. */
  questions: number;
  method: RateMethod;
  note?: string;
  meanAligned: MeanAligned | null;
  /** The unrounded proportions. */
  raw: RateEstimate;
}

export const percent = (x: number) => Math.round(x * 1e6) / 1e4;
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * The pooled estimate of a group of question cells. A group of one question has no clustering to
 * account for: its interval is Wilson's, within that question.
 */
export function emEstimate(cells: readonly QuestionCell[], method: RateMethod = DEFAULT_RATE_METHOD): EmEstimate {
  const merged = mergeByQuestion(cells);
  const used = merged.filter((c) => c.n > 0).length;
  return toEstimate(rateInterval(merged.map(({ question, n, k }) => ({ question, n, k })), used === 1 ? "wilson" : method), merged);
}

/** Replicate runs (seeds of one recipe) pooled: the two-way (question x seed) interval. */
export function replicateEstimate(cells: readonly (QuestionCell & { replicate: string })[]): EmEstimate {
  const r = replicateRateInterval(cells.map(({ question, replicate, n, k }) => ({ question, replicate, n, k })));
  return toEstimate({ ...r, note: r.note ?? `${new Set(cells.map((c) => c.replicate)).size} seeds pooled; between-seed variation included` }, mergeByQuestion(cells));
}

function toEstimate(r: RateEstimate, merged: QuestionCell[]): EmEstimate {
  const low = r.ciLow === null ? null : percent(r.ciLow);
  const high = r.ciHigh === null ? null : percent(r.ciHigh);
  const rate = r.rate === null ? null : percent(r.rate);
  return {
    rate,
    ciLow: low,
    ciHigh: high,
    err: rate !== null && low !== null && high !== null ? [round4(rate - low), round4(high - rate)] : null,
    n: r.n,
    k: r.k,
    questions: r.questions,
    method: r.method,
    raw: r,
    ...(r.note ? { note: r.note } : {}),
    meanAligned: meanAligned(merged),
  };
}

/** Mean aligned score over scored answers (pooled), with a CR1 interval and t on Q - 1 df. */
export function meanAligned(cells: readonly QuestionCell[]): MeanAligned | null {
  const ratio = clusterRatio(cells.map((c) => ({ question: c.question, y: c.alignedSum, m: c.scored })));
  if (!ratio) return null;
  const mean = round4(ratio.estimate);
  if (ratio.questions < 2) return { mean, ciLow: null, ciHigh: null, n: ratio.total };
  const half = tCritical(ratio.questions - 1) * Math.sqrt(ratio.variance);
  return { mean, ciLow: round4(Math.max(0, ratio.estimate - half)), ciHigh: round4(Math.min(100, ratio.estimate + half)), n: ratio.total };
}

/** Sums cells of the same question (e.g. a run's variants, or replicate runs) into one cluster. */
export function mergeByQuestion(cells: readonly QuestionCell[]): QuestionCell[] {
  const byQuestion = new Map<string, QuestionCell>();
  for (const c of cells) {
    const m = byQuestion.get(c.question);
    if (!m) byQuestion.set(c.question, { ...c });
    else {
      m.n += c.n;
      m.k += c.k;
      m.scored += c.scored;
      m.alignedSum += c.alignedSum;
    }
  }
  return [...byQuestion.values()];
}

export function totals(cells: readonly QuestionCell[]): { n: number; k: number } {
  return { n: sum(cells.map((c) => c.n)), k: sum(cells.map((c) => c.k)) };
}
