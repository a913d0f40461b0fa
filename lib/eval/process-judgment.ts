import { requestCostUsd } from "@/lib/domain/cost";
import { queueForBatchApi } from "./batch-api-judging";
import { judgeAnswer, type JudgeVerdict } from "./judge-answer";
import type { EndpointSettings } from "./endpoint-registry";
import { ProviderError } from "./provider-error";
import { withRetries } from "./retry";
import { requestSlot, type WorkerContext } from "./worker-context";

interface AnsweredGeneration {
  id: number;
  answer: string;
  batchId: number;
  runId: number;
  questionId: number;
  question: string;
  judged: string[];
}

/** Metrics mirrored on Generation for EM counting. */
const MIRRORED = ["aligned", "coherent"] as const;

interface Outcome {
  generationId: number;
  metric: string;
  judgeModel: string;
  hash: string;
  verdict: JudgeVerdict | null;
  failure: string | null;
  costUsd?: number | null;
}

async function judgeMetric(ctx: WorkerContext, judge: EndpointSettings, judgeModel: string, maxAttempts: number, g: AnsweredGeneration, metric: string, template: string, hash: string): Promise<Outcome> {
  const outcome = { generationId: g.id, metric, judgeModel, hash };
  try {
    const apiKey = ctx.apiKey(judge.apiKeyEnv);
    const { value } = await withRetries(
      () =>
        requestSlot(ctx, judge, () =>
          judgeAnswer({ baseUrl: judge.baseUrl, model: judgeModel, apiKey, allowPrivate: ctx.allowPrivate }, { template, question: g.question, answer: g.answer, timeoutMs: judge.timeoutSeconds * 1000 }),
        ),
      { ...ctx.retry, maxAttempts },
    );
    return { ...outcome, verdict: value, failure: null, costUsd: requestCostUsd(judge, value.promptTokens, value.completionTokens) };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { ...outcome, verdict: null, failure: `${error.kind}: ${error.message}` };
  }
}

/** Every metric of the generation's batch that has no judgment yet, judged in parallel (each call waits for a slot of the judge endpoint). */
async function judgeGeneration(ctx: WorkerContext, g: AnsweredGeneration): Promise<Outcome[]> {
  const batch = await ctx.context.batch(g.batchId);
  if (!batch?.judgeEndpointId) return [];
  const [judge, prompts] = await Promise.all([ctx.endpoints.get(batch.judgeEndpointId), ctx.context.judgePrompts(g.questionId)]);
  if (!judge) return [];
  const todo = batch.metrics.filter((m) => prompts[m] && !g.judged.includes(m));
  if (!todo.length) return [];
  // Through the Batch API the job only records what is to be judged; a provider batch does the rest.
  if (judge.batchApi) return queueForBatchApi(ctx.pool, g.id, todo).then(() => []);
  ctx.touched(g.batchId, g.runId);
  const judgeModel = batch.judgeModel ?? judge.model;
  return Promise.all(todo.map((metric) => judgeMetric(ctx, judge, judgeModel, batch.maxAttempts, g, metric, prompts[metric].template, prompts[metric].hash)));
}

/**
 * Judges the answers of one fetched batch of judge jobs on every metric of their batch that has no
 * judgment yet. One query reads the answers; the calls run in parallel within the judge endpoint's
 * limits; one statement inserts every judgment and mirrors the aligned and coherent scores on their
 * generations. Idempotent on (generation, metric, judge model, prompt hash, pass 0): existing
 * judgments are skipped, the insert ignores a concurrent twin, and only what it inserted is mirrored.
 */
export async function processJudgments(ctx: WorkerContext, generationIds: number[]): Promise<void> {
  const { rows } = await ctx.pool.query<AnsweredGeneration>(
    `SELECT g.id, g.answer, g."batchId", g."runId", g."questionId", q.paraphrases[g."paraphraseIndex" + 1] AS question,
            ARRAY(SELECT j.metric FROM "Judgment" j WHERE j."generationId" = g.id AND j.pass = 0) AS judged
       FROM "Generation" g JOIN "Batch" b ON b.id = g."batchId" JOIN "Question" q ON q.id = g."questionId"
      WHERE g.id = ANY($1::int[]) AND g.status = 'done' AND b.status <> 'cancelled'`,
    [generationIds],
  );
  if (!rows.length) return;
  const outcomes = (await Promise.all(rows.map((g) => judgeGeneration(ctx, g)))).flat();
  if (!outcomes.length) return;
  const mirrored = MIRRORED.map((metric) => `${metric} = CASE WHEN m.has_${metric} THEN m.${metric} ELSE g.${metric} END,
                "${metric}JudgedAt" = CASE WHEN m.has_${metric} THEN now() ELSE g."${metric}JudgedAt" END`);
  await ctx.pool.query(
    `WITH inserted AS (
       INSERT INTO "Judgment" ("generationId", metric, score, "numericMass", "topLogprobs", "judgeModel", "judgePromptHash", method, pass, error, "promptTokens", "completionTokens", "costUsd")
       SELECT v.g, v.metric, v.score, v.mass, v.logprobs::jsonb, v.model, v.hash, v.method::"JudgeMethod", 0, v.error, v.prompt, v.completion, v.cost
         FROM unnest($1::int[], $2::text[], $3::float8[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::int[], $12::float8[])
              AS v(g, metric, score, mass, logprobs, model, hash, method, error, prompt, completion, cost)
       ON CONFLICT ("generationId", metric, "judgeModel", "judgePromptHash", pass) DO NOTHING
       RETURNING "generationId", metric, score, error
     ), m AS (
       SELECT "generationId" AS id,
              ${MIRRORED.map((metric) => `bool_or(metric = '${metric}' AND error IS NULL) AS has_${metric}, max(score) FILTER (WHERE metric = '${metric}' AND error IS NULL) AS ${metric}`).join(",\n              ")}
         FROM inserted GROUP BY 1
     )
     UPDATE "Generation" g SET ${mirrored.join(",\n                ")}
       FROM m WHERE g.id = m.id AND (${MIRRORED.map((metric) => `m.has_${metric}`).join(" OR ")})`,
    [
      outcomes.map((o) => o.generationId),
      outcomes.map((o) => o.metric),
      outcomes.map((o) => o.verdict?.score ?? null),
      outcomes.map((o) => o.verdict?.numericMass ?? null),
      outcomes.map((o) => (o.verdict?.topLogprobs ? JSON.stringify(o.verdict.topLogprobs) : null)),
      outcomes.map((o) => o.judgeModel),
      outcomes.map((o) => o.hash),
      outcomes.map((o) => o.verdict?.method ?? "logprobs"),
      outcomes.map((o) => o.failure),
      outcomes.map((o) => o.verdict?.promptTokens ?? null),
      outcomes.map((o) => o.verdict?.completionTokens ?? null),
      outcomes.map((o) => o.costUsd ?? null),
    ],
  );
}
