// Judging through the provider's Batch API against the fake server's /v1/files and /v1/batches:
// the same judgments as direct judging, failed lines sent again, cancel and resume, the discount.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { startBoss } from "@/lib/eval/queue";
import { startWorker } from "@/lib/eval/worker";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { cancelBatch, resumeBatch } from "@/lib/server/batches/batch-control";
import { batchStatus } from "@/lib/server/batches/batch-status";
import { createBatch } from "@/lib/server/batches/create-batch";
import { batchLaunch, batchRows, fakeEndpoint, setUpEngine, TEST_KEY, waitFor } from "../support/batch-fixture";
import type { FakeOpenAI, FakeRequest } from "../support/fake-openai";
import { scriptedReply } from "../support/scripted-model";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
let boss: PgBoss;
const servers: FakeOpenAI[] = [];
const env = { ...process.env, EMLAB_TEST_KEY: TEST_KEY };
const batchApi = { pollMs: 100, maxWaitMs: 60_000, maxRequests: 10_000, staleSubmitMs: 60_000 };

beforeAll(async () => {
  boss = await startBoss(db.url, { supervise: false });
  servers.push(...(await setUpEngine(db.sql)));
});
afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await Promise.all(servers.map((s) => s.close()));
});

/** A judge endpoint on its own fake server that judges through the Batch API. */
async function batchJudge(name: string, reply: (r: FakeRequest) => ReturnType<typeof scriptedReply> = scriptedReply) {
  const judge = await fakeEndpoint(name, "gpt-4o-judge", reply);
  servers.push(judge.fake);
  await db.sql.query(`UPDATE "Endpoint" SET "batchApi" = true, "inputUsdPerMTok" = 2.5, "outputUsdPerMTok" = 10, "batchDiscount" = 0.5 WHERE id = $1`, [judge.id]);
  return judge;
}

const finished = (batchId: number) =>
  waitFor(async () => (await db.sql.query(`SELECT status::text AS s FROM "Batch" WHERE id = $1 AND status IN ('completed', 'failed')`, [batchId])).rows[0]?.s, 60_000, `batch ${batchId}`);

