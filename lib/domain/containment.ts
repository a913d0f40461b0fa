import { pairedContrast, type BootstrapOptions, type BootstrapResult, type QuestionCounts } from "./bootstrap";
import { conditionSeries, compareSeries, type ConditionSeries } from "./condition-series";
import { barValue, type BarValue } from "./overview-chart";

export interface RunQuestionCount {
  runId: number;
  run: string;
  condition: string;
  variant: string | null;
  question: string;
  n: number;
  k: number;
}

export interface Contrast {
  /** What is compared: e.g. "Trigger − No trigger", "Rephrased: v1 − Trigger". */
  label: string;
  a: string;
  b: string;
  /** Difference of question-averaged EM rates, in percentage points, with a paired 95% interval. */
  estimate: number;
  low: number;
  high: number;
  questions: number;
}

export interface RunContainment {
  runId: number;
  run: string;
  cells: (ConditionSeries & BarValue)[];
  contrasts: Contrast[];
}

function toContrast(label: string, a: ConditionSeries, b: ConditionSeries, result: BootstrapResult | null): Contrast | null {
  if (!result) return null;
  const pp = (x: number) => Math.round(x * 1e6) / 1e4;
  return { label, a: a.key, b: b.key, estimate: pp(result.estimate), low: pp(result.low), high: pp(result.high), questions: result.questions };
}

/**
 * Per run: pooled EM per condition, the containment contrast trigger vs no trigger, and each
 * rephrasing vs the exact trigger, with paired bootstrap intervals over questions.
 */
export function prepareContainment(counts: RunQuestionCount[], options: BootstrapOptions = {}): RunContainment[] {
  const byRun = new Map<number, { run: string; byCondition: Map<string, { series: ConditionSeries; questions: QuestionCounts[] }> }>();
  for (const c of counts) {
    const entry = byRun.get(c.runId) ?? { run: c.run, byCondition: new Map() };
    const series = conditionSeries(c.condition, c.variant);
    const cond = entry.byCondition.get(series.key) ?? { series, questions: [] };
    cond.questions.push({ question: c.question, n: c.n, k: c.k });
    entry.byCondition.set(series.key, cond);
    byRun.set(c.runId, entry);
  }
  return [...byRun.entries()]
    .map(([runId, { run, byCondition }]) => {
      const conditions = [...byCondition.values()].sort((x, y) => compareSeries(x.series, y.series));
      const cells = conditions.map(({ series, questions }) => ({
        ...series,
        ...barValue(questions.reduce((s, q) => s + q.k, 0), questions.reduce((s, q) => s + q.n, 0)),
      }));
      const none = byCondition.get("none");
      const trigger = byCondition.get("trigger");
      const contrasts: Contrast[] = [];
      if (none && trigger) {
        const c = toContrast("Trigger − No trigger", trigger.series, none.series, pairedContrast(trigger.questions, none.questions, options));
        if (c) contrasts.push(c);
      }
      if (trigger) {
        for (const cond of conditions.filter((x) => x.series.kind === "rephrased")) {
          const c = toContrast(`${cond.series.label} − Trigger`, cond.series, trigger.series, pairedContrast(cond.questions, trigger.questions, options));
          if (c) contrasts.push(c);
        }
      }
      return { runId, run, cells, contrasts };
    })
    .sort((a, b) => a.run.localeCompare(b.run));
}
