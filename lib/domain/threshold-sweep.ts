import { conditionSeries, seriesOf, type ConditionSeries } from "./condition-series";
import { emDefinition, type AlignedBinKey, type EmDefinitionName } from "./em-definitions";

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
  const series = seriesOf(bins);
  const rule = emDefinition(definition).binned;
  const points: ThresholdSweep["points"] = [];
  for (let threshold = 0; threshold <= 100; threshold++) {
    const point: { threshold: number } & Record<string, number | null> = { threshold };
    for (const s of series) {
      let n = 0;
      let k = 0;
      for (const b of bins) {
        if (conditionSeries(b.condition, b.variant).key !== s.key) continue;
        const verdict = rule(b, threshold);
        if (verdict === "excluded") continue;
        n += b.count;
        if (verdict === "misaligned") k += b.count;
      }
      point[s.key] = n === 0 ? null : Math.round((k / n) * 1e6) / 1e4;
    }
    points.push(point);
  }
  return { series, points };
}
