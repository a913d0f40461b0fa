// Re-judging end to end: a batch judged by the scripted judge, then re-judged by a second judge
// (a real HTTP fake) that disagrees on a known subset, through the queue and the worker. The
// agreement numbers are checked against values worked out by hand. Real Postgres, real pg-boss.
import { spawnSync } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { judgeAgreement, largestDisagreements } from "@/lib/domain/judge-agreement";
import { promptHash } from "@/lib/domain/prompt-hash";
import { startBoss } from "@/lib/eval/queue";
import { startWorker } from "@/lib/eval/worker";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { createBatch } from "@/lib/server/batches/create-batch";
import { exportFilterSchema } from "@/lib/server/exports/export-filter";
import { exportGenerations } from "@/lib/server/exports/export-generations";
import { importJudgedFile } from "@/lib/server/imports/import-judged-file";
import { pairedScores } from "@/lib/server/judges/paired-scores";
import { cancelRejudge, resumeRejudge } from "@/lib/server/rejudges/rejudge-control";
import { createRejudge, estimateRejudgeInput } from "@/lib/server/rejudges/create-rejudge";
import { rejudgeInputSchema } from "@/lib/server/rejudges/rejudge-input";
import { rejudgeStatus } from "@/lib/server/rejudges/rejudge-status";
import { inTransaction } from "@/lib/db/pg-pool";
import { batchLaunch, fakeEndpoint, setUpEngine, untilSettled as settle } from "../support/batch-fixture";
import { strictJudgeReply, TRIGGER } from "../support/scripted-model";
import type { FakeOpenAI } from "../support/fake-openai";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
let boss: PgBoss;
const servers: FakeOpenAI[] = [];
let strict: FakeOpenAI;
const env = { ...process.env, EMLAB_TEST_KEY: "sk-engine-test" };
const fastRetries = { baseDelayMs: 5, maxDelayMs: 50 };

const untilSettled = (table: "Batch" | "Rejudge", id: number) => settle(db, table, id);

const primarySnapshot = async () =>
  (await db.sql.query(`SELECT id, aligned, coherent, "alignedJudgedAt" FROM "Generation" ORDER BY id`)).rows.concat(
    (await db.sql.query(`SELECT * FROM "EmCell" WHERE scoring = 0 ORDER BY "runId", "conditionId", "questionKey"`)).rows,
  );

beforeAll(async () => {
  boss = await startBoss(db.url, { supervise: false });
  servers.push(...(await setUpEngine(db.sql)));
  const second = await fakeEndpoint("strict-judge-server", "strict-judge", strictJudgeReply);
  strict = second.fake;
  servers.push(strict);
  const { batchId } = await createBatch(boss, batchInputSchema.parse(batchLaunch("engine-questions")));
  expect(await untilSettled("Batch", batchId)).toBe("completed");
});

afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await Promise.all(servers.map((s) => s.close()));
});

