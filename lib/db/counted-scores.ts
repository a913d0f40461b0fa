import type pg from "pg";
import { countedRank, LATEST_SCORING, PRIMARY_SCORING, type RejudgeCounting } from "@/lib/domain/scoring";

/** A pass a scoring counts, and its rank (the highest-ranked judgment of a generation and metric wins). */
export interface CountedPass {
  scoring: number;
  pass: number;
  rank: number;
}

/** The passes a scoring counts over pass 0 (lib/domain/scoring.ts): none for pass 0. */
export async function scoringPasses(db: pg.Pool | pg.ClientBase, scoring: number): Promise<CountedPass[]> {
  if (scoring === PRIMARY_SCORING) return [];
  if (scoring !== LATEST_SCORING) return [{ scoring, pass: scoring, rank: 1 }];
  const { rows } = await db.query<{ id: number; status: string; counting: RejudgeCounting }>(
    `SELECT id, status::text AS status, counting::text AS counting FROM "Rejudge"`,
  );
  return rows.flatMap((r) => {
    const rank = countedRank(r);
    return rank === null ? [] : [{ scoring, pass: r.id, rank }];
  });
}

/** `sp(scoring, pass, rank)` from three int[] parameters starting at $first. */
export function countedPassesCte(first: number): string {
  return `sp AS (SELECT * FROM unnest($${first}::int[], $${first + 1}::int[], $${first + 2}::int[]) AS t(scoring, pass, rank))`;
}

export function countedPassesParams(passes: readonly CountedPass[]): number[][] {
  return [passes.map((p) => p.scoring), passes.map((p) => p.pass), passes.map((p) => p.rank)];
}

/**
 * The aligned and coherent scores a scoring counts for the generation `g`: two LATERAL joins over
 * `sp` (see countedPassesCte) picking, per metric, the highest-ranked judgment without an error,
 * and the columns that fall back to the generation's pass 0 score when there is none.
 */
export function countedScores(scoringExpr: string): { joins: string; aligned: string; coherent: string } {
  const judged = (metric: string, alias: string) =>
    `LEFT JOIN LATERAL (SELECT true AS hit, j.score FROM "Judgment" j JOIN sp ON sp.pass = j.pass AND sp.scoring = ${scoringExpr}
                         WHERE j."generationId" = g.id AND j.metric = '${metric}' AND j.error IS NULL ORDER BY sp.rank DESC LIMIT 1) ${alias} ON true`;
  return {
    joins: `${judged("aligned", "ja")} ${judged("coherent", "jc")}`,
    aligned: `CASE WHEN ja.hit THEN ja.score ELSE g.aligned END`,
    coherent: `CASE WHEN jc.hit THEN jc.score ELSE g.coherent END`,
  };
}

/**
 * A relation with the generations' ids, keys and status and the scores a scoring counts, usable
 * wherever "Generation" g was (aliased g by the caller). `params` get the three `sp` arrays
 * appended when the scoring counts any re-judge.
 */
export function scoredGenerations(passes: readonly CountedPass[], params: unknown[]): string {
  if (!passes.length) return `"Generation"`;
  params.push(...countedPassesParams(passes));
  const s = countedScores(`${passes[0].scoring}`);
  return `(WITH ${countedPassesCte(params.length - 2)}
           SELECT g.id, g."runId", g."conditionId", g."questionKey", g."batchId", g.status, ${s.aligned} AS aligned, ${s.coherent} AS coherent
             FROM "Generation" g ${s.joins})`;
}
