import type { ConditionSeries } from "@/lib/domain/condition-series";

// One colour per condition across the app (Okabe-Ito based): no trigger grey, exact trigger red,
// each rephrasing a palette colour chosen by its label, so it is the same on every chart.
const NONE = "#7a8599";
const TRIGGER = "#d1495b";
const REPHRASED = ["#e69f00", "#0072b2", "#009e73", "#cc79a7", "#56b4e9", "#8c6d31"];

function stableIndex(text: string, size: number): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0;
  return h % size;
}

export function conditionColor(s: Pick<ConditionSeries, "kind" | "variant">): string {
  if (s.kind === "none") return NONE;
  if (s.kind === "trigger") return TRIGGER;
  return REPHRASED[stableIndex(s.variant ?? "", REPHRASED.length)];
}

export function seriesColors(series: readonly ConditionSeries[]): Record<string, string> {
  return Object.fromEntries(series.map((s) => [s.key, conditionColor(s)]));
}
