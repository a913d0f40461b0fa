import "server-only";
import type pg from "pg";
import { UserError } from "@/lib/errors";
import { generationFilterSchema } from "@/lib/server/generations/generation-filter";
import { generationSource } from "@/lib/server/generations/generation-source";
import type { Prices } from "@/lib/domain/cost";
import type { RejudgeInput } from "./rejudge-input";

const byRef = (ref: number | string) => (typeof ref === "number" ? { column: "id", value: ref } : { column: "name", value: ref });

/**
 * The answered generations a re-judge covers: `${with} ... FROM ${from} g WHERE ${where}`. Score
 * conditions of the filter read the scores its `pass` counts, as the explorer that offered "Re-judge these".
 */
export async function scopeSql(client: pg.ClientBase, scope: RejudgeInput["scope"]): Promise<{ with: string; from: string; where: string; params: unknown[] }> {
  const parsed = generationFilterSchema.safeParse(scope.filter);
  if (!parsed.success) throw new UserError(`The filter is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const source = await generationSource(parsed.data, { db: client });
  const { params } = source;
  const parts = [source.where, `g.status = 'done'`, `g.answer IS NOT NULL`];
  if (scope.batch !== undefined) {
    params.push(scope.batch);
    parts.push(`g."batchId" = $${params.length}`);
  }
  return { with: source.with, from: source.from, where: parts.join(" AND "), params };
}

export interface ResolvedRejudge {
  judge: { id: number; name: string; model: string } & Prices;
  judgeModel: string;
  generations: number;
  /** Characters the judge will read per metric: template + question + answer, summed over the set. */
  promptChars: number[];
}

/**
 * Checks the judge endpoint and the set (non-empty, a judge prompt for every metric of every
 * answer: the question's own or the one given) and measures what judging it will read.
 */
export async function resolveRejudge(client: pg.ClientBase, input: RejudgeInput): Promise<ResolvedRejudge> {
  const judgeRef = byRef(input.judge.endpoint);
  const judge = await client.query<ResolvedRejudge["judge"]>(
    `SELECT id, name, model, "inputUsdPerMTok", "outputUsdPerMTok" FROM "Endpoint" WHERE ${judgeRef.column} = $1`,
    [judgeRef.value],
  );
  if (!judge.rows.length) throw new UserError(`Judge endpoint ${input.judge.endpoint} does not exist.`, { "judge.endpoint": ["Unknown endpoint."] });
  if (input.scope.batch !== undefined) {
    const batch = await client.query(`SELECT 1 FROM "Batch" WHERE id = $1`, [input.scope.batch]);
    if (!batch.rows.length) throw new UserError(`Batch ${input.scope.batch} does not exist.`, { "scope.batch": ["Unknown batch."] });
  }
  const { with: counted, from, where, params } = await scopeSql(client, input.scope);
  const metricsParam = params.length + 1;
  const promptsParam = params.length + 2;
  const { rows } = await client.query<{ metric: string; n: number; missing: number; chars: string | null }>(
    `${counted} SELECT m.metric, count(*)::int AS n,
            count(*) FILTER (WHERE coalesce($${promptsParam}::jsonb ->> m.metric, q."judgePrompts" ->> m.metric) IS NULL)::int AS missing,
            sum(length(coalesce($${promptsParam}::jsonb ->> m.metric, q."judgePrompts" ->> m.metric, '')) + length(g.answer)
                + length(coalesce(q.paraphrases[g."paraphraseIndex" + 1], g.messages::text)))::text AS chars
       FROM ${from} g LEFT JOIN "Question" q ON q.id = g."questionId"
       CROSS JOIN unnest($${metricsParam}::text[]) AS m(metric)
      WHERE ${where}
      GROUP BY m.metric`,
    [...params, input.judge.metrics, JSON.stringify(input.prompts)],
  );
  const generations = rows[0]?.n ?? 0;
  if (generations === 0) throw new UserError("No answered generations match this selection.", { scope: ["Nothing to re-judge."] });
  const missing = rows.filter((r) => r.missing > 0);
  if (missing.length) {
    const list = missing.map((r) => `${r.metric} (${r.missing} answer${r.missing === 1 ? "" : "s"})`).join(", ");
    throw new UserError(`No judge prompt for ${list}: their questions are in no question set with that prompt. Give the prompt to use.`, { prompts: [`Missing: ${list}`] });
  }
  return {
    judge: judge.rows[0],
    judgeModel: input.judge.model ?? judge.rows[0].model,
    generations,
    promptChars: input.judge.metrics.map((m) => Number(rows.find((r) => r.metric === m)?.chars ?? 0)),
  };
}
