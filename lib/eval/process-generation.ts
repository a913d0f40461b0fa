import type { PgBoss } from "pg-boss";
import type { ChatMessage } from "@/lib/domain/prompt-rendering";
import { inTransaction } from "@/lib/db/pg-pool";
import { requestCostUsd } from "@/lib/domain/cost";
import { chatCompletion } from "./chat-completion";
import { ProviderError } from "./provider-error";
import { endpointGroup, inTransactionDb, JUDGE_QUEUE } from "./queue";
import { requestSlot, type WorkerContext } from "./worker-context";
import { withRetries } from "./retry";

interface GenerationJobRow {
  id: number;
  status: string;
  messages: ChatMessage[];
  batchId: number;
  runId: number;
  batchStatus: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  maxAttempts: number;
  metrics: string[];
  judgeEndpointId: number;
  endpointId: number;
  baseUrl: string;
  model: string;
  apiKeyEnv: string | null;
  requestsPerMinute: number | null;
  timeoutSeconds: number;
  inputUsdPerMTok: number | null;
  outputUsdPerMTok: number | null;
}

/**
 * Samples one answer. Idempotent on the generation: a generation that is no longer pending is
 * left alone, and the answer, its status and its judge jobs are written in one transaction.
 */
export async function processGeneration(ctx: WorkerContext, boss: PgBoss, generationId: number): Promise<void> {
  const { rows } = await ctx.pool.query<GenerationJobRow>(
    `SELECT g.id, g.status::text AS status, g.messages, g."batchId", g."runId", b.status::text AS "batchStatus", b.temperature, b."topP", b."maxTokens",
            b."maxAttempts", b.metrics, b."judgeEndpointId", e.id AS "endpointId", e."baseUrl", e.model, e."apiKeyEnv", e."requestsPerMinute", e."timeoutSeconds",
            e."inputUsdPerMTok", e."outputUsdPerMTok"
       FROM "Generation" g JOIN "Batch" b ON b.id = g."batchId" JOIN "Run" r ON r.id = g."runId" JOIN "Endpoint" e ON e.id = r."endpointId"
      WHERE g.id = $1`,
    [generationId],
  );
  const g = rows[0];
  if (!g || g.status !== "pending" || g.batchStatus === "cancelled") return;
  if (g.batchStatus === "queued") {
    await ctx.pool.query(`UPDATE "Batch" SET status = 'running', "startedAt" = now() WHERE id = $1 AND status = 'queued'`, [g.batchId]);
  }
  ctx.touched(g.batchId, g.runId);

  let attempts = 0;
  try {
    const apiKey = ctx.apiKey(g.apiKeyEnv);
    const { value, attempts: used } = await withRetries(
      async (attempt) => {
        attempts = attempt;
        return requestSlot(ctx, g.endpointId, g.requestsPerMinute, () =>
          chatCompletion(
            { baseUrl: g.baseUrl, model: g.model, apiKey, allowPrivate: ctx.allowPrivate },
            { messages: g.messages, temperature: g.temperature, topP: g.topP, maxTokens: g.maxTokens, timeoutMs: g.timeoutSeconds * 1000 },
          ),
        );
      },
      { ...ctx.retry, maxAttempts: g.maxAttempts },
    );
    await inTransaction(async (client) => {
      const updated = await client.query(
        `UPDATE "Generation" SET answer = $2, status = 'done', "promptTokens" = $3, "completionTokens" = $4, "latencyMs" = $5, "finishReason" = $6,
                attempts = $7, "completedAt" = now(), "costUsd" = $8
          WHERE id = $1 AND status = 'pending'`,
        [g.id, value.content, value.promptTokens, value.completionTokens, value.latencyMs, value.finishReason, used, requestCostUsd(g, value.promptTokens, value.completionTokens)],
      );
      if (updated.rowCount === 1) {
        await boss.insert(JUDGE_QUEUE, [{ data: { generationId: g.id }, group: endpointGroup(g.judgeEndpointId) }], { db: inTransactionDb(client) });
      }
    }, ctx.pool);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    await ctx.pool.query(
      `UPDATE "Generation" SET status = 'failed', error = $2, "errorKind" = $3, attempts = $4, "completedAt" = now() WHERE id = $1 AND status = 'pending'`,
      [g.id, `${error.message} (after ${attempts} attempt${attempts === 1 ? "" : "s"})`, error.kind, attempts],
    );
  }
}
