import type { ConditionKind } from "./condition-kind";

export interface ConditionSeries {
  key: string;
  label: string;
  kind: ConditionKind;
  variant: string | null;
}

const ORDER: Record<string, number> = { none: 0, trigger: 1, rephrased: 2 };

/** One chart series or grid column per condition: no trigger, exact trigger, each rephrasing. */
export function conditionSeries(kind: string, variant: string | null): ConditionSeries {
  const k = kind as ConditionKind;
  if (k === "rephrased") return { key: `rephrased:${variant ?? ""}`, label: variant ? `Rephrased: ${variant}` : "Rephrased", kind: k, variant };
  return { key: variant ? `${k}:${variant}` : k, label: (k === "none" ? "No trigger" : "Trigger") + (variant ? ` (${variant})` : ""), kind: k, variant };
}

export function compareSeries(a: ConditionSeries, b: ConditionSeries): number {
  return ORDER[a.kind] - ORDER[b.kind] || (a.variant ?? "").localeCompare(b.variant ?? "");
}

/** The distinct series among rows, in display order. */
export function seriesOf(rows: readonly { condition: string | null; variant: string | null }[]): ConditionSeries[] {
  const byKey = new Map<string, ConditionSeries>();
  for (const row of rows) {
    const s = conditionSeries(row.condition ?? "none", row.variant);
    byKey.set(s.key, s);
  }
  return [...byKey.values()].sort(compareSeries);
}
