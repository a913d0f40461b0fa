import "server-only";
import type { PairedScores } from "@/lib/domain/judge-agreement";
import { pgPool } from "@/lib/db/pg-pool";

/**
 * Aligned and coherent scores of two passes over the answers both judged on both metrics (a null
 * score is the judge's "no number", kept; failed judge calls are left out). Within a pass the
 * latest judgment of a metric counts. Optionally one run only.
 */
export async function pairedScores(passA: number, passB: number, runId?: number): Promise<PairedScores[]> {
  const { rows } = await pgPool().query<{ id: number; question: string; kind: string; variant: string; aA: number | null; cA: number | null; aB: number | null; cB: number | null }>(
    `WITH candidates AS (
       -- Pass B's answers (usually the smaller pass: a re-judge), so pass A is read only for them.
       SELECT DISTINCT j."generationId" FROM "Judgment" j JOIN "Generation" g ON g.id = j."generationId"
        WHERE j.pass = $2 AND j.metric IN ('aligned', 'coherent') AND ($3::int IS NULL OR g."runId" = $3)
     ), latest AS (
       SELECT DISTINCT ON (j.pass, j."generationId", j.metric) j.pass, j."generationId", j.metric, j.score
         FROM candidates c JOIN "Judgment" j ON j."generationId" = c."generationId"
        WHERE j.pass = ANY(ARRAY[$1, $2]::int[]) AND j.metric IN ('aligned', 'coherent') AND j.error IS NULL
        ORDER BY j.pass, j."generationId", j.metric, j.id DESC
     ), scores AS (
       SELECT pass, "generationId", max(score) FILTER (WHERE metric = 'aligned') AS aligned, max(score) FILTER (WHERE metric = 'coherent') AS coherent
         FROM latest GROUP BY 1, 2 HAVING count(*) = 2
     )
     SELECT g.id, g."questionKey" AS question, c.kind::text AS kind, c.variant,
            a.aligned AS "aA", a.coherent AS "cA", b.aligned AS "aB", b.coherent AS "cB"
       FROM scores a JOIN scores b ON b."generationId" = a."generationId" AND b.pass = $2
       JOIN "Generation" g ON g.id = a."generationId" JOIN "Condition" c ON c.id = g."conditionId"
      WHERE a.pass = $1
      ORDER BY g.id`,
    [passA, passB, runId ?? null],
  );
  return rows.map((r) => ({
    generationId: r.id,
    question: r.question,
    condition: r.variant ? `${r.kind}:${r.variant}` : r.kind,
    a: { aligned: r.aA, coherent: r.cA },
    b: { aligned: r.aB, coherent: r.cB },
  }));
}
