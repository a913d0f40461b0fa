// Judging through a provider's Batch API. A judge job whose endpoint uses it only records what is
// to be judged (ProviderBatchItem); one worker at a time (an advisory lock) then sends the waiting
// items as a provider batch, polls open batches, and applies their results with the same
// idempotency as direct judging: one Judgment per (generation, metric, judge model, prompt, pass 0).
import type pg from "pg";
import { inTransaction } from "@/lib/db/pg-pool";
import { refreshEmCells } from "@/lib/db/refresh-em-cells";
import { discounted, requestCostUsd } from "@/lib/domain/cost";
import { promptHash } from "@/lib/domain/prompt-hash";
import { chatRequestBody, readCompletion, type WireResponse } from "./chat-completion";
import { judgeRequest, verdictOf } from "./judge-answer";
import { cancelRemoteBatch, createRemoteBatch, findRemoteBatch, parseOutputLine, remoteFileLines, retrieveRemoteBatch, TERMINAL, uploadBatchFile, type OutputLine } from "./openai-batch-api";
import { ProviderError } from "./provider-error";
import type { WorkerContext } from "./worker-context";

/** Advisory lock key: one worker sends and polls provider batches at a time. */
const LOCK_KEY = 0x454d4c42; // "EMLB"
const MIRRORED = new Set(["aligned", "coherent"]);

export interface BatchApiSettings {
  /** Most requests in one provider batch (OpenAI allows 50,000). */
  maxRequests: number;
  /** Send waiting items once the oldest has waited this long, even while answers still come in. */
  maxWaitMs: number;
  /** A provider batch still "submitting" after this long was cut off by a crash: its items are sent again. */
  staleSubmitMs: number;
}

export const DEFAULT_BATCH_API: BatchApiSettings = { maxRequests: 10_000, maxWaitMs: 5 * 60_000, staleSubmitMs: 10 * 60_000 };

/**
 * The metadata that finds a provider batch again after a crash: our ProviderBatch id and its
 * creation time in ms, so another installation using the same key cannot be mistaken for us.
 */
const PROVIDER_BATCH_TAG = "emlab_provider_batch";
const providerBatchTag = (id: number, createdAt: Date) => `${id}@${createdAt.getTime()}`;

/**
 * Records the metrics of one answer for the next provider batch (a judge job's whole work under
 * the Batch API). An item already in an open provider batch stays there; one whose batch ended
 * without its judgment (a resume after failures) waits to be sent again, its attempts reset.
 */
export async function queueForBatchApi(db: pg.Pool | pg.ClientBase, generationId: number, metrics: string[]): Promise<void> {
  await db.query(
    `INSERT INTO "ProviderBatchItem" ("generationId", metric)
     SELECT $1, m FROM unnest($2::text[]) AS m
      WHERE NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."generationId" = $1 AND j.metric = m AND j.pass = 0)
     ON CONFLICT ("generationId", metric) DO UPDATE SET "providerBatchId" = NULL, attempts = 0
      WHERE EXISTS (SELECT 1 FROM "ProviderBatch" p WHERE p.id = "ProviderBatchItem"."providerBatchId" AND p."finishedAt" IS NOT NULL)`,
    [generationId, metrics],
  );
}

interface EndpointRow {
  endpointId: number;
  baseUrl: string;
  apiKeyEnv: string | null;
  timeoutSeconds: number;
  inputUsdPerMTok: number | null;
  outputUsdPerMTok: number | null;
  batchDiscount: number;
}

interface OpenBatch extends EndpointRow {
  id: number;
  batchId: number;
  batchStatus: string;
  status: string;
  remoteId: string | null;
  createdAt: Date;
}

const ENDPOINT_COLUMNS = `e.id AS "endpointId", e."baseUrl", e."apiKeyEnv", e."timeoutSeconds", e."inputUsdPerMTok", e."outputUsdPerMTok", e."batchDiscount"`;

function target(ctx: WorkerContext, e: EndpointRow) {
  return { baseUrl: e.baseUrl, apiKey: ctx.apiKey(e.apiKeyEnv), allowPrivate: ctx.allowPrivate, timeoutMs: Math.max(e.timeoutSeconds, 60) * 1000 };
}

