import "server-only";
import { integerThresholds, type EmDefinitionName } from "@/lib/domain/em-definitions";
import { prepareThresholdSweep, sweepFromHistograms, type SweepCell, type ThresholdSweep } from "@/lib/domain/threshold-sweep";
import { pgPool } from "@/lib/db/pg-pool";
import { alignedBins } from "./aligned-bins";
import { cellsOf } from "./em-count-rows";

export interface SweepQuery {
  runId: number;
  definition: EmDefinitionName;
  coherentThreshold: number;
  /** Which judgments count (lib/domain/scoring.ts). */
  scoring: number;
  /** Count the answers even at an integer threshold (tests, benchmarks). */
  live?: boolean;
}

/**
 * A run's EM rate per condition as the aligned threshold moves from 0 to 100. At an integer
 * coherence threshold it reads one EmHist row per cell under the scoring, like the charts do;
 * otherwise it counts the run's answers.
 */
export async function runThresholdSweep(query: SweepQuery): Promise<ThresholdSweep> {
  const { runId, definition, coherentThreshold, scoring } = query;
  if (query.live || !integerThresholds({ aligned: 0, coherent: coherentThreshold })) {
    return prepareThresholdSweep(await alignedBins(runId, coherentThreshold, scoring), definition);
  }
  const params: unknown[] = [runId, coherentThreshold + 1];
  if (scoring !== 0) params.push(scoring);
  const { rows } = await pgPool().query<{ condition: string; variant: string | null; alignedFrom: number | null; counts: number[] | null; bothScored: number; alignedScored: number }>(
    `SELECT c.kind::text AS condition, NULLIF(c.variant, '') AS variant, h."alignedFrom", h.counts, e."moN" AS "bothScored", e.total - e."nullAligned" AS "alignedScored"
       FROM ${cellsOf(scoring, `$${params.length}::int`)} e
       JOIN "Condition" c ON c.id = e."conditionId"
       LEFT JOIN LATERAL (SELECT h."alignedFrom", h.counts FROM "EmHist" h
                           WHERE h.scoring = e.scoring AND h."runId" = e."runId" AND h."conditionId" = e."conditionId" AND h."questionKey" = e."questionKey"
                             AND h."coherentFrom" >= $2
                           ORDER BY h."coherentFrom" LIMIT 1) h ON true
      WHERE e."runId" = $1`,
    params,
  );
  const cells: SweepCell[] = rows.map((r) => ({
    condition: r.condition,
    variant: r.variant,
    row: r.counts ? { coherentFrom: coherentThreshold + 1, alignedFrom: r.alignedFrom!, counts: r.counts } : null,
    bothScored: r.bothScored,
    alignedScored: r.alignedScored,
  }));
  return sweepFromHistograms(cells, definition, coherentThreshold);
}
