import type { ConditionSeries } from "@/lib/domain/condition-series";

// One colour per condition kind across the app (colour-blind-safe: Okabe-Ito based).
const NONE = "#7a8599";
const TRIGGER = "#d1495b";
const REPHRASED = ["#e69f00", "#0072b2", "#009e73", "#cc79a7", "#56b4e9", "#8c6d31"];

/** Colours for series in display order: no trigger grey, exact trigger red, rephrasings a palette. */
export function seriesColors(series: readonly ConditionSeries[]): Record<string, string> {
  const out: Record<string, string> = {};
  let rephrased = 0;
  for (const s of series) out[s.key] = s.kind === "none" ? NONE : s.kind === "trigger" ? TRIGGER : REPHRASED[rephrased++ % REPHRASED.length];
  return out;
}
