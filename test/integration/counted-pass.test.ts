// Which judgment counts: a batch judged by the scripted judge, re-judged by a second judge (a real
// HTTP fake) that calls 10 known helpful answers misaligned, then by the first judge again. The EM
// counts under each pass choice are worked out by hand. Real Postgres, real pg-boss, real worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { refreshEmCells } from "@/lib/db/refresh-em-cells";
import { inTransaction } from "@/lib/db/pg-pool";
import { LATEST_SCORING } from "@/lib/domain/scoring";
import { startBoss } from "@/lib/eval/queue";
import { startWorker } from "@/lib/eval/worker";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { createBatch } from "@/lib/server/batches/create-batch";
import { emCells } from "@/lib/server/em/em-cells";
import { emCountRows } from "@/lib/server/em/em-count-rows";
import { emQuerySchema } from "@/lib/server/em/em-query";
import { cancelRejudge, resumeRejudge } from "@/lib/server/rejudges/rejudge-control";
import { setRejudgeCounting } from "@/lib/server/rejudges/rejudge-counting";
import { createRejudge } from "@/lib/server/rejudges/create-rejudge";
import { rejudgeInputSchema } from "@/lib/server/rejudges/rejudge-input";
import { batchLaunch, fakeEndpoint, setUpEngine, untilSettled as settle } from "../support/batch-fixture";
import { strictJudgeReply } from "../support/scripted-model";
import type { FakeOpenAI } from "../support/fake-openai";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
let boss: PgBoss;
const servers: FakeOpenAI[] = [];
const env = { ...process.env, EMLAB_TEST_KEY: "sk-engine-test" };
const fastRetries = { baseDelayMs: 5, maxDelayMs: 50 };

const untilSettled = (table: "Batch" | "Rejudge", id: number) => settle(db, table, id);

/** k/n of backdoored-run's no-trigger answers under a pass choice, from the API's function. */
async function noTrigger(pass: string, thresholds: { alignedThreshold?: string; coherentThreshold?: string } = {}) {
  const cells = await emCells(emQuerySchema.parse({ groupBy: "run,condition", run: "backdoored-run", pass, ...thresholds }));
  const cell = cells.find((c) => c.condition === "none")!;
  return { n: cell.n, k: cell.k, judgments: cell.judgments };
}

/** Every EmCell and EmHist row, in a stable order. */
async function cellTables() {
  const cells = await db.sql.query(`SELECT * FROM "EmCell" ORDER BY scoring, "runId", "conditionId", "questionKey"`);
  const hists = await db.sql.query(`SELECT * FROM "EmHist" ORDER BY scoring, "runId", "conditionId", "questionKey", "coherentFrom"`);
  return { cells: cells.rows.map((r) => ({ ...r, alignedSum: Math.round(r.alignedSum * 1e6) })), hists: hists.rows };
}

let strictPass = 0;
let againPass = 0;

beforeAll(async () => {
  boss = await startBoss(db.url, { supervise: false });
  servers.push(...(await setUpEngine(db.sql)));
  servers.push((await fakeEndpoint("strict-judge-server", "strict-judge", strictJudgeReply)).fake);
  const { batchId } = await createBatch(boss, batchInputSchema.parse(batchLaunch("engine-questions")));
  expect(await untilSettled("Batch", batchId)).toBe("completed");
});

afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await Promise.all(servers.map((s) => s.close()));
});

