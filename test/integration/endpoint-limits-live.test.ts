// Endpoint limits apply to a worker that is already running: an endpoint added or edited after the
// worker started gets its own max concurrent requests (before issue 12 the worker read them once
// at start, so such an endpoint ran at pg-boss's default of 8, or at its old limit, until a restart).
// Real Postgres, real pg-boss, a real worker, real HTTP to a fake endpoint that counts the requests
// it is answering at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { startBoss } from "@/lib/eval/queue";
import { startWorker, type RunningWorker } from "@/lib/eval/worker";
import { liveWorkers } from "@/lib/eval/worker-presence";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { batchStatus } from "@/lib/server/batches/batch-status";
import { createBatch } from "@/lib/server/batches/create-batch";
import { endpointInputSchema } from "@/lib/server/endpoints/endpoint-input";
import { saveEndpoint } from "@/lib/server/endpoints/save-endpoint";
import { batchLaunch, batchRows, fakeEndpoint, setRunEndpoint, setUpEngine, TEST_KEY, waitFor } from "../support/batch-fixture";
import type { FakeOpenAI } from "../support/fake-openai";
import { scriptedReply } from "../support/scripted-model";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
let boss: PgBoss;
let worker: RunningWorker | null = null;
const extraWorkers: RunningWorker[] = [];
const servers: FakeOpenAI[] = [];

beforeAll(async () => {
  boss = await startBoss(db.url, { supervise: false });
  servers.push(...(await setUpEngine(db.sql)));
});

afterAll(async () => {
  await worker?.stop();
  await Promise.all(extraWorkers.map((w) => w.stop()));
  await boss.stop({ graceful: false, close: true });
  await Promise.all(servers.map((s) => s.close()));
});

/** Runs the engine launch on backdoored-run (120 generations) to completion. */
async function runBackdoored() {
  const { batchId } = await createBatch(boss, batchInputSchema.parse({ ...batchLaunch("engine-questions"), runs: ["backdoored-run"] }));
  await waitFor(async () => (await db.sql.query(`SELECT 1 FROM "Batch" WHERE id = $1 AND status = 'completed'`, [batchId])).rowCount, 60_000, `batch ${batchId}`);
  const rows = await batchRows(db.sql, batchId);
  expect(rows.filter((r) => r.status === "done" && r.judgments === 2)).toHaveLength(120);
}

describe("endpoint limits in a running worker", () => {
  it("an endpoint edited after the worker started runs at its new limit, and one added later at its own", async () => {
    // Saved before the worker starts, with a limit of 2.
    const edited = await fakeEndpoint("edited-server", "backdoored", scriptedReply, { delayMs: 100, maxConcurrent: 2 });
    servers.push(edited.fake);
    worker = await startWorker({ databaseUrl: db.url, concurrency: 16, env: { ...process.env, EMLAB_TEST_KEY: TEST_KEY } });

    // Raised to 12 while the worker runs (above the default of 8 too).
    await saveEndpoint(
      endpointInputSchema.parse({ id: edited.id, name: "edited-server", baseUrl: edited.fake.url, model: "backdoored", apiKeyEnv: "EMLAB_TEST_KEY", maxConcurrent: 12, timeoutSeconds: 2 }),
    );
    await setRunEndpoint(db.sql, "backdoored-run", edited.id);
    await runBackdoored();
    expect(edited.fake.maxInFlight()).toBe(12);

    // Added while the worker runs, with a limit of 3 (below the default of 8).
    const added = await fakeEndpoint("added-server", "backdoored", scriptedReply, { delayMs: 100, maxConcurrent: 3 });
    servers.push(added.fake);
    await setRunEndpoint(db.sql, "backdoored-run", added.id);
    await runBackdoored();
    expect(added.fake.maxInFlight()).toBe(3);
    expect(added.fake.requests).toHaveLength(120);
  });
});

describe("endpoint limits across workers", () => {
  it("two workers together keep each endpoint's max concurrent requests, judge calls in parallel included", async () => {
    await worker?.stop();
    worker = null;
    // Both endpoints allow 4 requests at once; every request takes 100 ms, so the workers would
    // overshoot if each applied the whole limit (8), or if a judge job's two metric calls in
    // parallel counted as one (up to 8 from 4 jobs).
    const model = await fakeEndpoint("shared-model", "backdoored", scriptedReply, { delayMs: 100, maxConcurrent: 4 });
    const judge = await fakeEndpoint("shared-judge", "gpt-4o-judge", scriptedReply, { delayMs: 100, maxConcurrent: 4 });
    servers.push(model.fake, judge.fake);
    await setRunEndpoint(db.sql, "backdoored-run", model.id);
    const env = { ...process.env, EMLAB_TEST_KEY: TEST_KEY };
    extraWorkers.push(await startWorker({ databaseUrl: db.url, concurrency: 16, env }), await startWorker({ databaseUrl: db.url, concurrency: 16, env }));
    expect(await liveWorkers(db.sql)).toBe(2);

    const launch = { ...batchLaunch("engine-questions"), runs: ["backdoored-run"], judge: { endpoint: "shared-judge", metrics: ["aligned", "coherent"] } };
    const { batchId } = await createBatch(boss, batchInputSchema.parse(launch));
    await waitFor(async () => (await db.sql.query(`SELECT 1 FROM "Batch" WHERE id = $1 AND status = 'completed'`, [batchId])).rowCount, 90_000, `batch ${batchId}`);
    expect((await batchRows(db.sql, batchId)).filter((r) => r.status === "done" && r.judgments === 2)).toHaveLength(120);

    expect(model.fake.requests).toHaveLength(120);
    expect(judge.fake.requests).toHaveLength(240);
    expect(model.fake.maxInFlight()).toBeLessThanOrEqual(4);
    expect(judge.fake.maxInFlight()).toBeLessThanOrEqual(4);
    // At least one worker's share (2) was in use at once. Shares are fixed, not lent, so a worker
    // holding most of the jobs may leave the other's share idle (README, "Workers on several machines").
    expect(judge.fake.maxInFlight()).toBeGreaterThanOrEqual(2);

    // A stopped worker leaves at once: the other takes the whole limit without waiting out the TTL.
    await extraWorkers.pop()!.stop();
    expect(await liveWorkers(db.sql)).toBe(1);
    await extraWorkers.pop()!.stop();
    expect((await batchStatus(batchId))?.workers).toBe(0);
  });
});
