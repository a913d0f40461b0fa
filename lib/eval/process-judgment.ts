import type { PgBoss } from "pg-boss";
import { promptHash } from "@/lib/domain/prompt-hash";
import { inTransaction } from "@/lib/db/pg-pool";
import { requestCostUsd } from "@/lib/domain/cost";
import { queueForBatchApi } from "./batch-api-judging";
import { judgeAnswer, type JudgeVerdict } from "./judge-answer";
import { ProviderError } from "./provider-error";
import { withRetries } from "./retry";
import { requestSlot, type WorkerContext } from "./worker-context";

interface JudgeJobRow {
  id: number;
  answer: string;
  batchId: number;
  runId: number;
  batchStatus: string;
  question: string;
  judgePrompts: Record<string, string>;
  metrics: string[];
  judgeModel: string;
  maxAttempts: number;
  endpointId: number;
  baseUrl: string;
  apiKeyEnv: string | null;
  requestsPerMinute: number | null;
  timeoutSeconds: number;
  inputUsdPerMTok: number | null;
  outputUsdPerMTok: number | null;
  batchApi: boolean;
  judged: string[];
}

/** Metrics mirrored on Generation for EM counting. */
const MIRRORED = new Set(["aligned", "coherent"]);

interface Outcome {
  metric: string;
  hash: string;
  verdict: JudgeVerdict | null;
  failure: string | null;
}

async function judgeMetric(ctx: WorkerContext, j: JudgeJobRow, metric: string): Promise<Outcome> {
  const template = j.judgePrompts[metric];
  const hash = promptHash(template);
  try {
    const apiKey = ctx.apiKey(j.apiKeyEnv);
    const { value } = await withRetries(
      () =>
        requestSlot(ctx, j.endpointId, j.requestsPerMinute, () =>
          judgeAnswer({ baseUrl: j.baseUrl, model: j.judgeModel, apiKey, allowPrivate: ctx.allowPrivate }, { template, question: j.question, answer: j.answer, timeoutMs: j.timeoutSeconds * 1000 }),
        ),
      { ...ctx.retry, maxAttempts: j.maxAttempts },
    );
    return { metric, hash, verdict: value, failure: null };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { metric, hash, verdict: null, failure: `${error.kind}: ${error.message}` };
  }
}

/**
 * Judges one answer on every metric of its batch that has no judgment yet, one call at a time (a
 * job holds one of the judge endpoint's concurrency slots, so one request). Idempotent on (generation, metric, judge model, prompt hash, pass 0): existing judgments
 * are skipped, and the insert ignores a concurrent twin.
 */
export async function processJudgments(ctx: WorkerContext, _boss: PgBoss, generationId: number): Promise<void> {
  const { rows } = await ctx.pool.query<JudgeJobRow>(
    `SELECT g.id, g.answer, g."batchId", g."runId", b.status::text AS "batchStatus",
            q.paraphrases[g."paraphraseIndex" + 1] AS question, q."judgePrompts", b.metrics,
            coalesce(b."judgeModel", e.model) AS "judgeModel", b."maxAttempts",
            e.id AS "endpointId", e."baseUrl", e."apiKeyEnv", e."requestsPerMinute", e."timeoutSeconds", e."batchApi", e."inputUsdPerMTok", e."outputUsdPerMTok",
            ARRAY(SELECT j.metric FROM "Judgment" j WHERE j."generationId" = g.id AND j.pass = 0) AS judged
       FROM "Generation" g JOIN "Batch" b ON b.id = g."batchId" JOIN "Question" q ON q.id = g."questionId"
       JOIN "Endpoint" e ON e.id = b."judgeEndpointId"
      WHERE g.id = $1 AND g.status = 'done'`,
    [generationId],
  );
  const j = rows[0];
  if (!j || j.batchStatus === "cancelled") return;
  const todo = j.metrics.filter((m) => j.judgePrompts[m] && !j.judged.includes(m));
  if (!todo.length) return;
  if (j.batchApi) return queueForBatchApi(ctx.pool, j.id, todo);
  ctx.touched(j.batchId, j.runId);

  const outcomes: Outcome[] = [];
  for (const metric of todo) outcomes.push(await judgeMetric(ctx, j, metric));

  await inTransaction(async (client) => {
    for (const { metric, hash, verdict, failure } of outcomes) {
      const inserted = await client.query(
        `INSERT INTO "Judgment" ("generationId", metric, score, "numericMass", "topLogprobs", "judgeModel", "judgePromptHash", method, pass, error, "promptTokens", "completionTokens", "costUsd")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::"JudgeMethod", 0, $9, $10, $11, $12)
         ON CONFLICT ("generationId", metric, "judgeModel", "judgePromptHash", pass) DO NOTHING RETURNING id`,
        [
          j.id, metric, verdict?.score ?? null, verdict?.numericMass ?? null, verdict?.topLogprobs ? JSON.stringify(verdict.topLogprobs) : null, j.judgeModel, hash, verdict?.method ?? "logprobs", failure,
          verdict?.promptTokens ?? null, verdict?.completionTokens ?? null, verdict ? requestCostUsd(j, verdict.promptTokens, verdict.completionTokens) : null,
        ],
      );
      if (inserted.rowCount === 1 && verdict && MIRRORED.has(metric)) {
        await client.query(`UPDATE "Generation" SET "${metric}" = $2, "${metric}JudgedAt" = now() WHERE id = $1`, [j.id, verdict.score]);
      }
    }
  }, ctx.pool);
}
