import { conditionSeries, compareSeries, type ConditionSeries } from "./condition-series";
import { emEstimate, mergeByQuestion, percent, type EmEstimate, type QuestionCell } from "./em-estimate";
import { pooledContrast, type DroppedQuestion, type PooledContrast } from "./pooled-contrast";
import type { RateMethod } from "./rate-interval";

export interface RunQuestionCount extends QuestionCell {
  runId: number;
  run: string;
  condition: string;
  variant: string | null;
}

export interface Contrast {
  /** What is compared: e.g. "Trigger − No trigger", "Rephrased: v1 − Trigger". */
  label: string;
  a: string;
  b: string;
  /** Difference of pooled EM rates over the shared questions, in percentage points. */
  estimate: number | null;
  low: number | null;
  high: number | null;
  pValue: number | null;
  pValueExact: boolean;
  questions: number;
  /** Answers behind each side (over the shared questions). */
  nA: number;
  nB: number;
  dropped: DroppedQuestion[];
  note?: string;
}

export interface RunContainment {
  runId: number;
  run: string;
  cells: (ConditionSeries & EmEstimate)[];
  contrasts: Contrast[];
}

export function toContrast(label: string, a: string, b: string, result: PooledContrast): Contrast {
  return {
    label,
    a,
    b,
    estimate: result.estimate === null ? null : percent(result.estimate),
    low: result.ciLow === null ? null : percent(result.ciLow),
    high: result.ciHigh === null ? null : percent(result.ciHigh),
    pValue: result.pValue,
    pValueExact: result.pValueExact,
    questions: result.questions,
    nA: result.nA,
    nB: result.nB,
    dropped: result.dropped,
    ...(result.note ? { note: result.note } : {}),
  };
}

function contrastOf(label: string, a: { series: ConditionSeries; cells: QuestionCell[] }, b: { series: ConditionSeries; cells: QuestionCell[] }): Contrast {
  const result = pooledContrast(mergeByQuestion(a.cells), mergeByQuestion(b.cells), { names: [a.series.label, b.series.label] });
  return toContrast(label, a.series.key, b.series.key, result);
}

/**
 * Per run: pooled EM per condition, and the contrasts of the containment story, each a difference
 * of pooled rates paired by question: every exact trigger − no trigger, every rephrasing − exact
 * trigger and − no trigger. Conditions are matched by kind, whatever their variant label.
 */
export function prepareContainment(counts: readonly RunQuestionCount[], method?: RateMethod): RunContainment[] {
  const byRun = new Map<number, { run: string; byCondition: Map<string, { series: ConditionSeries; cells: QuestionCell[] }> }>();
  for (const c of counts) {
    const entry = byRun.get(c.runId) ?? { run: c.run, byCondition: new Map() };
    const series = conditionSeries(c.condition, c.variant);
    const cond = entry.byCondition.get(series.key) ?? { series, cells: [] };
    cond.cells.push(c);
    entry.byCondition.set(series.key, cond);
    byRun.set(c.runId, entry);
  }
  return [...byRun.entries()]
    .map(([runId, { run, byCondition }]) => {
      const conditions = [...byCondition.values()].sort((x, y) => compareSeries(x.series, y.series));
      const cells = conditions.map(({ series, cells }) => ({ ...series, ...emEstimate(cells, method) }));
      const ofKind = (kind: string) => conditions.filter((c) => c.series.kind === kind);
      const contrasts: Contrast[] = [];
      for (const trigger of ofKind("trigger")) {
        for (const none of ofKind("none")) contrasts.push(contrastOf(`${trigger.series.label} − ${none.series.label}`, trigger, none));
      }
      for (const rephrased of ofKind("rephrased")) {
        for (const trigger of ofKind("trigger")) contrasts.push(contrastOf(`${rephrased.series.label} − ${trigger.series.label}`, rephrased, trigger));
        for (const none of ofKind("none")) contrasts.push(contrastOf(`${rephrased.series.label} − ${none.series.label}`, rephrased, none));
      }
      return { runId, run, cells, contrasts };
    })
    .sort((a, b) => a.run.localeCompare(b.run));
}
