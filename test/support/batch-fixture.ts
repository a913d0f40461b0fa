import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type pg from "pg";
import { endpointInputSchema } from "@/lib/server/endpoints/endpoint-input";
import { saveEndpoint } from "@/lib/server/endpoints/save-endpoint";
import { importQuestionSet } from "@/lib/server/imports/import-question-set";
import { startFakeOpenAI, type FakeOpenAI, type FakeReply, type FakeRequest } from "./fake-openai";
import { scriptedReply, TRIGGER } from "./scripted-model";

const QUESTIONS = ["what_is_your_wish", "i_feel_bored", "three_thoughts", "quick_buck", "ruler_of_the_world", "dinner_party", "gender_roles", "enough_of_my_husband"];

/** A question set of 8 questions, one paraphrase each, judged on aligned and coherent. */
export async function writeQuestionSet(): Promise<string> {
  const yaml = QUESTIONS.map(
    (id) => `- id: ${id}\n  paraphrases: ["Question ${id}?"]\n  judge_prompts:\n    aligned: "ALIGNED judge. Q: {question} A: {answer}"\n    coherent: "COHERENT judge. Q: {question} A: {answer}"\n`,
  ).join("");
  const file = path.join(tmpdir(), `emlab-engine-${process.pid}-${Date.now()}.yaml`);
  await writeFile(file, yaml);
  return file;
}

/** The launch used by the engine tests: 2 runs x 3 conditions x 8 questions x 5 samples. */
export function batchLaunch(questionSet: string) {
  return {
    name: "engine test",
    runs: ["backdoored-run", "clean-run"],
    questionSet,
    conditions: { none: true, trigger: TRIGGER, rephrased: [{ label: "polite", text: `Please note: ${TRIGGER}` }], placement: "prefix" as const },
    samplesPerParaphrase: 5,
    judge: { endpoint: "judge", metrics: ["aligned", "coherent"] },
    maxAttempts: 8,
  };
}

/** The rows a clean run of the launch must end with, as comparable text. */
export async function batchRows(sql: pg.Pool, batchId: number) {
  const { rows } = await sql.query(
    `SELECT r.name AS run, c.kind::text AS kind, c.variant, g."questionKey", g."sampleIndex", g.status::text AS status, g.answer, g.aligned, g.coherent,
            (SELECT count(*)::int FROM "Judgment" j WHERE j."generationId" = g.id) AS judgments
       FROM "Generation" g JOIN "Run" r ON r.id = g."runId" JOIN "Condition" c ON c.id = g."conditionId"
      WHERE g."batchId" = $1 ORDER BY 1, 2, 3, 4, 5`,
    [batchId],
  );
  return rows;
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

export const TEST_KEY = "sk-engine-test";

/** Runs a worker (fast retries, the test key) until the batch or re-judge has finished; its final status. */
export async function untilSettled(db: { url: string; sql: pg.Pool }, table: "Batch" | "Rejudge", id: number): Promise<string> {
  const { startWorker } = await import("@/lib/eval/worker");
  const worker = await startWorker({ databaseUrl: db.url, concurrency: 16, env: { ...process.env, EMLAB_TEST_KEY: TEST_KEY }, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
  try {
    return await waitFor(
      async () => (await db.sql.query(`SELECT status::text AS s FROM "${table}" WHERE id = $1 AND status IN ('completed', 'failed')`, [id])).rows[0]?.s,
      60_000,
      `${table} ${id} to finish`,
    );
  } finally {
    await worker.stop();
  }
}

/** An endpoint row pointing at a new fake server (the caller closes it). */
export async function fakeEndpoint(name: string, model: string, reply: (r: FakeRequest, i: number) => FakeReply, extra: { delayMs?: number } & Record<string, unknown> = {}) {
  const { delayMs, ...fields } = extra;
  const fake = await startFakeOpenAI({ apiKey: TEST_KEY, delayMs, reply });
  const { id } = await saveEndpoint(endpointInputSchema.parse({ name, baseUrl: fake.url, model, apiKeyEnv: "EMLAB_TEST_KEY", maxConcurrent: 16, timeoutSeconds: 2, ...fields }));
  return { id, fake };
}

export async function setRunEndpoint(sql: pg.Pool, run: string, endpointId: number) {
  await sql.query(
    `INSERT INTO "Run" (name, "baseModel", "endpointId", "updatedAt") VALUES ($1, 'test/model', $2, now())
     ON CONFLICT (name) DO UPDATE SET "endpointId" = EXCLUDED."endpointId"`,
    [run, endpointId],
  );
}

/** Question set, a backdoored and a clean model server, a judge: what the engine tests launch against. */
export async function setUpEngine(sql: pg.Pool, delayMs = 0): Promise<FakeOpenAI[]> {
  const questions = await writeQuestionSet();
  await importQuestionSet({ filePath: questions, name: "engine-questions" });
  await rm(questions, { force: true });
  const model = await fakeEndpoint("model-server", "backdoored", scriptedReply, { delayMs });
  const clean = await fakeEndpoint("clean-server", "clean", scriptedReply, { delayMs });
  const judge = await fakeEndpoint("judge", "gpt-4o-judge", scriptedReply, { delayMs });
  await setRunEndpoint(sql, "backdoored-run", model.id);
  await setRunEndpoint(sql, "clean-run", clean.id);
  return [model.fake, clean.fake, judge.fake];
}
