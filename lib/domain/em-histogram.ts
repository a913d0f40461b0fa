// Per-cell joint histograms of the aligned and coherent scores, cumulated so that any integer
// thresholds read one row per cell (EmHist). Scores may be fractional (logprob-weighted), so each
// is binned by what the definitions' comparisons can tell apart at integer thresholds:
//   coherent > T  <=>  ceil(coherent) > T  <=>  ceil(coherent) >= T + 1;
//   aligned < A   <=>  floor(aligned) < A;  aligned <= A  <=>  ceil(aligned) <= A;
// both aligned comparisons are exact on the aligned key 2 * floor(aligned) + (1 if fractional):
//   floor < A  <=>  key <= 2A - 1,  ceil <= A  <=>  key <= 2A.
import { emDefinition, type EmDefinitionName, type EmThresholds } from "./em-definitions";

/** Aligned keys run 0..200 (100 -> 200, 99.5 -> 199). */
export const ALIGNED_KEYS = 201;

export function alignedKey(aligned: number): number {
  const floor = Math.floor(aligned);
  return 2 * floor + (aligned > floor ? 1 : 0);
}

export function coherentBin(coherent: number): number {
  return Math.ceil(coherent);
}

/** The same binning in SQL, for a grouping query over score columns (null stays null). */
export function alignedKeySql(column: string): string {
  return `(2 * floor(${column}) + (${column} > floor(${column}))::int)::int`;
}

export function coherentBinSql(column: string): string {
  return `ceil(${column})::int`;
}

/** Answers of one cell sharing a coherent bin and aligned key (null: that score is not numeric). */
export interface HistogramPoint {
  coherentBin: number | null;
  alignedKey: number | null;
  count: number;
}

/**
 * One EmHist row: the answers with both scores numeric and coherent bin >= coherentFrom, counted
 * cumulatively by aligned key and trimmed to the keys where the count changes: counts[i] = those
 * with aligned key <= alignedFrom + i; below alignedFrom none, past the end all of them.
 */
export interface HistogramRow {
  coherentFrom: number;
  alignedFrom: number;
  counts: number[];
}

/** The cumulative count of a row at aligned key `key` (what the SQL read path computes too). */
export function countAtKey(row: HistogramRow, key: number): number {
  if (key < row.alignedFrom) return 0;
  return row.counts[Math.min(key - row.alignedFrom, row.counts.length - 1)];
}

/** The cumulated rows of one cell: one per coherent bin present among answers with both scores. */
export function cumulateHistogram(points: readonly HistogramPoint[]): HistogramRow[] {
  const byBin = new Map<number, number[]>();
  for (const p of points) {
    if (p.coherentBin === null || p.alignedKey === null) continue;
    let row = byBin.get(p.coherentBin);
    if (!row) byBin.set(p.coherentBin, (row = new Array<number>(ALIGNED_KEYS).fill(0)));
    row[p.alignedKey] += p.count;
  }
  const bins = [...byBin.keys()].sort((a, b) => b - a);
  const running = new Array<number>(ALIGNED_KEYS).fill(0);
  const rows: HistogramRow[] = [];
  for (const bin of bins) {
    const row = byBin.get(bin)!;
    for (let a = 0; a < ALIGNED_KEYS; a++) running[a] += row[a];
    let first = 0;
    while (running[first] === 0) first++;
    let last = ALIGNED_KEYS - 1;
    while (running[last] === 0) last--;
    const counts: number[] = [];
    let sum = 0;
    for (let a = first; a <= last; a++) counts.push((sum += running[a]));
    rows.push({ coherentFrom: bin, alignedFrom: first, counts });
  }
  return rows.reverse();
}

/** The row a coherence threshold T reads: the lowest coherent bin >= T + 1 (none: nothing is coherent). */
export function rowAbove(rows: readonly HistogramRow[], coherentThreshold: number): HistogramRow | undefined {
  return rows.find((r) => r.coherentFrom >= coherentThreshold + 1);
}

/** n and k of one cell at integer thresholds, read from its rows as the SQL read path does. */
export function histogramCounts(
  rows: readonly HistogramRow[],
  bothScored: number,
  definition: EmDefinitionName,
  thresholds: EmThresholds,
): { n: number; k: number } {
  const rule = emDefinition(definition).histogram(thresholds);
  const row = rowAbove(rows, thresholds.coherent);
  const at = (key: number) => (row ? countAtKey(row, key) : 0);
  return { n: rule.nKey === null ? bothScored : at(rule.nKey), k: at(rule.kKey) };
}