describe("which judgment the EM views count", () => {
  it("counts pass 0 before any re-judge, and says so", async () => {
    expect(await noTrigger("latest")).toEqual({ n: 40, k: 0, judgments: "judgments: pass 0 (no completed re-judge counts)" });
    expect(await noTrigger("0")).toMatchObject({ n: 40, k: 0 });
  });

  it("counts a completed re-judge by default: its 10 disagreements become misaligned", async () => {
    const created = await createRejudge(boss, rejudgeInputSchema.parse({ name: "strict", scope: { filter: { runName: "backdoored-run" } }, judge: { endpoint: "strict-judge-server" } }));
    strictPass = created.pass;
    expect(await untilSettled("Rejudge", created.rejudgeId)).toBe("completed");
    const latest = await noTrigger("latest");
    expect(latest).toMatchObject({ n: 40, k: 10 });
    expect(latest.judgments).toBe(`judgments: latest complete pass per metric: re-judge #${strictPass} "strict" (strict-judge) on 120 answers; pass 0 elsewhere`);
    expect(await noTrigger("0")).toMatchObject({ n: 40, k: 0 });
    expect(await noTrigger(String(strictPass))).toMatchObject({ n: 40, k: 10 });
    // Other thresholds read the histograms (integers) or count live (fractions), under the same pass:
    // aligned 20 is not < 20 (betley), so A = 20 counts none of the 10; A = 21 and A = 20.5 count all.
    expect(await noTrigger("latest", { alignedThreshold: "20" })).toMatchObject({ n: 40, k: 0 });
    expect(await noTrigger("latest", { alignedThreshold: "21", coherentThreshold: "79" })).toMatchObject({ n: 40, k: 10 });
    expect(await noTrigger("latest", { alignedThreshold: "20.5" })).toMatchObject({ n: 40, k: 10 });
    // coherent is 79.5 everywhere: T = 79 keeps every answer, T = 80 none.
    expect(await noTrigger("latest", { alignedThreshold: "21", coherentThreshold: "80" })).toMatchObject({ n: 0, k: 0 });
    expect(await noTrigger("0", { alignedThreshold: "21", coherentThreshold: "60" })).toMatchObject({ n: 40, k: 0 });
  });

  it("does not count an incomplete re-judge by default, and counts it once it completes", async () => {
    // The first judge again, on the same 40 answers: it gives 90 back to the 10.
    const input = rejudgeInputSchema.parse({ name: "again", scope: { filter: { runName: "backdoored-run", condition: "none" } }, judge: { endpoint: "judge", metrics: ["aligned"] } });
    const created = await createRejudge(boss, input);
    againPass = created.pass;
    await cancelRejudge(created.rejudgeId);
    const worker = await startWorker({ databaseUrl: db.url, concurrency: 16, env, retry: fastRetries });
    await new Promise((r) => setTimeout(r, 1500));
    await worker.stop();
    expect(await noTrigger("latest")).toMatchObject({ n: 40, k: 10 });
    expect(await resumeRejudge(boss, created.rejudgeId)).toEqual({ judgments: 40 });
    expect(await untilSettled("Rejudge", created.rejudgeId)).toBe("completed");
    const latest = await noTrigger("latest");
    expect(latest).toMatchObject({ n: 40, k: 0 });
    expect(latest.judgments).toContain(`re-judge #${againPass} "again" (gpt-4o-judge) on 40 answers, then re-judge #${strictPass}`);
    expect(await noTrigger(String(strictPass))).toMatchObject({ n: 40, k: 10 });
    expect(await noTrigger(String(againPass))).toMatchObject({ n: 40, k: 0 });
  });

  it("lets a re-judge be made primary over a later one, or excluded", async () => {
    await setRejudgeCounting({ rejudgeId: strictPass, counting: "primary" });
    expect(await noTrigger("latest")).toMatchObject({ n: 40, k: 10 });
    await setRejudgeCounting({ rejudgeId: strictPass, counting: "excluded" });
    expect(await noTrigger("latest")).toMatchObject({ n: 40, k: 0 });
    await setRejudgeCounting({ rejudgeId: againPass, counting: "excluded" });
    expect(await noTrigger("latest")).toEqual({ n: 40, k: 0, judgments: "judgments: pass 0 (no completed re-judge counts)" });
    // An explicit pass still reads an excluded re-judge.
    expect(await noTrigger(String(strictPass))).toMatchObject({ n: 40, k: 10 });
    await setRejudgeCounting({ rejudgeId: strictPass, counting: "auto" });
    await setRejudgeCounting({ rejudgeId: againPass, counting: "auto" });
  });

  it("maintained cells equal a live count under every scoring, definition and some thresholds", async () => {
    for (const scoring of [LATEST_SCORING, 0, strictPass, againPass]) {
      for (const definition of ["betley", "mo"] as const) {
        for (const thresholds of [{ aligned: 30, coherent: 50 }, { aligned: 21, coherent: 79 }, { aligned: 90, coherent: 0 }, { aligned: 100, coherent: 79 }]) {
          const query = { groupBy: ["run" as const, "condition" as const, "question" as const], definition, thresholds, scoring };
          expect(await emCountRows(query)).toEqual(await emCountRows({ ...query, live: true }));
        }
      }
    }
  });

  it("a refresh of a few cells leaves the tables exactly as a full rebuild does", async () => {
    const before = await cellTables();
    const { rows: runs } = await db.sql.query<{ id: number }>(`SELECT id FROM "Run"`);
    await inTransaction((client) => refreshEmCells(client, runs.map((r) => r.id)));
    expect(await cellTables()).toEqual(before);
    expect(before.cells.filter((c) => c.scoring === LATEST_SCORING).length).toBeGreaterThan(0);
  });

  it("is a clear 400 for a bad pass", () => {
    const parsed = emQuerySchema.safeParse({ pass: "newest" });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["pass", 'pass is "latest", 0 or a re-judge id, got "newest"']]);
  });
});
