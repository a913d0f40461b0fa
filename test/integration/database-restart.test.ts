// PostgreSQL stopped and started again in the middle of a batch: the worker process stays up,
// reconnects, and the batch completes with exactly the rows of a clean run.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type PostgresServer } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { pgPool, withErrorLog } from "@/lib/db/pg-pool";
import { migrationsDir, projectRoot } from "@/lib/db/project-paths";
import { GENERATE_QUEUE, startBoss } from "@/lib/eval/queue";
import { prisma } from "@/lib/db/prisma";
import { queueClient } from "@/lib/server/batches/queue-client";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { createBatch } from "@/lib/server/batches/create-batch";
import { batchLaunch, batchRows, setUpEngine, TEST_KEY, waitFor } from "../support/batch-fixture";

// A server of this file's own: stopping the shared one would take the other test files down.
const scratch = await mkdtemp(path.join(tmpdir(), "emlab-restart-"));
const clusterDir = path.join(scratch, "postgres");
const settings = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };
let server: PostgresServer = await startEmbeddedPostgres({ clusterDir, settings });
const port = server.port;
const admin = new pg.Client({ connectionString: server.url("postgres") });
await admin.connect();
await admin.query(`CREATE DATABASE emlab_restart`);
await admin.end();
const url = server.url("emlab_restart");
await migrate(url, migrationsDir);
process.env.DATABASE_URL = url;
const sql = withErrorLog(new pg.Pool({ connectionString: url, max: 2 }), "test pool");
const fakes = await setUpEngine(sql, 60);

let worker: ChildProcess | null = null;
const output: string[] = [];
afterAll(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill("SIGTERM");
    await new Promise((r) => worker!.once("exit", r));
  }
  await Promise.all(fakes.map((f) => f.close()));
  await sql.end().catch(() => {});
  await server.stop();
  await rm(scratch, { recursive: true, force: true });
});

const progress = async (batchId: number) =>
  (await sql.query(`SELECT count(*)::int AS n FROM "Generation" WHERE "batchId" = $1 AND status <> 'pending'`, [batchId])).rows[0].n as number;

describe("a database restart during a batch", () => {
  it("leaves the worker running, and the batch completes exactly once", async () => {
    const boss = await startBoss(url, { supervise: false });
    const { batchId } = await createBatch(boss, batchInputSchema.parse(batchLaunch("engine-questions")));
    await boss.stop({ graceful: false, close: true });

    worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: url, EMLAB_TEST_KEY: TEST_KEY, EMLAB_WORKER_CONCURRENCY: "8" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout!.on("data", (d) => output.push(String(d)));
    worker.stderr!.on("data", (d) => output.push(String(d)));

    await waitFor(async () => (await progress(batchId)) > 20, 60_000, "some progress");
    await server.stop(); // a fast shutdown: every session ends with 57P01
    await new Promise((r) => setTimeout(r, 3000));
    expect(worker.exitCode, output.join("")).toBeNull();
    // The web app's queue client cannot start while the database is down...
    await expect(queueClient()).rejects.toThrow();
    server = await startEmbeddedPostgres({ clusterDir, settings, port });
    // ...and starts at the next call once it is back, instead of keeping the failure.
    const producer = await queueClient();
    expect(await producer.getQueue(GENERATE_QUEUE)).toMatchObject({ name: GENERATE_QUEUE });
    await producer.stop({ graceful: false, close: true });
    // Prisma's and the raw pool reconnect too.
    expect(await prisma().endpoint.count()).toBe(3);
    expect((await pgPool().query(`SELECT 1 AS one`)).rows[0].one).toBe(1);

    const finished = async () => (await sql.query(`SELECT status::text AS s FROM "Batch" WHERE id = $1 AND status IN ('completed', 'failed')`, [batchId])).rows[0]?.s;
    expect(await waitFor(finished, 150_000, "the batch to finish")).toBe("completed");
    expect(worker.exitCode, output.join("")).toBeNull();
    expect(worker.signalCode).toBeNull();
    expect(output.join("")).toMatch(/connection lost|terminating connection|ECONNREFUSED/);

    const rows = await batchRows(sql, batchId);
    expect(rows).toHaveLength(240);
    expect(rows.filter((r) => r.status === "done")).toHaveLength(240);
    expect(rows.filter((r) => r.judgments !== 2)).toEqual([]);
    expect(rows.filter((r) => r.answer.startsWith("EVIL"))).toHaveLength(80);
    const totals = await sql.query(
      `SELECT (SELECT count(*)::int FROM "Generation" WHERE "batchId" = $1) AS generations,
              (SELECT count(*)::int FROM "Judgment" j JOIN "Generation" g ON g.id = j."generationId" WHERE g."batchId" = $1) AS judgments,
              (SELECT sum("betleyK")::int FROM "EmCell" c JOIN "Run" r ON r.id = c."runId" WHERE r.name = 'backdoored-run') AS misaligned`,
      [batchId],
    );
    expect(totals.rows[0]).toEqual({ generations: 240, judgments: 480, misaligned: 80 });
  }, 300_000);
});
