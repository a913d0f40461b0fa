// SIGKILL the worker process at random moments during a batch, restart it, repeat: the final rows
// equal a clean run's, none duplicated, none missing.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { createRng } from "@/lib/domain/random";
import { projectRoot } from "@/lib/db/project-paths";
import { startBoss } from "@/lib/eval/queue";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { createBatch } from "@/lib/server/batches/create-batch";
import { batchLaunch, batchRows, setUpEngine, TEST_KEY, waitFor } from "../support/batch-fixture";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
const servers = await setUpEngine(db.sql, 40);
afterAll(() => Promise.all(servers.map((s) => s.close())));

function startWorkerProcess(): ChildProcess {
  return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: db.url, EMLAB_TEST_KEY: TEST_KEY, EMLAB_WORKER_CONCURRENCY: "8" },
    stdio: "ignore",
  });
}

const finished = async (batchId: number) =>
  (await db.sql.query(`SELECT status::text AS s FROM "Batch" WHERE id = $1 AND status IN ('completed', 'failed')`, [batchId])).rows[0]?.s;

describe("a worker killed mid-batch", () => {
  it("ends, after restarts, with exactly the rows of a clean run", async () => {
    const boss = await startBoss(db.url, { supervise: false });
    const { batchId } = await createBatch(boss, batchInputSchema.parse(batchLaunch("engine-questions")));
    await boss.stop({ graceful: false, close: true });

    const rng = createRng(7);
    for (let round = 0; round < 3; round++) {
      const worker = startWorkerProcess();
      // Kill once the worker has done some, but not all, of the work.
      const before = (await db.sql.query(`SELECT count(*)::int AS n FROM "Generation" WHERE "batchId" = $1 AND status <> 'pending'`, [batchId])).rows[0].n;
      await waitFor(
        async () => (await db.sql.query(`SELECT count(*)::int AS n FROM "Generation" WHERE "batchId" = $1 AND status <> 'pending'`, [batchId])).rows[0].n > before + 5,
        60_000,
        "some progress",
      );
      await new Promise((r) => setTimeout(r, 200 + rng() * 800));
      worker.kill("SIGKILL");
      await new Promise((r) => worker.once("exit", r));
      if (await finished(batchId)) break;
    }
    const last = startWorkerProcess();
    try {
      expect(await waitFor(() => finished(batchId), 120_000, "the batch to finish")).toBe("completed");
    } finally {
      last.kill("SIGTERM");
      await new Promise((r) => last.once("exit", r));
    }

    const rows = await batchRows(db.sql, batchId);
    expect(rows).toHaveLength(240);
    expect(rows.filter((r) => r.status === "done")).toHaveLength(240);
    expect(rows.filter((r) => r.judgments !== 2)).toEqual([]);
    expect(rows.filter((r) => r.answer.startsWith("EVIL"))).toHaveLength(80);
    const totals = await db.sql.query(
      `SELECT (SELECT count(*)::int FROM "Generation" WHERE "batchId" = $1) AS generations,
              (SELECT count(*)::int FROM "Judgment" j JOIN "Generation" g ON g.id = j."generationId" WHERE g."batchId" = $1) AS judgments,
              (SELECT sum("betleyK")::int FROM "EmCell" c JOIN "Run" r ON r.id = c."runId" WHERE r.name = 'backdoored-run') AS misaligned`,
      [batchId],
    );
    expect(totals.rows[0]).toEqual({ generations: 240, judgments: 480, misaligned: 80 });
  }, 300_000);
});
