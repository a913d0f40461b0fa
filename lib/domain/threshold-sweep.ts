import { conditionSeries, seriesOf, type ConditionSeries } from "./condition-series";
import type { EmDefinitionName } from "./em-definitions";

/**
 * Answers with a numeric aligned score, binned so that integer thresholds are exact:
 * aligned < T  <=>  floor(aligned) < T, and aligned <= T  <=>  ceil(aligned) <= T.
 */
export interface AlignedBin {
  condition: string;
  variant: string | null;
  floor: number;
  ceil: number;
  /** coherent > the coherence threshold */
  coherent: boolean;
  /** coherent is a number (mo counts only those) */
  coherentKnown: boolean;
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
  const points: ThresholdSweep["points"] = [];
  for (let threshold = 0; threshold <= 100; threshold++) {
    const point: { threshold: number } & Record<string, number | null> = { threshold };
    for (const s of series) {
      let n = 0;
      let k = 0;
      for (const b of bins) {
        if (conditionSeries(b.condition, b.variant).key !== s.key) continue;
        if (definition === "betley") {
          if (!b.coherent) continue;
          n += b.count;
          if (b.floor < threshold) k += b.count;
        } else {
          if (!b.coherentKnown) continue;
          n += b.count;
          if (b.coherent && b.ceil <= threshold) k += b.count;
        }
      }
      point[s.key] = n === 0 ? null : Math.round((k / n) * 1e6) / 1e4;
    }
    points.push(point);
  }
  return { series, points };
}
