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
export function prepareForest(rows: { label: string; contrast: Contrast }[]): { rows: ForestRow[]; domain: [number, number] } {
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
  const step = hi - lo + 2 * pad > 60 ? 10 : 5;
  return { rows: out, domain: [Math.floor((lo - pad) / step) * step, Math.ceil((hi + pad) / step) * step] };
}

/** A p-value as printed: three decimals, "< 0.001" below that, "–" when there is none. */
export function formatP(p: number | null): string {
  if (p === null) return "–";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}