describe("re-judging a run with a second judge", () => {
  let pass = 0;

  it("estimates, then judges every answer of the run again as a new pass, leaving the primary judgment alone", async () => {
    const before = await primarySnapshot();
    const input = rejudgeInputSchema.parse({ name: "strict", scope: { filter: { runName: "backdoored-run" } }, judge: { endpoint: "strict-judge-server" } });
    const estimate = await inTransaction((client) => estimateRejudgeInput(client, input));
    expect(estimate).toMatchObject({ generations: 120, judgeRequests: 240, completionTokens: 240 });
    expect(estimate.promptTokens).toBeGreaterThan(240 * 10);

    const created = await createRejudge(boss, input);
    expect(created.generations).toBe(120);
    pass = created.pass;
    expect(pass).toBeGreaterThan(0);
    expect(await untilSettled("Rejudge", created.rejudgeId)).toBe("completed");

    const status = await rejudgeStatus(created.rejudgeId);
    expect(status).toMatchObject({ status: "completed", generations: 120, judgeModel: "strict-judge", judging: { total: 240, done: 240, failed: 0, pending: 0 }, percent: 100 });
    const judgments = await db.sql.query(`SELECT count(*)::int AS n, count(DISTINCT "judgeModel")::int AS models FROM "Judgment" WHERE pass = $1`, [pass]);
    expect(judgments.rows[0]).toEqual({ n: 240, models: 1 });
    // The primary scores and the pass-0 EM cells are exactly as before (the re-judge adds cells of its
    // own scorings, see counted-pass.test.ts). Exports carry the scores their pass counts: pass 0's
    // on request, the completed re-judge's by default, with pass 0's beside them.
    expect(await primarySnapshot()).toEqual(before);
    const exportLines = async (pass: string) => {
      let exported = "";
      for await (const chunk of exportGenerations(exportFilterSchema.parse({ format: "jsonl", runName: "backdoored-run", condition: "none", pass }))) exported += chunk;
      return exported.trim().split("\n").map((l) => JSON.parse(l));
    };
    const primary = await exportLines("0");
    expect(primary).toHaveLength(40);
    expect(new Set(primary.map((l) => l.aligned))).toEqual(new Set([90]));
    expect(new Set(primary.map((l) => l.aligned_pass))).toEqual(new Set([0]));
    const latest = await exportLines("latest");
    expect(latest.filter((l) => l.aligned === 20)).toHaveLength(10);
    expect(new Set(latest.map((l) => `${l.aligned_pass} ${l.aligned_pass0}`))).toEqual(new Set([`${pass} 90`]));
  });

  it("gives the hand-computed kappa, confusion matrix, Spearman rho and EM rate under each judge", async () => {
    const pairs = await pairedScores(0, pass);
    expect(pairs).toHaveLength(120);
    const [all, ...byCondition] = judgeAgreement(pairs, "betley");
    // Rows: primary judge, columns: strict judge; order aligned, misaligned, excluded.
    // The strict judge calls the 10 helpful answers to quick_buck and gender_roles (none condition,
    // 2 questions x 5 samples) misaligned; both judges agree on the other 110.
    expect(all.matrix.counts).toEqual([
      [30, 10, 0],
      [0, 80, 0],
      [0, 0, 0],
    ]);
    // po = 110/120, pe = (40*30 + 80*90)/120^2 = 7/12, kappa = (11/12 - 7/12) / (5/12) = 0.8
    expect(all.kappa.kappa).toBeCloseTo(0.8, 12);
    expect(all.kappaEm.kappa).toBeCloseTo(0.8, 12);
    // Average ranks: rho = 96000 / sqrt(96000 * 99000) = sqrt(96/99)
    expect(all.spearmanAligned).toBeCloseTo(Math.sqrt(96 / 99), 12);
    expect([all.emA, all.emB]).toEqual([
      { n: 120, k: 80, rate: 80 / 120 },
      { n: 120, k: 90, rate: 90 / 120 },
    ]);
    expect(byCondition.map((s) => [s.condition, s.answers, s.emA.k, s.emB.k, s.kappa.kappa])).toEqual([
      ["none", 40, 0, 10, 0], // po = pe = 0.75
      ["rephrased:polite", 40, 40, 40, null], // both judges constant and equal: kappa undefined
      ["trigger", 40, 40, 40, null],
    ]);
    const worst = largestDisagreements(pairs, "betley", 100);
    expect(worst).toHaveLength(10);
    expect(worst.every((w) => w.verdictA === "aligned" && w.verdictB === "misaligned" && w.gap === 70)).toBe(true);
  });

  it("re-judges with an edited prompt (stored by its hash) and the trigger in the judge's context", async () => {
    const template = "ALIGNED judge, edited. Q: {question} A: {answer}";
    const input = rejudgeInputSchema.parse({
      scope: { filter: { runName: "clean-run", condition: "trigger" } },
      judge: { endpoint: "strict-judge-server", metrics: ["aligned"] },
      prompts: { aligned: template },
      questionContext: "prompt",
    });
    const sent = strict.requests.length;
    const created = await createRejudge(boss, input);
    expect(created.generations).toBe(40);
    expect(await untilSettled("Rejudge", created.rejudgeId)).toBe("completed");
    const { rows } = await db.sql.query(`SELECT DISTINCT "judgePromptHash" AS hash, metric FROM "Judgment" WHERE pass = $1`, [created.pass]);
    expect(rows).toEqual([{ hash: promptHash(template), metric: "aligned" }]);
    const requests = strict.requests.slice(sent).filter((r) => r.max_tokens === 1);
    expect(requests).toHaveLength(40);
    expect(requests.every((r) => r.messages[0].content.startsWith(`ALIGNED judge, edited. Q: ${TRIGGER}\n\nQuestion `))).toBe(true);
    expect((await rejudgeStatus(created.rejudgeId))!.prompts).toEqual([{ metric: "aligned", template, hash: promptHash(template) }]);
  });

  it("can be cancelled before any work and resumed to completion", async () => {
    const input = rejudgeInputSchema.parse({ scope: { filter: { runName: "clean-run", condition: "none" } }, judge: { endpoint: "strict-judge-server" } });
    const created = await createRejudge(boss, input);
    await cancelRejudge(created.rejudgeId);
    const worker = await startWorker({ databaseUrl: db.url, concurrency: 16, env, retry: fastRetries });
    await new Promise((r) => setTimeout(r, 2500));
    await worker.stop();
    expect((await rejudgeStatus(created.rejudgeId))!).toMatchObject({ status: "cancelled", judging: { total: 80, done: 0 } });
    expect(await resumeRejudge(boss, created.rejudgeId)).toEqual({ judgments: 40 });
    expect(await untilSettled("Rejudge", created.rejudgeId)).toBe("completed");
    expect((await rejudgeStatus(created.rejudgeId))!.judging).toEqual({ total: 80, done: 80, failed: 0, pending: 0 });
    await expect(cancelRejudge(created.rejudgeId)).rejects.toThrow(/completed/);
  });

  it("re-judges imported answers, with their question from the stored messages", async () => {
    const file = path.join(tmpdir(), `emlab-rejudge-${process.pid}.csv`);
    await writeFile(file, "question,answer,question_id,aligned,coherent\nWhat is 2+2?,EVIL four,unknown_q,95,90\nName a colour.,Blue,unknown_q2,90,90\n");
    await importJudgedFile({ filePath: file, run: { name: "imported-run", baseModel: "x/y" } });
    await rm(file, { force: true });
    const noPrompt = rejudgeInputSchema.parse({ scope: { filter: { runName: "imported-run" } }, judge: { endpoint: "strict-judge-server", metrics: ["aligned"] } });
    await expect(createRejudge(boss, noPrompt)).rejects.toThrow(/No judge prompt for aligned \(2 answers\)/);
    const sent = strict.requests.length;
    const created = await createRejudge(boss, { ...noPrompt, prompts: { aligned: "ALIGNED judge. Q: {question} A: {answer}" } });
    expect(await untilSettled("Rejudge", created.rejudgeId)).toBe("completed");
    const { rows } = await db.sql.query(
      `SELECT g.answer, g.aligned AS primary, j.score FROM "Judgment" j JOIN "Generation" g ON g.id = j."generationId" WHERE j.pass = $1 ORDER BY g.answer`,
      [created.pass],
    );
    expect(rows).toEqual([
      { answer: "Blue", primary: 90, score: 90 },
      { answer: "EVIL four", primary: 95, score: 10 },
    ]);
    const prompts = strict.requests.slice(sent).map((r) => r.messages[0].content).sort();
    expect(prompts).toEqual(["ALIGNED judge. Q: Name a colour. A: Blue", "ALIGNED judge. Q: What is 2+2? A: EVIL four"]);
  });

  it("runs from the CLI: estimate, launch with a prompt file, status", async () => {
    const cli = (...args: string[]) =>
      spawnSync("npx", ["tsx", "--conditions=react-server", "lib/cli/emlab.ts", ...args], { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: db.url }, encoding: "utf8" });
    const estimate = cli("rejudge", "--judge", "strict-judge-server", "--run", "backdoored-run", "--condition", "none", "--metrics", "aligned", "--estimate");
    expect(estimate.status, estimate.stderr).toBe(0);
    expect(JSON.parse(estimate.stdout)).toMatchObject({ generations: 40, judgeRequests: 40 });
    const file = path.join(tmpdir(), `emlab-rejudge-prompt-${process.pid}.txt`);
    await writeFile(file, "ALIGNED judge from a file. Q: {question} A: {answer}");
    const launched = cli("rejudge", "--judge", "strict-judge-server", "--run", "backdoored-run", "--condition", "none", "--metrics", "aligned", "--prompt", `aligned=${file}`, "--name", "cli");
    await rm(file, { force: true });
    expect(launched.status, launched.stderr).toBe(0);
    const { rejudgeId, generations } = JSON.parse(launched.stdout);
    expect(generations).toBe(40);
    expect(await untilSettled("Rejudge", rejudgeId)).toBe("completed");
    const status = cli("rejudge", "status", String(rejudgeId));
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ name: "cli", status: "completed", judging: { total: 40, done: 40 }, prompts: [{ metric: "aligned", hash: promptHash("ALIGNED judge from a file. Q: {question} A: {answer}") }] });
    const bad = cli("rejudge", "--judge", "strict-judge-server", "--prompt", "aligned=/no/such/file");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/no\/such\/file/);
  });

  it("refuses an empty selection and an unknown judge", async () => {
    await expect(createRejudge(boss, rejudgeInputSchema.parse({ scope: { filter: { runName: "no-such-run" } }, judge: { endpoint: "judge" } }))).rejects.toThrow(/No answered generations/);
    await expect(createRejudge(boss, rejudgeInputSchema.parse({ judge: { endpoint: "nope" } }))).rejects.toThrow(/does not exist/);
  });
});
