import { conditionSeries, seriesOf, type ConditionSeries } from "./condition-series";
import { emDefinition, type AlignedBinKey, type EmDefinitionName } from "./em-definitions";
import { histogramCounts, type HistogramRow } from "./em-histogram";

/** A bin of answers with a numeric aligned score (see AlignedBinKey), per condition. */
export interface AlignedBin extends AlignedBinKey {
  condition: string;
  variant: string | null;
  count: number;
}

export interface ThresholdSweep {
  series: ConditionSeries[];
  /** One point per aligned threshold 0..100: EM rate in percent per series (null when n = 0). */
  points: ({ threshold: number } & Record<string, number | null>)[];
}

/** EM rate as the aligned threshold moves from 0 to 100, the coherence threshold held fixed. */
export function prepareThresholdSweep(bins: AlignedBin[], definition: EmDefinitionName): ThresholdSweep {
  const rule = emDefinition(definition).binned;
  return sweep(seriesOf(bins), (s, threshold) => {
    let n = 0;
    let k = 0;
    for (const b of bins) {
      if (conditionSeries(b.condition, b.variant).key !== s.key) continue;
      const verdict = rule(b, threshold);
      if (verdict === "excluded") continue;
      n += b.count;
      if (verdict === "misaligned") k += b.count;
    }
    return { n, k };
  });
}

/**
 * One cell's EmHist row for the fixed coherence threshold (the lowest coherent bin above it; null
 * when no answer is above it), its answers with both scores numeric, and with a numeric aligned score.
 */
export interface SweepCell {
  condition: string;
  variant: string | null;
  row: HistogramRow | null;
  bothScored: number;
  alignedScored: number;
}

/** The same sweep read from the cells' histograms (integer coherence threshold): no answer is read. */
export function sweepFromHistograms(cells: SweepCell[], definition: EmDefinitionName, coherentThreshold: number): ThresholdSweep {
  const bySeries = new Map<string, SweepCell[]>();
  for (const c of cells) {
    if (c.alignedScored === 0) continue;
    const key = conditionSeries(c.condition, c.variant).key;
    bySeries.set(key, [...(bySeries.get(key) ?? []), c]);
  }
  return sweep(seriesOf(cells.filter((c) => c.alignedScored > 0)), (s, threshold) => {
    let n = 0;
    let k = 0;
    for (const c of bySeries.get(s.key) ?? []) {
      const counts = histogramCounts(c.row ? [c.row] : [], c.bothScored, definition, { aligned: threshold, coherent: coherentThreshold });
      n += counts.n;
      k += counts.k;
    }
    return { n, k };
  });
}

function sweep(series: ConditionSeries[], count: (s: ConditionSeries, threshold: number) => { n: number; k: number }): ThresholdSweep {
  const points: ThresholdSweep["points"] = [];
  for (let threshold = 0; threshold <= 100; threshold++) {
    const point: { threshold: number } & Record<string, number | null> = { threshold };
    for (const s of series) {
      const { n, k } = count(s, threshold);
      point[s.key] = n === 0 ? null : Math.round((k / n) * 1e6) / 1e4;
    }
    points.push(point);
  }
  return { series, points };
}
