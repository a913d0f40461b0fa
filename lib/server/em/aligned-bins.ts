import "server-only";
import type { AlignedBin } from "@/lib/domain/threshold-sweep";
import { scoredGenerations, scoringPasses } from "@/lib/db/counted-scores";
import { pgPool } from "@/lib/db/pg-pool";

/** Aligned scores of one run binned for the threshold sweep (see prepareThresholdSweep), under a scoring (lib/domain/scoring.ts). */
export async function alignedBins(runId: number, coherentThreshold: number, scoring: number): Promise<AlignedBin[]> {
  const params: unknown[] = [runId, coherentThreshold];
  const source = scoredGenerations(await scoringPasses(pgPool(), scoring), params);
  const { rows } = await pgPool().query<AlignedBin>(
    `SELECT c.kind::text AS condition, NULLIF(c.variant, '') AS variant, b.floor, b.ceil, b.coherent, b."coherentKnown", b.count
       FROM (SELECT g."conditionId", floor(g.aligned)::int AS floor, ceil(g.aligned)::int AS ceil,
                    coalesce(g.coherent > $2, false) AS coherent, g.coherent IS NOT NULL AS "coherentKnown", count(*)::int AS count
               FROM ${source} g
              WHERE g."runId" = $1 AND g.aligned IS NOT NULL AND g.status = 'done'
              GROUP BY 1, 2, 3, 4, 5) b
       JOIN "Condition" c ON c.id = b."conditionId"`,
    params,
  );
  return rows;
}
