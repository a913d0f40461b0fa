import { seriesOf, conditionSeries, type ConditionSeries } from "./condition-series";
import { emEstimate, replicateEstimate, type EmEstimate, type QuestionCell } from "./em-estimate";
import type { ReplicateGroup } from "./replicates";
import type { RateMethod } from "./rate-interval";

/** Counts of one run x condition x question. */
export interface RunConditionQuestionCount extends QuestionCell {
  runId: number;
  run: string;
  baseModel: string;
  condition: string;
  variant: string | null;
}

export interface OverviewRun {
  runId: number;
  run: string;
  /** The runs behind the row: one, or the seeds of a pooled recipe. */
  runIds: number[];
  bars: Record<string, EmEstimate>;
}

export interface OverviewGroup {
  baseModel: string;
  series: ConditionSeries[];
  runs: OverviewRun[];
}

export interface Overview {
  groups: OverviewGroup[];
  /** Upper end of the shared y axis (percent): every chart uses the same scale. */
  yMax: number;
}

/** A y-axis top that holds every whisker, on a 5 or 10 point grid. */
export function niceMax(highest: number): number {
  if (!(highest > 0)) return 5;
  const step = highest <= 20 ? 5 : 10;
  return Math.min(100, Math.ceil(highest / step - 1e-9) * step);
}

/** EM rate per run and condition (pooled over questions), one chart per base model on one scale. */
export function prepareOverview(
  rows: readonly RunConditionQuestionCount[],
  method?: RateMethod,
  metric: "em" | "aligned" = "em",
  replicates: ReadonlyMap<number, ReplicateGroup> = new Map(),
): Overview {
  const groups = new Map<string, RunConditionQuestionCount[]>();
  for (const row of rows) {
    const list = groups.get(row.baseModel) ?? [];
    list.push(row);
    groups.set(row.baseModel, list);
  }
  let highest = 0;
  const out = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([baseModel, list]) => {
      const cells = new Map<string, { runId: number; run: string; runIds: number[]; key: string; cells: (QuestionCell & { replicate: string })[] }>();
      for (const row of list) {
        const key = conditionSeries(row.condition, row.variant).key;
        const group = replicates.get(row.runId);
        const runId = group ? group.runIds[0] : row.runId;
        const id = `${runId}\u0000${key}`;
        const entry = cells.get(id) ?? { runId, run: group?.label ?? row.run, runIds: group?.runIds ?? [row.runId], key, cells: [] };
        entry.cells.push({ ...row, replicate: String(row.runId) });
        cells.set(id, entry);
      }
      const runs = new Map<number, OverviewRun>();
      for (const entry of cells.values()) {
        const run = runs.get(entry.runId) ?? { runId: entry.runId, run: entry.run, runIds: entry.runIds, bars: {} };
        const pooled = entry.runIds.length > 1 ? replicateEstimate(entry.cells) : emEstimate(entry.cells, method);
        const estimate = metric === "aligned" ? asMeanAligned(pooled) : pooled;
        highest = Math.max(highest, estimate.ciHigh ?? estimate.rate ?? 0);
        run.bars[entry.key] = estimate;
        runs.set(entry.runId, run);
      }
      return { baseModel, series: seriesOf(list), runs: [...runs.values()].sort((a, b) => a.run.localeCompare(b.run)) };
    });
  return { groups: out, yMax: metric === "aligned" ? 100 : niceMax(highest) };
}

/**
 * The mean aligned score in the shape the charts plot (value 0-100 in `rate`, its interval, n the
 * scored answers); k is 0: a mean has no misaligned count.
 */
export function asMeanAligned(e: EmEstimate): EmEstimate {
  const m = e.meanAligned;
  if (!m) return { ...e, rate: null, ciLow: null, ciHigh: null, err: null, n: 0, k: 0, note: "no scored answers" };
  const err: [number, number] | null = m.ciLow === null ? null : [Math.round((m.mean - m.ciLow) * 1e4) / 1e4, Math.round((m.ciHigh! - m.mean) * 1e4) / 1e4];
  return { ...e, rate: m.mean, ciLow: m.ciLow, ciHigh: m.ciHigh, err, n: m.n, k: 0, method: "cluster-wald", ...(m.ciLow === null ? { note: "one question: no clustered interval" } : {}) };
}