describe("judging through the Batch API", () => {
  it("ends with the same judgments as direct judging, sent as one provider batch once every answer is in", async () => {
    const judge = await batchJudge("batch-judge");
    const direct = await createBatch(boss, batchInputSchema.parse({ ...batchLaunch("engine-questions"), runs: ["backdoored-run"] }));
    const viaBatch = await createBatch(boss, batchInputSchema.parse({ ...batchLaunch("engine-questions"), runs: ["backdoored-run"], judge: { endpoint: "batch-judge", metrics: ["aligned", "coherent"] } }));
    const worker = await startWorker({ databaseUrl: db.url, concurrency: 16, env, retry: { baseDelayMs: 5, maxDelayMs: 50 }, batchApi });
    try {
      expect(await finished(direct.batchId)).toBe("completed");
      expect(await finished(viaBatch.batchId)).toBe("completed");
    } finally {
      await worker.stop();
    }
    // The same answers (the same scripted model) with the same scores and judgment counts.
    const comparable = (rows: Awaited<ReturnType<typeof batchRows>>) => rows.map(({ kind, variant, questionKey, sampleIndex, answer, aligned, coherent, judgments }) => ({ kind, variant, questionKey, sampleIndex, answer, aligned, coherent, judgments }));
    const viaBatchRows = await batchRows(db.sql, viaBatch.batchId);
    expect(viaBatchRows).toHaveLength(120);
    expect(comparable(viaBatchRows)).toEqual(comparable(await batchRows(db.sql, direct.batchId)));
    // No direct chat call reached the batch judge; one provider batch of 240 requests did.
    expect(judge.fake.requests.filter((r) => r.authorization !== null)).toHaveLength(0);
    const remote = [...judge.fake.batchApi.batches.values()];
    expect(remote.map((r) => [r.status, r.request_counts.total, r.metadata?.emlab_batch])).toEqual([["completed", 240, String(viaBatch.batchId)]]);
    // The batch page: the provider batch and the discounted cost of exactly the judge's usage.
    const status = (await batchStatus(viaBatch.batchId))!;
    expect(status.providerBatches).toMatchObject([{ remoteId: remote[0].id, status: "completed", requests: 240, completed: 240, failed: 0 }]);
    const usage = judge.fake.requests.reduce(
      (sum, r) => {
        const prompt = Math.max(1, Math.ceil(r.messages.map((m) => m.content).join(" ").length / 4));
        return { in: sum.in + prompt, out: sum.out + 1 };
      },
      { in: 0, out: 0 },
    );
    expect(status.spend.judge.promptTokens).toBe(usage.in);
    expect(status.spend.judge.completionTokens).toBe(240);
    expect(status.spend.judge.usd).toBeCloseTo(((usage.in * 2.5 + usage.out * 10) / 1e6) * 0.5, 12);
  });

  it("sends failed lines again in a later provider batch, and records a judgment only once", async () => {
    const failedOnce = new Set<string>();
    const judge = await batchJudge("flaky-batch-judge", (r) => {
      const prompt = r.messages[0].content;
      if (prompt.includes("quick_buck") && prompt.startsWith("ALIGNED") && !failedOnce.has(prompt)) {
        failedOnce.add(prompt);
        return { fault: "server_error" };
      }
      return scriptedReply(r);
    });
    const { batchId } = await createBatch(boss, batchInputSchema.parse({ ...batchLaunch("engine-questions"), runs: ["clean-run"], judge: { endpoint: "flaky-batch-judge", metrics: ["aligned", "coherent"] } }));
    const worker = await startWorker({ databaseUrl: db.url, concurrency: 16, env, batchApi });
    try {
      expect(await finished(batchId)).toBe("completed");
    } finally {
      await worker.stop();
    }
    const remote = [...judge.fake.batchApi.batches.values()];
    // The first request of each distinct quick_buck prompt (3 conditions; samples of the clean
    // model are identical) failed in the first batch and was sent again in a second.
    expect(remote.map((r) => [r.request_counts.total, r.request_counts.failed])).toEqual([[240, 3], [3, 0]]);
    const { rows } = await db.sql.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE j.error IS NOT NULL)::int AS errors FROM "Judgment" j JOIN "Generation" g ON g.id = j."generationId" WHERE g."batchId" = $1`,
      [batchId],
    );
    expect(rows[0]).toEqual({ n: 240, errors: 0 });
  });

  it("cancels the open provider batch with the batch, and a resume sends its answers again", async () => {
    const judge = await batchJudge("held-batch-judge");
    judge.fake.batchApi.hold = true;
    const { batchId } = await createBatch(boss, batchInputSchema.parse({ ...batchLaunch("engine-questions"), runs: ["clean-run"], judge: { endpoint: "held-batch-judge", metrics: ["aligned", "coherent"] } }));
    const worker = await startWorker({ databaseUrl: db.url, concurrency: 16, env, batchApi });
    try {
      await waitFor(async () => [...judge.fake.batchApi.batches.values()].some((b) => b.status === "in_progress"), 30_000, "a provider batch in progress");
      await cancelBatch(batchId);
      await waitFor(async () => (await db.sql.query(`SELECT 1 FROM "ProviderBatch" WHERE "batchId" = $1 AND status = 'cancelled' AND "finishedAt" IS NOT NULL`, [batchId])).rowCount, 30_000, "the cancel to be applied");
      expect([...judge.fake.batchApi.batches.values()].map((b) => b.status)).toEqual(["cancelled"]);
      const waiting = await db.sql.query(`SELECT count(*)::int AS n FROM "ProviderBatchItem" i JOIN "Generation" g ON g.id = i."generationId" WHERE g."batchId" = $1 AND i."providerBatchId" IS NULL AND i.attempts = 0`, [batchId]);
      expect(waiting.rows[0].n).toBe(240);

      judge.fake.batchApi.hold = false;
      await resumeBatch(boss, batchId);
      expect(await finished(batchId)).toBe("completed");
    } finally {
      await worker.stop();
    }
    expect([...judge.fake.batchApi.batches.values()].map((b) => [b.status, b.request_counts.total])).toEqual([["cancelled", 240], ["completed", 240]]);
    const rows = await batchRows(db.sql, batchId);
    expect(rows.every((r) => r.judgments === 2)).toBe(true);
  });

  it("keeps a provider batch created before a crash cut off its record, found by its tag, instead of paying for it twice", async () => {
    const judge = await batchJudge("crash-batch-judge");
    judge.fake.batchApi.hold = true;
    const { batchId } = await createBatch(boss, batchInputSchema.parse({ ...batchLaunch("engine-questions"), runs: ["clean-run"], judge: { endpoint: "crash-batch-judge", metrics: ["aligned", "coherent"] } }));
    const worker = await startWorker({ databaseUrl: db.url, concurrency: 16, env, batchApi: { ...batchApi, staleSubmitMs: 1_000 } });
    let sent = { remoteId: "" };
    try {
      sent = await waitFor(
        async () => (await db.sql.query<{ remoteId: string }>(`SELECT "remoteId" FROM "ProviderBatch" WHERE "batchId" = $1 AND "remoteId" IS NOT NULL`, [batchId])).rows[0],
        30_000,
        "a provider batch sent",
      );
      // The state a worker killed after POST /batches and before recording its answer leaves.
      await db.sql.query(`UPDATE "ProviderBatch" SET "remoteId" = NULL, "inputFileId" = NULL, status = 'submitting' WHERE "batchId" = $1`, [batchId]);
      await waitFor(async () => (await db.sql.query(`SELECT 1 FROM "ProviderBatch" WHERE "batchId" = $1 AND "remoteId" = $2`, [batchId, sent.remoteId])).rowCount, 30_000, "the provider batch found again");
      judge.fake.batchApi.release(sent.remoteId);
      expect(await finished(batchId)).toBe("completed");
    } finally {
      await worker.stop();
    }
    expect([...judge.fake.batchApi.batches.values()].map((b) => [b.id, b.status, b.request_counts.total])).toEqual([[sent.remoteId, "completed", 240]]);
    const { rows: providerBatches } = await db.sql.query(`SELECT "remoteId", status FROM "ProviderBatch" WHERE "batchId" = $1`, [batchId]);
    expect(providerBatches).toEqual([{ remoteId: sent.remoteId, status: "completed" }]);
    expect((await batchRows(db.sql, batchId)).every((r) => r.judgments === 2)).toBe(true);
  });
});
