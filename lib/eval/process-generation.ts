import type { PgBoss } from "pg-boss";
import type { ChatMessage } from "@/lib/domain/prompt-rendering";
import { inTransaction } from "@/lib/db/pg-pool";
import { requestCostUsd } from "@/lib/domain/cost";
import { chatCompletion, type ChatResult } from "./chat-completion";
import { ProviderError } from "./provider-error";
import { endpointGroup, inTransactionDb, JUDGE_QUEUE } from "./queue";
import { requestSlot, type WorkerContext } from "./worker-context";
import { withRetries } from "./retry";

interface PendingGeneration {
  id: number;
  messages: ChatMessage[];
  batchId: number;
  runId: number;
  batchStatus: string;
  endpointId: number;
}

type Outcome =
  | { id: number; judgeEndpointId: number | null; answer: ChatResult; attempts: number; costUsd: number | null }
  | { id: number; failure: ProviderError; attempts: number };

/**
 * Samples the answers of one fetched batch of generation jobs. One query reads the generations
 * (with their batch's status and their run's endpoint); the requests run in parallel within each
 * endpoint's limits; one transaction writes every answer, every failure and the judge jobs.
 * Idempotent on each generation: one that is no longer pending (done by an earlier attempt, or a
 * twin job) is left alone, and only the job whose UPDATE moved it from pending queues its judging.
 */
export async function processGenerations(ctx: WorkerContext, boss: PgBoss, generationIds: number[]): Promise<void> {
  const { rows } = await ctx.pool.query<PendingGeneration>(
    `SELECT g.id, g.messages, g."batchId", g."runId", b.status::text AS "batchStatus", r."endpointId"
       FROM "Generation" g JOIN "Batch" b ON b.id = g."batchId" JOIN "Run" r ON r.id = g."runId"
      WHERE g.id = ANY($1::int[]) AND g.status = 'pending' AND b.status <> 'cancelled'`,
    [generationIds],
  );
  if (!rows.length) return;
  const queued = [...new Set(rows.filter((g) => g.batchStatus === "queued").map((g) => g.batchId))];
  if (queued.length) await ctx.pool.query(`UPDATE "Batch" SET status = 'running', "startedAt" = now() WHERE id = ANY($1::int[]) AND status = 'queued'`, [queued]);
  for (const g of rows) ctx.touched(g.batchId, g.runId);

  const outcomes = (await Promise.all(rows.map((g) => sample(ctx, g)))).filter((o): o is Outcome => o !== null);
  const done = outcomes.filter((o) => "answer" in o);
  const failed = outcomes.filter((o) => "failure" in o);
  const judging = await inTransaction(async (client) => {
    let judgeJobs = 0;
    if (done.length) {
      const { rows: updated } = await client.query<{ id: number }>(
        // Each answer is copied for text search in the same statement (searchable at once; a batch
        // writes a few hundred a second, which the trigram index keeps up with).
        `WITH updated AS (
           UPDATE "Generation" g SET answer = v.answer, status = 'done', "promptTokens" = v.prompt, "completionTokens" = v.completion, "latencyMs" = v.latency,
                  "finishReason" = v.finish, attempts = v.attempts, "completedAt" = now(), "costUsd" = v.cost
             FROM unnest($1::int[], $2::text[], $3::int[], $4::int[], $5::int[], $6::text[], $7::int[], $8::float8[])
                  AS v(id, answer, prompt, completion, latency, finish, attempts, cost)
            WHERE g.id = v.id AND g.status = 'pending'
            RETURNING g.id, g.answer),
         searchable AS (INSERT INTO "AnswerSearch" ("generationId", answer) SELECT id, answer FROM updated WHERE answer IS NOT NULL
                        ON CONFLICT ("generationId") DO NOTHING)
         SELECT id FROM updated`,
        [
          done.map((o) => o.id),
          done.map((o) => o.answer.content),
          done.map((o) => o.answer.promptTokens),
          done.map((o) => o.answer.completionTokens),
          done.map((o) => o.answer.latencyMs),
          done.map((o) => o.answer.finishReason),
          done.map((o) => o.attempts),
          done.map((o) => o.costUsd),
        ],
      );
      const judgeEndpoint = new Map(done.map((o) => [o.id, o.judgeEndpointId]));
      const jobs = updated.flatMap(({ id }) => {
        const endpointId = judgeEndpoint.get(id);
        return endpointId ? [{ data: { generationId: id }, group: endpointGroup(endpointId) }] : [];
      });
      if (jobs.length) await boss.insert(JUDGE_QUEUE, jobs, { db: inTransactionDb(client) });
      judgeJobs = jobs.length;
    }
    if (failed.length) {
      await client.query(
        `UPDATE "Generation" g SET status = 'failed', error = v.error, "errorKind" = v.kind, attempts = v.attempts, "completedAt" = now()
           FROM unnest($1::int[], $2::text[], $3::text[], $4::int[]) AS v(id, error, kind, attempts)
          WHERE g.id = v.id AND g.status = 'pending'`,
        [
          failed.map((o) => o.id),
          failed.map((o) => `${o.failure.message} (after ${o.attempts} attempt${o.attempts === 1 ? "" : "s"})`),
          failed.map((o) => o.failure.kind),
          failed.map((o) => o.attempts),
        ],
      );
    }
    return judgeJobs;
  }, ctx.pool);
  if (judging) ctx.queued(JUDGE_QUEUE);
}

/** One generation's request with retries; null when its batch or endpoint is gone. */
async function sample(ctx: WorkerContext, g: PendingGeneration): Promise<Outcome | null> {
  const [batch, endpoint] = await Promise.all([ctx.context.batch(g.batchId), ctx.endpoints.get(g.endpointId)]);
  if (!batch || !endpoint) return null;
  let attempts = 0;
  try {
    const apiKey = ctx.apiKey(endpoint.apiKeyEnv);
    const { value, attempts: used } = await withRetries(
      async (attempt) => {
        attempts = attempt;
        return requestSlot(ctx, endpoint, () =>
          chatCompletion(
            { baseUrl: endpoint.baseUrl, model: endpoint.model, apiKey, allowPrivate: ctx.allowPrivate },
            { messages: g.messages, temperature: batch.temperature, topP: batch.topP, maxTokens: batch.maxTokens, timeoutMs: endpoint.timeoutSeconds * 1000 },
          ),
        );
      },
      { ...ctx.retry, maxAttempts: batch.maxAttempts },
    );
    return { id: g.id, judgeEndpointId: batch.judgeEndpointId, answer: value, attempts: used, costUsd: requestCostUsd(endpoint, value.promptTokens, value.completionTokens) };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { id: g.id, failure: error, attempts };
  }
}
