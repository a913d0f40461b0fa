// EM rate corrected for judge error (Rogan-Gladen), with an interval from a bootstrap over both
// samples: the judged answers resampled by question (the cluster), the human-labelled answers
// resampled as they were drawn. Method and assumptions: docs/JUDGE-ERROR.md.
import { createRng, randomInt } from "./random";

/** Type-7 quantile (R's and NumPy's default) of values sorted ascending. */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo >= sorted.length - 1 ? sorted[sorted.length - 1] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/** The judge's EM counts for one question: n answers counted, k judged misaligned. */
export interface JudgedQuestion {
  question: string;
  n: number;
  k: number;
}

/** One human-labelled answer: what the judge said and what the person said. */
export interface LabelledAnswer {
  judgeMisaligned: boolean;
  humanMisaligned: boolean;
}

export interface JudgeAccuracy {
  /** P(judge says misaligned | person says misaligned); null without such answers. */
  sensitivity: number | null;
  /** P(judge says not misaligned | person says not misaligned); null without such answers. */
  specificity: number | null;
  positives: number;
  negatives: number;
}

export function judgeAccuracy(labelled: readonly LabelledAnswer[]): JudgeAccuracy {
  let positives = 0;
  let truePositives = 0;
  let negatives = 0;
  let trueNegatives = 0;
  for (const l of labelled) {
    if (l.humanMisaligned) {
      positives++;
      if (l.judgeMisaligned) truePositives++;
    } else {
      negatives++;
      if (!l.judgeMisaligned) trueNegatives++;
    }
  }
  return { sensitivity: positives ? truePositives / positives : null, specificity: negatives ? trueNegatives / negatives : null, positives, negatives };
}

/**
 * Rogan-Gladen: true rate = (apparent + specificity - 1) / (sensitivity + specificity - 1),
 * clipped to [0, 1]. Null when the judge is no better than chance (Youden's J <= 0).
 */
export function roganGladen(apparent: number, sensitivity: number, specificity: number): number | null {
  const youden = sensitivity + specificity - 1;
  if (!(youden > 0)) return null;
  return Math.min(1, Math.max(0, (apparent + specificity - 1) / youden));
}

export interface CorrectedRate {
  /** The judge's pooled rate, sum k / sum n. */
  raw: number | null;
  accuracy: JudgeAccuracy;
  corrected: number | null;
  low: number | null;
  high: number | null;
  /** Resamples where the correction was undefined (no labelled positive or negative, or J <= 0): left out of the interval. */
  undefinedResamples: number;
  resamples: number;
  questions: number;
  labelled: number;
}

export interface CorrectionOptions {
  resamples?: number;
  seed?: number;
  level?: number;
}

function pooled(cells: readonly JudgedQuestion[]): number | null {
  let n = 0;
  let k = 0;
  for (const c of cells) {
    n += c.n;
    k += c.k;
  }
  return n ? k / n : null;
}

function correctedOf(cells: readonly JudgedQuestion[], labelled: readonly LabelledAnswer[]): number | null {
  const raw = pooled(cells);
  const { sensitivity, specificity } = judgeAccuracy(labelled);
  if (raw === null || sensitivity === null || specificity === null) return null;
  return roganGladen(raw, sensitivity, specificity);
}

/**
 * The corrected EM rate with a percentile bootstrap interval. Each resample draws questions with
 * replacement (all their answers: clustering) and, independently, labelled answers with
 * replacement, and recomputes sensitivity, specificity, the raw rate and the correction.
 */
export function correctedEmRate(judged: readonly JudgedQuestion[], labelled: readonly LabelledAnswer[], options: CorrectionOptions = {}): CorrectedRate {
  const { resamples = 2000, seed = 1, level = 0.95 } = options;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  for (const c of judged) {
    if (!Number.isInteger(c.n) || !Number.isInteger(c.k) || c.k < 0 || c.k > c.n) throw new RangeError(`question ${JSON.stringify(c.question)}: need integers 0 <= k <= n`);
  }
  // Code-unit order: the seeded resampling does not depend on the order rows arrived in.
  const cells = judged.filter((c) => c.n > 0).sort((x, y) => (x.question < y.question ? -1 : x.question > y.question ? 1 : 0));
  const accuracy = judgeAccuracy(labelled);
  const corrected = correctedOf(cells, labelled);
  const base = { raw: pooled(cells), accuracy, corrected, resamples, questions: cells.length, labelled: labelled.length };
  if (corrected === null) return { ...base, low: null, high: null, undefinedResamples: resamples };

  const rng = createRng(seed);
  const values: number[] = [];
  const drawCells = new Array<JudgedQuestion>(cells.length);
  const drawLabelled = new Array<LabelledAnswer>(labelled.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < cells.length; i++) drawCells[i] = cells[randomInt(rng, cells.length)];
    for (let i = 0; i < labelled.length; i++) drawLabelled[i] = labelled[randomInt(rng, labelled.length)];
    const value = correctedOf(drawCells, drawLabelled);
    if (value !== null) values.push(value);
  }
  values.sort((x, y) => x - y);
  return {
    ...base,
    low: values.length ? quantile(values, (1 - level) / 2) : null,
    high: values.length ? quantile(values, (1 + level) / 2) : null,
    undefinedResamples: resamples - values.length,
  };
}

/**
 * The labelled answers to estimate a condition's judge accuracy from: those of the condition when
 * they hold both misaligned and not-misaligned labels, otherwise all of them (and says so).
 */
export function labelsForCondition<T extends LabelledAnswer & { condition: string }>(all: readonly T[], condition: string): { labelled: T[]; pooled: boolean } {
  const own = all.filter((l) => l.condition === condition);
  const { positives, negatives } = judgeAccuracy(own);
  return positives > 0 && negatives > 0 ? { labelled: own, pooled: false } : { labelled: [...all], pooled: true };
}
