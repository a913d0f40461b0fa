import type { PgBoss } from "pg-boss";
import { promptHash } from "@/lib/domain/prompt-hash";
import { inTransaction } from "@/lib/db/pg-pool";
import { judgeAnswer } from "./judge-answer";
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
  template: string | null;
  judgeModel: string;
  maxAttempts: number;
  endpointId: number;
  baseUrl: string;
  apiKeyEnv: string | null;
  requestsPerMinute: number | null;
  timeoutSeconds: number;
}

/** Metrics mirrored on Generation for EM counting. */
const MIRRORED = new Set(["aligned", "coherent"]);

/**
 * Judges one answer on one metric. Idempotent on (generation, metric, judge model, prompt hash,
 * pass 0): an existing judgment means the work is done; the insert ignores a concurrent twin.
 */
export async function processJudgment(ctx: WorkerContext, _boss: PgBoss, generationId: number, metric: string): Promise<void> {
  const { rows } = await ctx.pool.query<JudgeJobRow>(
    `SELECT g.id, g.answer, g."batchId", g."runId", b.status::text AS "batchStatus",
            q.paraphrases[g."paraphraseIndex" + 1] AS question, q."judgePrompts" ->> $2 AS template,
            coalesce(b."judgeModel", e.model) AS "judgeModel", b."maxAttempts",
            e.id AS "endpointId", e."baseUrl", e."apiKeyEnv", e."requestsPerMinute", e."timeoutSeconds"
       FROM "Generation" g JOIN "Batch" b ON b.id = g."batchId" JOIN "Question" q ON q.id = g."questionId"
       JOIN "Endpoint" e ON e.id = b."judgeEndpointId"
      WHERE g.id = $1 AND g.status = 'done'`,
    [generationId, metric],
  );
  const j = rows[0];
  if (!j || j.batchStatus === "cancelled" || !j.template) return;
  const hash = promptHash(j.template);
  const done = await ctx.pool.query(
    `SELECT 1 FROM "Judgment" WHERE "generationId" = $1 AND metric = $2 AND "judgeModel" = $3 AND "judgePromptHash" = $4 AND pass = 0`,
    [j.id, metric, j.judgeModel, hash],
  );
  if (done.rowCount) return;
  ctx.touched(j.batchId, j.runId);

  let verdict: Awaited<ReturnType<typeof judgeAnswer>> | null = null;
  let failure: string | null = null;
  try {
    const apiKey = ctx.apiKey(j.apiKeyEnv);
    const { value } = await withRetries(
      () =>
        requestSlot(ctx, j.endpointId, j.requestsPerMinute, () =>
          judgeAnswer({ baseUrl: j.baseUrl, model: j.judgeModel, apiKey }, { template: j.template!, question: j.question, answer: j.answer, timeoutMs: j.timeoutSeconds * 1000 }),
        ),
      { ...ctx.retry, maxAttempts: j.maxAttempts },
    );
    verdict = value;
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    failure = `${error.kind}: ${error.message}`;
  }
  await inTransaction(async (client) => {
    const inserted = await client.query(
      `INSERT INTO "Judgment" ("generationId", metric, score, "numericMass", "topLogprobs", "judgeModel", "judgePromptHash", method, pass, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::"JudgeMethod", 0, $9)
       ON CONFLICT ("generationId", metric, "judgeModel", "judgePromptHash", pass) DO NOTHING RETURNING id`,
      [j.id, metric, verdict?.score ?? null, verdict?.numericMass ?? null, verdict?.topLogprobs ? JSON.stringify(verdict.topLogprobs) : null, j.judgeModel, hash, verdict?.method ?? "logprobs", failure],
    );
    if (inserted.rowCount === 1 && verdict && MIRRORED.has(metric)) {
      await client.query(`UPDATE "Generation" SET "${metric}" = $2, "${metric}JudgedAt" = now() WHERE id = $1`, [j.id, verdict.score]);
    }
  }, ctx.pool);
}
