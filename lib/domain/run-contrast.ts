import { conditionSeries } from "./condition-series";
import { toContrast, type Contrast, type RunQuestionCount } from "./containment";
import { emEstimate, mergeByQuestion, type EmEstimate } from "./em-estimate";
import { pooledContrast } from "./pooled-contrast";

export interface RunPairContrast {
  condition: string;
  a: EmEstimate;
  b: EmEstimate;
  contrast: Contrast;
}

/**
 * Two runs compared under each condition both were evaluated under (e.g. a 0%-benign vs a
 * 97%-benign training mix, or two seeds): the difference of pooled rates paired by question, the
 * same estimand and interval as the within-run contrasts.
 */
export function compareRuns(counts: readonly RunQuestionCount[], runA: number, runB: number): RunPairContrast[] {
  const byKey = (runId: number) => {
    const out = new Map<string, { label: string; cells: RunQuestionCount[] }>();
    for (const c of counts.filter((x) => x.runId === runId)) {
      const s = conditionSeries(c.condition, c.variant);
      const entry = out.get(s.key) ?? { label: s.label, cells: [] };
      entry.cells.push(c);
      out.set(s.key, entry);
    }
    return out;
  };
  const a = byKey(runA);
  const b = byKey(runB);
  const nameA = counts.find((c) => c.runId === runA)?.run ?? String(runA);
  const nameB = counts.find((c) => c.runId === runB)?.run ?? String(runB);
  return [...a.entries()]
    .filter(([key]) => b.has(key))
    .map(([key, { label, cells }]) => {
      const other = b.get(key)!.cells;
      const result = pooledContrast(mergeByQuestion(cells), mergeByQuestion(other), { names: [nameA, nameB] });
      return { condition: label, a: emEstimate(cells), b: emEstimate(other), contrast: toContrast(`${nameA} − ${nameB} (${label})`, nameA, nameB, result) };
    });
}
