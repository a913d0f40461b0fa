import { seriesOf, conditionSeries, type ConditionSeries } from "./condition-series";
import { rate, wilsonInterval } from "./wilson";

export interface RunConditionCount {
  runId: number;
  run: string;
  baseModel: string;
  condition: string;
  variant: string | null;
  n: number;
  k: number;
}

export interface BarValue {
  /** EM rate in percent, null when no answer counts. */
  rate: number | null;
  /** Whisker offsets below and above the rate (recharts ErrorBar takes offsets, not bounds). */
  err: [number, number] | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
  k: number;
}

export interface OverviewRun {
  runId: number;
  run: string;
  bars: Record<string, BarValue>;
}

export interface OverviewGroup {
  baseModel: string;
  series: ConditionSeries[];
  runs: OverviewRun[];
}

export function barValue(k: number, n: number): BarValue {
  const r = rate(k, n);
  const ci = wilsonInterval(k, n);
  if (r === null || ci === null) return { rate: null, err: null, ciLow: null, ciHigh: null, n, k };
  const pct = (x: number) => Math.round(x * 1e6) / 1e4;
  return { rate: pct(r), err: [pct(r - ci.low), pct(ci.high - r)], ciLow: pct(ci.low), ciHigh: pct(ci.high), n, k };
}

/** EM rate per run and condition, one chart per base model, one bar per condition present. */
export function prepareOverview(rows: RunConditionCount[]): OverviewGroup[] {
  const groups = new Map<string, RunConditionCount[]>();
  for (const row of rows) {
    const list = groups.get(row.baseModel) ?? [];
    list.push(row);
    groups.set(row.baseModel, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([baseModel, list]) => {
      const runs = new Map<number, OverviewRun>();
      for (const row of list) {
        const run = runs.get(row.runId) ?? { runId: row.runId, run: row.run, bars: {} };
        run.bars[conditionSeries(row.condition, row.variant).key] = barValue(row.k, row.n);
        runs.set(row.runId, run);
      }
      return { baseModel, series: seriesOf(list), runs: [...runs.values()].sort((a, b) => a.run.localeCompare(b.run)) };
    });
}
