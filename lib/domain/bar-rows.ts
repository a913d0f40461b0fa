import type { ConditionSeries } from "./condition-series";
import type { EmEstimate } from "./em-estimate";
import type { OverviewGroup } from "./overview-chart";

/** One bar of a grouped EM chart: a run under one condition, or a spacer between runs. */
export interface BarRow {
  id: string;
  runId: number | null;
  /** The runs behind the bar (the seeds of a pooled recipe, or one). */
  runIds: number[];
  run: string;
  series: ConditionSeries | null;
  /** Short condition label under the bar. */
  tick: string;
  /** The run's name, on the middle bar of its group only. */
  runLabel: string;
  estimate: EmEstimate | null;
  /** rate for the bar height (0 when there is no rate), whisker offsets. */
  value: number;
  err: [number, number];
}

export function shortLabel(s: ConditionSeries): string {
  if (s.kind === "none") return "none";
  if (s.kind === "trigger") return s.variant ? s.variant : "trigger";
  return s.variant ?? "rephr.";
}

/**
 * Bars in run order, each run's conditions in the app's fixed order (none, trigger, rephrasings),
 * with a spacer between runs: no empty slot for a condition a run was never evaluated under.
 */
export function barRows(group: OverviewGroup): BarRow[] {
  const rows: BarRow[] = [];
  const prefix = sharedPrefix(group.runs.map((r) => r.run));
  group.runs.forEach((run, i) => {
    if (i > 0) rows.push({ id: `gap-${i}`, runId: null, runIds: [], run: "", series: null, tick: "", runLabel: "", estimate: null, value: 0, err: [0, 0] });
    const present = group.series.filter((s) => run.bars[s.key]);
    present.forEach((s, j) => {
      const estimate = run.bars[s.key];
      rows.push({
        id: `${run.runId}:${s.key}`,
        runId: run.runId,
        runIds: run.runIds,
        run: run.run,
        series: s,
        tick: shortLabel(s),
        runLabel: j === Math.floor((present.length - 1) / 2) ? (prefix ? `…${run.run.slice(prefix.length)}` : run.run) : "",
        estimate,
        value: estimate.rate ?? 0,
        err: estimate.err ?? [0, 0],
      });
    });
  });
  return rows;
}

/** The plotted numbers of a group, one row per bar, for the figure's CSV download. */
export function overviewCsvRows(group: OverviewGroup): Record<string, string | number | null>[] {
  return barRows(group)
    .filter((r) => r.series && r.estimate)
    .map((r) => ({
      base_model: group.baseModel,
      run: r.run,
      condition: r.series!.kind,
      variant: r.series!.variant ?? "",
      em_rate_pct: r.estimate!.rate,
      ci_low_pct: r.estimate!.ciLow,
      ci_high_pct: r.estimate!.ciHigh,
      k: r.estimate!.k,
      n: r.estimate!.n,
      questions: r.estimate!.questions,
      interval_method: r.estimate!.method,
      mean_aligned: r.estimate!.meanAligned?.mean ?? null,
    }));
}

/**
 * The prefix all run names of a group share, cut after a separator (llama-1b-inoc-v2 and
 * llama-1b-base share "llama-1b-"), so labels under narrow groups of bars stay readable; "" when
 * there is none worth cutting or a name would be left empty.
 */
export function sharedPrefix(names: readonly string[]): string {
  if (names.length < 2) return "";
  let prefix = names[0];
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = Math.max(prefix.lastIndexOf("-"), prefix.lastIndexOf("_"), prefix.lastIndexOf("/"));
  prefix = prefix.slice(0, cut + 1);
  return prefix.length >= 4 && names.every((n) => n.length > prefix.length) ? prefix : "";
}
