// Two judging passes over the same answers, compared: per condition and overall, the confusion
// matrix of EM verdicts (classifyAnswer: the one place the EM definition is spelled), Cohen's kappa
// on it and on the binary misaligned / not-misaligned verdict, Spearman's rho of the aligned
// scores, the EM rate under each pass, and the answers the two scored most differently.
import { cohenKappa, confusionMatrix, spearman, type ConfusionMatrix, type Kappa } from "./agreement-stats";
import { classifyAnswer, DEFAULT_THRESHOLDS, type AnswerClass, type EmDefinitionName, type EmThresholds } from "./em-definitions";

export interface PairedScores {
  generationId: number;
  /** Condition label the answers are split by (e.g. "trigger" or "rephrased:polite"). */
  condition: string;
  question: string;
  a: { aligned: number | null; coherent: number | null };
  b: { aligned: number | null; coherent: number | null };
}

export const VERDICTS: readonly AnswerClass[] = ["aligned", "misaligned", "excluded"];

export interface PassRate {
  /** Answers counted by the definition, and those misaligned. */
  n: number;
  k: number;
  rate: number | null;
}

export interface AgreementSummary {
  condition: string;
  answers: number;
  matrix: ConfusionMatrix<AnswerClass>;
  kappa: Kappa;
  /** Kappa on misaligned vs everything else (what EM counts). */
  kappaEm: Kappa;
  /** Spearman's rho of the aligned scores over answers both passes scored. */
  spearmanAligned: number | null;
  scoredBoth: number;
  emA: PassRate;
  emB: PassRate;
}

function rateOf(verdicts: readonly AnswerClass[]): PassRate {
  const n = verdicts.filter((v) => v !== "excluded").length;
  const k = verdicts.filter((v) => v === "misaligned").length;
  return { n, k, rate: n ? k / n : null };
}

function summarise(condition: string, rows: readonly PairedScores[], definition: EmDefinitionName, thresholds: EmThresholds): AgreementSummary {
  const verdicts = rows.map((r) => [classifyAnswer(definition, r.a.aligned, r.a.coherent, thresholds), classifyAnswer(definition, r.b.aligned, r.b.coherent, thresholds)] as const);
  const matrix = confusionMatrix(VERDICTS, verdicts);
  const binary = verdicts.map(([a, b]) => [a === "misaligned" ? "em" : "not", b === "misaligned" ? "em" : "not"] as const);
  const scored = rows.filter((r) => r.a.aligned !== null && r.b.aligned !== null);
  return {
    condition,
    answers: rows.length,
    matrix,
    kappa: cohenKappa(matrix),
    kappaEm: cohenKappa(confusionMatrix(["em", "not"], binary)),
    spearmanAligned: spearman(scored.map((r) => r.a.aligned!), scored.map((r) => r.b.aligned!)),
    scoredBoth: scored.length,
    emA: rateOf(verdicts.map((v) => v[0])),
    emB: rateOf(verdicts.map((v) => v[1])),
  };
}

/** The overall summary first ("all"), then one per condition in code-unit order. */
export function judgeAgreement(rows: readonly PairedScores[], definition: EmDefinitionName, thresholds: EmThresholds = DEFAULT_THRESHOLDS): AgreementSummary[] {
  const byCondition = new Map<string, PairedScores[]>();
  for (const r of rows) {
    const list = byCondition.get(r.condition) ?? [];
    list.push(r);
    byCondition.set(r.condition, list);
  }
  const conditions = [...byCondition.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return [summarise("all", rows, definition, thresholds), ...conditions.map((c) => summarise(c, byCondition.get(c)!, definition, thresholds))];
}

/**
 * The answers the passes disagree on most: different verdicts first, then the largest gap in
 * aligned score (an answer one pass scored and the other did not counts as a gap of 100).
 */
export function largestDisagreements(rows: readonly PairedScores[], definition: EmDefinitionName, limit: number, thresholds: EmThresholds = DEFAULT_THRESHOLDS) {
  return rows
    .map((r) => {
      const verdictA = classifyAnswer(definition, r.a.aligned, r.a.coherent, thresholds);
      const verdictB = classifyAnswer(definition, r.b.aligned, r.b.coherent, thresholds);
      const gap = r.a.aligned === null && r.b.aligned === null ? 0 : r.a.aligned === null || r.b.aligned === null ? 100 : Math.abs(r.a.aligned - r.b.aligned);
      return { ...r, verdictA, verdictB, gap, differ: verdictA !== verdictB };
    })
    .filter((r) => r.differ || r.gap > 0)
    .sort((x, y) => Number(y.differ) - Number(x.differ) || y.gap - x.gap || x.generationId - y.generationId)
    .slice(0, limit);
}

/** Per-question counts (n counted, k misaligned) of one side, per condition: what a question-clustered interval needs. */
export function questionCellsBySide(rows: readonly PairedScores[], side: "a" | "b", definition: EmDefinitionName, thresholds: EmThresholds = DEFAULT_THRESHOLDS) {
  const out = new Map<string, Map<string, { question: string; n: number; k: number }>>();
  for (const r of rows) {
    const verdict = classifyAnswer(definition, r[side].aligned, r[side].coherent, thresholds);
    for (const condition of ["all", r.condition]) {
      const cells = out.get(condition) ?? new Map();
      out.set(condition, cells);
      const cell = cells.get(r.question) ?? { question: r.question, n: 0, k: 0 };
      cells.set(r.question, cell);
      if (verdict !== "excluded") cell.n++;
      if (verdict === "misaligned") cell.k++;
    }
  }
  return new Map([...out].map(([condition, cells]) => [condition, [...cells.values()]]));
}

export interface ScatterSeries {
  condition: string;
  points: { x: number; y: number; id: number }[];
}

/**
 * Aligned score under A (x) against B (y), one series per condition, for answers both scored.
 * At most `max` points in all, taken evenly through the rows (by generation id), so a big pass
 * still draws quickly; `shown` and `total` say how many.
 */
export function agreementScatter(rows: readonly PairedScores[], max: number): { series: ScatterSeries[]; shown: number; total: number } {
  const scored = rows.filter((r) => r.a.aligned !== null && r.b.aligned !== null).sort((x, y) => x.generationId - y.generationId);
  const step = Math.max(1, scored.length / max);
  const byCondition = new Map<string, ScatterSeries>();
  let shown = 0;
  for (let i = 0; i < scored.length && shown < max; i += step) {
    const r = scored[Math.floor(i)];
    const series = byCondition.get(r.condition) ?? { condition: r.condition, points: [] };
    byCondition.set(r.condition, series);
    series.points.push({ x: r.a.aligned!, y: r.b.aligned!, id: r.generationId });
    shown++;
  }
  const series = [...byCondition.values()].sort((x, y) => (x.condition < y.condition ? -1 : x.condition > y.condition ? 1 : 0));
  return { series, shown, total: scored.length };
}
