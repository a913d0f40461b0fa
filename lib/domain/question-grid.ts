import { conditionSeries, seriesOf, type ConditionSeries } from "./condition-series";
import { barValue, type BarValue } from "./overview-chart";

export interface QuestionConditionCount {
  question: string;
  condition: string;
  variant: string | null;
  n: number;
  k: number;
}

export interface QuestionGrid {
  columns: ConditionSeries[];
  rows: { question: string; cells: Record<string, BarValue> }[];
}

/** Question x condition grid of EM rates for one run. */
export function prepareQuestionGrid(counts: QuestionConditionCount[]): QuestionGrid {
  const rows = new Map<string, Record<string, BarValue>>();
  for (const c of counts) {
    const cells = rows.get(c.question) ?? {};
    cells[conditionSeries(c.condition, c.variant).key] = barValue(c.k, c.n);
    rows.set(c.question, cells);
  }
  return {
    columns: seriesOf(counts),
    rows: [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([question, cells]) => ({ question, cells })),
  };
}