/** One round: cancel what our cancelled batches still have open, poll and apply open batches, send waiting items. */
export async function batchApiTick(ctx: WorkerContext, settings: BatchApiSettings = DEFAULT_BATCH_API, log: (line: string) => void = () => {}): Promise<void> {
  const lock = await ctx.pool.connect();
  try {
    const { rows } = await lock.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock($1) AS locked`, [LOCK_KEY]);
    if (!rows[0].locked) return;
    try {
      await pollOpenBatches(ctx, settings, log);
      await sendWaitingItems(ctx, settings, log);
    } finally {
      await lock.query(`SELECT pg_advisory_unlock($1)`, [LOCK_KEY]);
    }
  } finally {
    lock.release();
  }
}

async function pollOpenBatches(ctx: WorkerContext, settings: BatchApiSettings, log: (line: string) => void): Promise<void> {
  const { rows } = await ctx.pool.query<OpenBatch>(
    `SELECT p.id, p."batchId", b.status::text AS "batchStatus", p.status, p."remoteId", p."createdAt", ${ENDPOINT_COLUMNS}
       FROM "ProviderBatch" p JOIN "Batch" b ON b.id = p."batchId" JOIN "Endpoint" e ON e.id = p."endpointId"
      WHERE p."finishedAt" IS NULL ORDER BY p.id`,
  );
  for (const p of rows) {
    try {
      if (!p.remoteId) {
        // Cut off between claiming its items and recording the remote batch (a crash). If the
        // provider has the batch (found by our tag), it is kept and polled, never paid for twice;
        // otherwise its items are sent again.
        if (Date.now() - p.createdAt.getTime() <= settings.staleSubmitMs) continue;
        const found = await findRemoteBatch(target(ctx, p), PROVIDER_BATCH_TAG, providerBatchTag(p.id, p.createdAt), p.createdAt);
        if (found) {
          await ctx.pool.query(`UPDATE "ProviderBatch" SET "remoteId" = $2, "inputFileId" = $3, status = $4, "submittedAt" = now(), error = NULL WHERE id = $1`, [
            p.id,
            found.id,
            found.input_file_id ?? null,
            found.status,
          ]);
          log(`provider batch ${found.id} was created before the worker stopped; kept, not sent again`);
        } else {
          await finish(ctx, p, "failed", "never submitted (the worker stopped while sending)", [], []);
        }
        continue;
      }
      const t = target(ctx, p);
      let remote = await retrieveRemoteBatch(t, p.remoteId);
      if (p.batchStatus === "cancelled" && !TERMINAL.has(remote.status) && remote.status !== "cancelling") {
        remote = await cancelRemoteBatch(t, p.remoteId);
        log(`provider batch ${p.remoteId} cancelled with batch ${p.batchId}`);
      }
      await ctx.pool.query(`UPDATE "ProviderBatch" SET status = $2, completed = $3, failed = $4 WHERE id = $1`, [
        p.id,
        remote.status,
        remote.request_counts?.completed ?? 0,
        remote.request_counts?.failed ?? 0,
      ]);
      if (!TERMINAL.has(remote.status)) continue;
      const output = remote.output_file_id ? await remoteFileLines(t, remote.output_file_id) : [];
      const errors = remote.error_file_id ? await remoteFileLines(t, remote.error_file_id) : [];
      await finish(ctx, p, remote.status, null, output, errors);
      log(`provider batch ${p.remoteId} ${remote.status}: ${output.length} results, ${errors.length} errors applied`);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      // The provider could not be asked this round; the next round asks again.
      await ctx.pool.query(`UPDATE "ProviderBatch" SET error = $2 WHERE id = $1`, [p.id, `${error.kind}: ${error.message}`.slice(0, 500)]);
    }
  }
}

interface ItemRow {
  id: number;
  generationId: number;
  runId: number;
  metric: string;
  attempts: number;
  template: string;
  judgeModel: string;
  maxAttempts: number;
}

/**
 * Applies a finished provider batch: each result becomes a Judgment (and the mirrored score); a
 * failed line is sent again in a later batch until the batch's attempt limit, then recorded as a
 * failed judgment. Items with no line (expired, cancelled, failed batches) go back to waiting;
 * a cancelled batch's items wait for a resume.
 */
async function finish(ctx: WorkerContext, p: OpenBatch, status: string, error: string | null, output: string[], errors: string[]): Promise<void> {
  const byItem = new Map<number, OutputLine>();
  for (const line of [...errors, ...output]) {
    const parsed = parseOutputLine(line);
    const id = parsed ? Number(parsed.custom_id) : NaN;
    if (parsed && Number.isInteger(id)) byItem.set(id, parsed);
  }
  const runs = new Set<number>();
  const judged = new Set<number>();
  await inTransaction(async (client) => {
    const { rows: items } = await client.query<ItemRow>(
      `SELECT i.id, i."generationId", g."runId", i.metric, i.attempts, q."judgePrompts"->>i.metric AS template,
              coalesce(b."judgeModel", e.model) AS "judgeModel", b."maxAttempts"
         FROM "ProviderBatchItem" i JOIN "Generation" g ON g.id = i."generationId" JOIN "Batch" b ON b.id = g."batchId"
         JOIN "Question" q ON q.id = g."questionId" LEFT JOIN "Endpoint" e ON e.id = b."judgeEndpointId"
        WHERE i."providerBatchId" = $1 FOR UPDATE OF i`,
      [p.id],
    );
    const prices = discounted(p, p.batchDiscount);
    for (const item of items) {
      const line = byItem.get(item.id);
      const result = line ? judgmentOf(line) : null;
      if (result && "verdict" in result) {
        const { verdict, promptTokens, completionTokens } = result;
        await insertJudgment(client, item, {
          score: verdict.score,
          numericMass: verdict.numericMass,
          topLogprobs: verdict.topLogprobs,
          method: verdict.method,
          error: null,
          promptTokens,
          completionTokens,
          costUsd: requestCostUsd(prices, promptTokens, completionTokens),
        });
        runs.add(item.runId);
        judged.add(item.generationId);
        continue;
      }
      const cancelled = status === "cancelled" && !line;
      const attempts = cancelled ? item.attempts : item.attempts + 1;
      if (!cancelled && attempts >= item.maxAttempts) {
        const reason = result?.failure ?? `batch_api: the provider batch ended ${status} without this request`;
        await insertJudgment(client, item, { score: null, numericMass: null, topLogprobs: null, method: "logprobs", error: reason, promptTokens: null, completionTokens: null, costUsd: null });
        runs.add(item.runId);
      } else {
        await client.query(`UPDATE "ProviderBatchItem" SET "providerBatchId" = NULL, attempts = $2 WHERE id = $1`, [item.id, attempts]);
      }
    }
    await client.query(`UPDATE "ProviderBatch" SET status = $2, error = coalesce($3, error), "finishedAt" = now() WHERE id = $1`, [p.id, status, error]);
    // The EM aggregates of the answers judged here, in the same transaction as their judgments.
    if (judged.size) await refreshEmCells(client, { generationIds: [...judged] });
  }, ctx.pool);
  for (const runId of runs) ctx.touched(p.batchId, runId);
}

type LineResult = { verdict: ReturnType<typeof verdictOf>; promptTokens: number | null; completionTokens: number | null } | { failure: string };

function judgmentOf(line: OutputLine): LineResult {
  const status = line.response?.status_code ?? 0;
  if (line.error || status !== 200) {
    const message = line.error?.message ?? (line.response?.body as { error?: { message?: string } } | undefined)?.error?.message ?? `status ${status}`;
    return { failure: `batch_api: ${String(message).slice(0, 300)}` };
  }
  try {
    const completion = readCompletion(line.response!.body as WireResponse, "the Batch API", 200, 0);
    return { verdict: verdictOf(completion), promptTokens: completion.promptTokens, completionTokens: completion.completionTokens };
  } catch (error) {
    if (error instanceof ProviderError) return { failure: `bad_response: ${error.message}` };
    throw error;
  }
}

interface JudgmentValues {
  score: number | null;
  numericMass: number | null;
  topLogprobs: unknown;
  method: string;
  error: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  costUsd: number | null;
}

async function insertJudgment(client: pg.ClientBase, item: ItemRow, v: JudgmentValues): Promise<void> {
  const inserted = await client.query(
    `INSERT INTO "Judgment" ("generationId", metric, score, "numericMass", "topLogprobs", "judgeModel", "judgePromptHash", method, pass, error, "promptTokens", "completionTokens", "costUsd")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::"JudgeMethod", 0, $9, $10, $11, $12)
     ON CONFLICT ("generationId", metric, "judgeModel", "judgePromptHash", pass) DO NOTHING`,
    [item.generationId, item.metric, v.score, v.numericMass, v.topLogprobs ? JSON.stringify(v.topLogprobs) : null, item.judgeModel, promptHash(item.template), v.method, v.error, v.promptTokens, v.completionTokens, v.costUsd],
  );
  if (inserted.rowCount === 1 && v.error === null && MIRRORED.has(item.metric)) {
    await client.query(`UPDATE "Generation" SET "${item.metric}" = $2, "${item.metric}JudgedAt" = now() WHERE id = $1`, [item.generationId, v.score]);
  }
}

interface WaitingGroup extends EndpointRow {
  batchId: number;
  waiting: number;
  oldest: Date;
  pending: number;
  expected: number;
  items: number;
  judgeModel: string;
}

async function sendWaitingItems(ctx: WorkerContext, settings: BatchApiSettings, log: (line: string) => void): Promise<void> {
  const { rows: groups } = await ctx.pool.query<WaitingGroup>(
    `SELECT g."batchId", count(*)::int AS waiting, min(i."createdAt") AS oldest, coalesce(b."judgeModel", e.model) AS "judgeModel",
            (SELECT count(*) FROM "Generation" p WHERE p."batchId" = g."batchId" AND p.status = 'pending')::int AS pending,
            (SELECT count(*) FROM "Generation" d WHERE d."batchId" = g."batchId" AND d.status = 'done')::int * cardinality(b.metrics) AS expected,
            (SELECT count(*) FROM "ProviderBatchItem" a JOIN "Generation" ag ON ag.id = a."generationId" WHERE ag."batchId" = g."batchId")::int AS items,
            ${ENDPOINT_COLUMNS}
       FROM "ProviderBatchItem" i JOIN "Generation" g ON g.id = i."generationId" JOIN "Batch" b ON b.id = g."batchId"
       JOIN "Endpoint" e ON e.id = b."judgeEndpointId"
      WHERE i."providerBatchId" IS NULL AND b.status = 'running'
        AND NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."generationId" = i."generationId" AND j.metric = i.metric AND j.pass = 0)
      GROUP BY g."batchId", b."judgeModel", b.metrics, e.id`,
  );
  for (const group of groups) {
    // Every answer in and queued for judging: one provider batch rather than many small ones.
    const allIn = group.pending === 0 && group.items >= group.expected;
    const ready = allIn || group.waiting >= settings.maxRequests || Date.now() - group.oldest.getTime() >= settings.maxWaitMs;
    if (ready) await send(ctx, group, settings, log);
  }
}

async function send(ctx: WorkerContext, group: WaitingGroup, settings: BatchApiSettings, log: (line: string) => void): Promise<void> {
  const { providerBatchId, createdAt, lines } = await inTransaction(async (client) => {
    const { rows: items } = await client.query<{ id: number; metric: string; answer: string; question: string; template: string }>(
      `SELECT i.id, i.metric, g.answer, q.paraphrases[g."paraphraseIndex" + 1] AS question, q."judgePrompts"->>i.metric AS template
         FROM "ProviderBatchItem" i JOIN "Generation" g ON g.id = i."generationId" JOIN "Question" q ON q.id = g."questionId"
        WHERE i."providerBatchId" IS NULL AND g."batchId" = $1
          AND NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."generationId" = i."generationId" AND j.metric = i.metric AND j.pass = 0)
        ORDER BY i.id LIMIT $2 FOR UPDATE OF i SKIP LOCKED`,
      [group.batchId, settings.maxRequests],
    );
    if (!items.length) return { providerBatchId: null, createdAt: null, lines: [] };
    const { rows: [created] } = await client.query<{ id: number; createdAt: Date }>(
      `INSERT INTO "ProviderBatch" ("batchId", "endpointId", requests) VALUES ($1, $2, $3) RETURNING id, "createdAt"`,
      [group.batchId, group.endpointId, items.length],
    );
    await client.query(`UPDATE "ProviderBatchItem" SET "providerBatchId" = $2 WHERE id = ANY($1::int[])`, [items.map((i) => i.id), created.id]);
    const lines = items.map((i) =>
      JSON.stringify({ custom_id: String(i.id), method: "POST", url: "/v1/chat/completions", body: chatRequestBody(group.judgeModel, judgeRequest({ template: i.template, question: i.question, answer: i.answer })) }),
    );
    return { providerBatchId: created.id, createdAt: created.createdAt, lines };
  }, ctx.pool);
  if (providerBatchId === null) return;
  try {
    const t = target(ctx, group);
    const fileId = await uploadBatchFile(t, `${lines.join("\n")}\n`, `emlab-batch-${group.batchId}-${providerBatchId}.jsonl`);
    const remote = await createRemoteBatch(t, fileId, { emlab_batch: String(group.batchId), [PROVIDER_BATCH_TAG]: providerBatchTag(providerBatchId, createdAt!) });
    await ctx.pool.query(`UPDATE "ProviderBatch" SET "remoteId" = $2, "inputFileId" = $3, status = $4, "submittedAt" = now() WHERE id = $1`, [providerBatchId, remote.id, fileId, remote.status]);
    log(`provider batch ${remote.id}: ${lines.length} judge requests for batch ${group.batchId}`);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    const p = { ...group, id: providerBatchId, batchStatus: "running", status: "submitting", remoteId: null, createdAt: new Date() };
    await finish(ctx, p, "failed", `${error.kind}: ${error.message}`.slice(0, 500), [], []);
  }
}
