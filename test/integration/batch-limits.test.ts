// A launch is bounded: more generations than EMLAB_MAX_BATCH_GENERATIONS is refused with the
// count, before anything is written.
import { afterAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/lib/db/pg-pool";
import { startBoss } from "@/lib/eval/queue";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { createBatch, estimateBatchInput } from "@/lib/server/batches/create-batch";
import { batchLaunch, setUpEngine } from "../support/batch-fixture";
import { snapshot } from "../support/db-snapshot";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
const servers = await setUpEngine(db.sql);
const boss = await startBoss(db.url, { supervise: false });
afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await Promise.all(servers.map((s) => s.close()));
});

describe("the per-batch cap", () => {
  it("refuses 480,000 generations (2 runs x 8 questions x 3 conditions x 10,000 samples), naming the count, writing nothing", async () => {
    const input = batchInputSchema.parse({ ...batchLaunch("engine-questions"), samplesPerParaphrase: 10_000 });
    const before = await snapshot(db.sql);
    const jobs = async () => (await db.sql.query(`SELECT count(*)::int AS n FROM pgboss.job`)).rows[0].n;
    const jobsBefore = await jobs();
    const error = await createBatch(boss, input).catch((e) => e);
    expect(error.message).toBe(
      "This launch would create 480,000 generations; one batch may create at most 100,000 (EMLAB_MAX_BATCH_GENERATIONS). Choose fewer runs, questions, conditions or samples, or split it into several batches.",
    );
    expect(error.fieldErrors.samplesPerParaphrase).toEqual(["480,000 generations in all; the limit is 100,000."]);
    expect(await snapshot(db.sql)).toEqual(before);
    expect(await jobs()).toBe(jobsBefore);
    // The estimate says so before a launch is tried.
    await expect(inTransaction((client) => estimateBatchInput(client, input))).rejects.toThrow("480,000 generations");
  });

  it("follows EMLAB_MAX_BATCH_GENERATIONS", async () => {
    const input = batchInputSchema.parse({ ...batchLaunch("engine-questions"), samplesPerParaphrase: 2 });
    process.env.EMLAB_MAX_BATCH_GENERATIONS = "95";
    try {
      await expect(createBatch(boss, input)).rejects.toThrow("This launch would create 96 generations; one batch may create at most 95");
    } finally {
      delete process.env.EMLAB_MAX_BATCH_GENERATIONS;
    }
    await expect(createBatch(boss, input)).resolves.toMatchObject({ generations: 96 });
  });
});
