import { conditionSeries, seriesOf, type ConditionSeries } from "./condition-series";
import { emEstimate, type EmEstimate, type QuestionCell } from "./em-estimate";

export interface QuestionConditionCount extends QuestionCell {
  condition: string;
  variant: string | null;
}

export interface QuestionGrid {
  columns: ConditionSeries[];
  rows: { question: string; cells: Record<string, EmEstimate> }[];
}

/** Question x condition grid of EM rates for one run (each cell one question: Wilson within it). */
export function prepareQuestionGrid(counts: readonly QuestionConditionCount[]): QuestionGrid {
  const rows = new Map<string, Record<string, EmEstimate>>();
  for (const c of counts) {
    const cells = rows.get(c.question) ?? {};
    cells[conditionSeries(c.condition, c.variant).key] = emEstimate([c]);
    rows.set(c.question, cells);
  }
  return {
    columns: seriesOf(counts),
    rows: [...rows.entries()].sort(([a], [b]) => naturalCompare(a, b)).map(([question, cells]) => ({ question, cells })),
  };
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
/** Question ids in natural order (q2 before q10). */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
