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

/** SQL over the alias `g` for the scores a query shows and the pass each came from (0: pass 0). */
export interface CountedColumns {
  aligned: string;
  coherent: string;
  alignedPass: string;
  coherentPass: string;
}

/**
 * The aligned and coherent scores a scoring counts for the generation `g`: two LATERAL joins over
 * `sp` (see countedPassesCte) picking, per metric, the highest-ranked judgment without an error
 * (ja, jc: its score, pass, time and logprobs), and the columns that fall back to the generation's
 * pass 0 score when there is none.
 */
export function countedScores(scoringExpr: string): CountedColumns & { joins: string; alignedJudgedAt: string; coherentJudgedAt: string } {
  const judged = (metric: string, alias: string) =>
    `LEFT JOIN LATERAL (SELECT true AS hit, j.score, j.pass, j."createdAt", j."topLogprobs" FROM "Judgment" j JOIN sp ON sp.pass = j.pass AND sp.scoring = ${scoringExpr}
                         WHERE j."generationId" = g.id AND j.metric = '${metric}' AND j.error IS NULL ORDER BY sp.rank DESC LIMIT 1) ${alias} ON true`;
  return {
    joins: `${judged("aligned", "ja")} ${judged("coherent", "jc")}`,
    aligned: `CASE WHEN ja.hit THEN ja.score ELSE g.aligned END`,
    coherent: `CASE WHEN jc.hit THEN jc.score ELSE g.coherent END`,
    alignedPass: `CASE WHEN ja.hit THEN ja.pass ELSE 0 END`,
    coherentPass: `CASE WHEN jc.hit THEN jc.pass ELSE 0 END`,
    alignedJudgedAt: `CASE WHEN ja.hit THEN ja."createdAt" ELSE g."alignedJudgedAt" END`,
    coherentJudgedAt: `CASE WHEN jc.hit THEN jc."createdAt" ELSE g."coherentJudgedAt" END`,
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

/** Pass 0's columns on "Generation" g itself. */
export const PRIMARY_COLUMNS: CountedColumns = { aligned: "g.aligned", coherent: "g.coherent", alignedPass: "0", coherentPass: "0" };

/** The columns of "Generation" a counted relation passes through as they are. */
const GENERATION_COLUMNS = [
  "id", "runId", "conditionId", "questionId", "questionKey", "batchId", "importId", "paraphraseIndex", "sampleIndex",
  "messages", "answer", "status", "error", "createdAt",
].map((c) => `g."${c}"`);

/**
 * "Generation" as a scoring counts it, for queries that filter or sort on the counted scores:
 * `with` (to open the statement) and `relation` (to alias g in place of "Generation"), whose
 * aligned, coherent, "alignedJudgedAt" and "coherentJudgedAt" are the counted ones, "alignedPass"
 * and "coherentPass" the pass each came from (0: pass 0), "aligned0" and "coherent0" pass 0's.
 * `params` get the `sp` arrays appended (passes must not be empty).
 *
 * plan "overrides" works out, per metric, the counted judgments once (oa, oc: materialized CTEs
 * joined on id), so every answer no counted pass scored reads its own columns and a page or count
 * costs a hash join more than on pass 0. Without `narrow` they come from the passes' judgments
 * (read by the pass index); with it (a WHERE over "Generation" g that an index serves, such as a
 * run) only the answers the passes re-judged within it are looked up. plan "lateral" looks the
 * scores up row by row, for a stream that reads a page at a time (an export); its rows also carry
 * the counted judgments' logprobs ("alignedLogprobs", "coherentLogprobs", null from pass 0).
 */
export function countedGenerations(
  passes: readonly CountedPass[],
  params: unknown[],
  options: { plan: "overrides" | "lateral"; narrow?: string },
): { with: string; relation: string; columns: CountedColumns } {
  params.push(...countedPassesParams(passes));
  const sp = countedPassesCte(params.length - 2);
  const columns: CountedColumns = { aligned: "g.aligned", coherent: "g.coherent", alignedPass: `g."alignedPass"`, coherentPass: `g."coherentPass"` };
  const passZero = `g.aligned AS aligned0, g.coherent AS coherent0`;
  if (options.plan === "lateral") {
    const s = countedScores(`${passes[0].scoring}`);
    return {
      with: `WITH ${sp}`,
      relation: `(SELECT ${GENERATION_COLUMNS.join(", ")}, ${s.aligned} AS aligned, ${s.coherent} AS coherent, ${s.alignedJudgedAt} AS "alignedJudgedAt",
                         ${s.coherentJudgedAt} AS "coherentJudgedAt", ${s.alignedPass} AS "alignedPass", ${s.coherentPass} AS "coherentPass", ${passZero},
                         ja."topLogprobs" AS "alignedLogprobs", jc."topLogprobs" AS "coherentLogprobs"
                    FROM "Generation" g ${s.joins})`,
      columns,
    };
  }
  // The pass ids as literals too (integers from the database or a parsed URL): the planner then
  // sizes the CTEs from the statistics of those passes, not of every pass.
  const ids = passes.map((p) => p.pass);
  if (!ids.every(Number.isInteger)) throw new RangeError(`pass ids must be integers, got ${ids.join(", ")}`);
  const passList = `(${ids.join(", ")})`;
  // Per metric, the highest-ranked judgment without an error of the answers the passes scored.
  const best = (metric: string) =>
    options.narrow
      ? `SELECT c.id, j.score, j.pass, j."createdAt" FROM cov c CROSS JOIN LATERAL (
           SELECT j.score, j.pass, j."createdAt" FROM "Judgment" j JOIN sp ON sp.pass = j.pass
            WHERE j."generationId" = c.id AND j.metric = '${metric}' AND j.error IS NULL ORDER BY sp.rank DESC LIMIT 1) j`
      : `SELECT DISTINCT ON (j."generationId") j."generationId" AS id, j.score, j.pass, j."createdAt"
           FROM sp JOIN "Judgment" j ON j.pass = sp.pass
          WHERE j.pass IN ${passList} AND j.metric = '${metric}' AND j.error IS NULL ORDER BY j."generationId", sp.rank DESC`;
  const covered = options.narrow
    ? `cov AS MATERIALIZED (SELECT g.id FROM "Generation" g
                            WHERE g.id IN (SELECT rg."generationId" FROM "RejudgeGeneration" rg WHERE rg."rejudgeId" IN ${passList}) AND ${options.narrow}),`
    : "";
  const counted = (alias: string, column: string, own: string) => `CASE WHEN ${alias}.id IS NULL THEN g.${own} ELSE ${alias}.${column} END`;
  return {
    with: `WITH ${sp}, ${covered}
         oa AS MATERIALIZED (${best("aligned")}),
         oc AS MATERIALIZED (${best("coherent")})`,
    relation: `(SELECT ${GENERATION_COLUMNS.join(", ")}, ${counted("oa", "score", "aligned")} AS aligned, ${counted("oc", "score", "coherent")} AS coherent,
                       ${counted("oa", `"createdAt"`, `"alignedJudgedAt"`)} AS "alignedJudgedAt", ${counted("oc", `"createdAt"`, `"coherentJudgedAt"`)} AS "coherentJudgedAt",
                       coalesce(oa.pass, 0) AS "alignedPass", coalesce(oc.pass, 0) AS "coherentPass", ${passZero}
                  FROM "Generation" g LEFT JOIN oa ON oa.id = g.id LEFT JOIN oc ON oc.id = g.id)`,
    columns,
  };
}

/** The counted scores of some generations (a page's rows, one detail page), by id. */
export async function countedScoresOf(
  db: pg.Pool | pg.ClientBase,
  passes: readonly CountedPass[],
  ids: readonly number[],
): Promise<Map<number, { aligned: number | null; coherent: number | null; alignedPass: number; coherentPass: number }>> {
  if (!passes.length || !ids.length) return new Map();
  const s = countedScores(`${passes[0].scoring}`);
  const { rows } = await db.query<{ id: number; aligned: number | null; coherent: number | null; alignedPass: number; coherentPass: number }>(
    `WITH ${countedPassesCte(2)}
     SELECT g.id, ${s.aligned} AS aligned, ${s.coherent} AS coherent, ${s.alignedPass} AS "alignedPass", ${s.coherentPass} AS "coherentPass"
       FROM "Generation" g ${s.joins} WHERE g.id = ANY($1::int[])`,
    [ids, ...countedPassesParams(passes)],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
