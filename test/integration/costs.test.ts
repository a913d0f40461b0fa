// Costs in dollars: the launch estimate priced at each run's endpoint and the judge's, and what a
// batch actually cost from the usage the (fake) endpoints reported.
import { afterAll, describe, expect, it } from "vitest";
import { startBoss } from "@/lib/eval/queue";
import { startWorker } from "@/lib/eval/worker";
import { batchStatus } from "@/lib/server/batches/batch-status";
import { createBatch } from "@/lib/server/batches/create-batch";
import { runSpend } from "@/lib/server/costs/spend";
import type { FakeOpenAI } from "../support/fake-openai";
import { inTransaction } from "@/lib/db/pg-pool";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { estimateBatchInput } from "@/lib/server/batches/create-batch";
import { batchLaunch, setUpEngine, TEST_KEY, waitFor } from "../support/batch-fixture";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
const servers = await setUpEngine(db.sql);
afterAll(() => Promise.all(servers.map((s) => s.close())));

const setPrices = (name: string, input: number | null, output: number | null) =>
  db.sql.query(`UPDATE "Endpoint" SET "inputUsdPerMTok" = $2, "outputUsdPerMTok" = $3 WHERE name = $1`, [name, input, output]);

describe("the launch estimate in dollars", () => {
  const input = batchInputSchema.parse(batchLaunch("engine-questions"));

  it("prices each run's generation tokens at its endpoint and the judge tokens at the judge's", async () => {
    await setPrices("model-server", 0.2, 0.6);
    await setPrices("clean-server", 0, 0);
    await setPrices("judge", 2.5, 10);
    const e = await inTransaction((client) => estimateBatchInput(client, input));
    const expected =
      (e.perRunGeneration.promptTokens * 0.2 + e.perRunGeneration.completionTokens * 0.6) / 1e6 + (e.judge.promptTokens * 2.5 + e.judge.completionTokens * 10) / 1e6;
    expect(e.cost!.usd).toBeCloseTo(expected, 10);
    expect(e.cost!.unpriced).toEqual([]);
    // 8 questions x 3 conditions x 5 samples at max 600 tokens: 120 answers of one run.
    expect(e.perRunGeneration.completionTokens).toBe(120 * 600);
  });

  it("leaves out, and names, an endpoint without prices", async () => {
    await setPrices("judge", null, null);
    const e = await inTransaction((client) => estimateBatchInput(client, input));
    expect(e.cost!.unpriced).toEqual(["judge"]);
    expect(e.cost!.usd).toBeCloseTo((e.perRunGeneration.promptTokens * 0.2 + e.perRunGeneration.completionTokens * 0.6) / 1e6, 10);
  });
});

describe("what a batch cost", () => {
  it("is the endpoints' reported usage at their prices, split into generation and judging, also per run", async () => {
    await setPrices("model-server", 0.2, 0.6);
    await setPrices("judge", 2.5, 10);
    const boss = await startBoss(db.url, { supervise: false });
    const [model, , judge] = servers;
    const before = { model: model.requests.length, judge: judge.requests.length };
    const { batchId } = await createBatch(boss, batchInputSchema.parse({ ...batchLaunch("engine-questions"), runs: ["backdoored-run"] }));
    const worker = await startWorker({ databaseUrl: db.url, concurrency: 16, env: { ...process.env, EMLAB_TEST_KEY: TEST_KEY } });
    try {
      await waitFor(async () => (await db.sql.query(`SELECT 1 FROM "Batch" WHERE id = $1 AND status = 'completed'`, [batchId])).rowCount, 60_000, "the batch");
    } finally {
      await worker.stop();
      await boss.stop({ graceful: false, close: true });
    }
    const { rows: g } = await db.sql.query(`SELECT sum("promptTokens")::int AS p, sum("completionTokens")::int AS c, count(*)::int AS n FROM "Generation" WHERE "batchId" = $1`, [batchId]);
    const { rows: j } = await db.sql.query(
      `SELECT sum(j."promptTokens")::int AS p, sum(j."completionTokens")::int AS c, count(*)::int AS n FROM "Judgment" j JOIN "Generation" g ON g.id = j."generationId" WHERE g."batchId" = $1`,
      [batchId],
    );
    // Usage as the fake servers computed it for exactly the requests of this batch.
    const usage = (fake: FakeOpenAI, from: number) =>
      fake.requests.slice(from).reduce((sum, r) => {
        const prompt = Math.max(1, Math.ceil(r.messages.map((m) => m.content).join(" ").length / 4));
        return { p: sum.p + prompt, n: sum.n + 1 };
      }, { p: 0, n: 0 });
    expect(usage(model, before.model)).toEqual({ p: g[0].p, n: 120 });
    expect(usage(judge, before.judge)).toEqual({ p: j[0].p, n: 240 });
    expect(j[0].c).toBe(240); // one token per judge answer
    const status = (await batchStatus(batchId))!;
    expect(status.spend.generation).toMatchObject({ requests: 120, promptTokens: g[0].p, completionTokens: g[0].c, uncosted: 0 });
    expect(status.spend.generation.usd).toBeCloseTo((g[0].p * 0.2 + g[0].c * 0.6) / 1e6, 12);
    expect(status.spend.judge.usd).toBeCloseTo((j[0].p * 2.5 + 240 * 10) / 1e6, 12);
    expect(status.spend.usd).toBeCloseTo(status.spend.generation.usd! + status.spend.judge.usd!, 12);
    // The run's page adds up every batch on it: here only this one has costs.
    const { rows: [run] } = await db.sql.query(`SELECT id FROM "Run" WHERE name = 'backdoored-run'`);
    expect((await runSpend(run.id)).usd).toBeCloseTo(status.spend.usd!, 12);
  });
});
