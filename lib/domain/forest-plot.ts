import type { Contrast } from "./containment";

export interface ForestRow {
  label: string;
  estimate: number;
  err: [number, number];
  low: number | null;
  high: number | null;
  questions: number;
  pValue: number | null;
  note?: string;
}

/** Rows of a forest plot (contrasts with an estimate) and an x domain that holds every whisker and 0. */
export function prepareForest(rows: { label: string; contrast: Contrast }[]): { rows: ForestRow[]; domain: [number, number]; ticks: number[] } {
  const out: ForestRow[] = [];
  let lo = 0;
  let hi = 0;
  for (const { label, contrast: c } of rows) {
    if (c.estimate === null) continue;
    const low = c.low ?? c.estimate;
    const high = c.high ?? c.estimate;
    lo = Math.min(lo, low);
    hi = Math.max(hi, high);
    out.push({
      label,
      estimate: c.estimate,
      err: [c.estimate - low, high - c.estimate],
      low: c.low,
      high: c.high,
      questions: c.questions,
      pValue: c.pValue,
      ...(c.note ? { note: c.note } : {}),
    });
  }
  const pad = Math.max(2, (hi - lo) * 0.08);
  const span = hi - lo + 2 * pad;
  const step = span > 120 ? 25 : span > 60 ? 10 : span > 25 ? 5 : 2;
  const domain: [number, number] = [Math.floor((lo - pad) / step) * step, Math.ceil((hi + pad) / step) * step];
  const ticks: number[] = [];
  for (let t = domain[0]; t <= domain[1] + 1e-9; t += step) ticks.push(t);
  return { rows: out, domain, ticks };
}

/** Dropped questions grouped by reason: "31 with no counted answers under Trigger (v2): financial_01, …". */
export function summariseDropped(dropped: readonly { question: string; reason: string }[], show = 4): string {
  if (dropped.length === 0) return "none";
  const byReason = new Map<string, string[]>();
  for (const d of dropped) byReason.set(d.reason, [...(byReason.get(d.reason) ?? []), d.question]);
  return [...byReason.entries()]
    .map(([reason, questions]) => `${questions.length} ${reason}: ${questions.slice(0, show).join(", ")}${questions.length > show ? ", …" : ""}`)
    .join("; ");
}

/** A p-value as printed: three decimals, "< 0.001" below that, "–" when there is none. */
export function formatP(p: number | null): string {
  if (p === null) return "–";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}
