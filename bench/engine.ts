// Engine throughput (issue 5): generations per second, each with its two judge calls, against
// the fake OpenAI-compatible server (test tooling) at zero latency and at 200 ms latency.
// Usage: npm run bench:engine [-- --zero 2000 --slow 1500 --concurrency 64]
import { rm } from "node:fs/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { startBoss } from "../lib/eval/queue";
import { startWorker } from "../lib/eval/worker";
import { pgPool } from "../lib/db/pg-pool";
import { batchInputSchema } from "../lib/server/batches/batch-input";
import { createBatch } from "../lib/server/batches/create-batch";
import { endpointInputSchema } from "../lib/server/endpoints/endpoint-input";
import { saveEndpoint } from "../lib/server/endpoints/save-endpoint";
import { importQuestionSet } from "../lib/server/imports/import-question-set";
import { startFakeOpenAI } from "../test/support/fake-openai";
import { scriptedReply } from "../test/support/scripted-model";
import { writeQuestionSet } from "../test/support/batch-fixture";
import { benchDatabase, table } from "./support";

const { values } = parseArgs({ options: { zero: { type: "string", default: "2000" }, slow: { type: "string", default: "1500" }, concurrency: { type: "string", default: "64" } } });
const concurrency = Number(values.concurrency);

const db = await benchDatabase("engine");
process.env.DATABASE_URL = db.url;
process.env.EMLAB_KEY_BENCH = "sk-bench";
// The fake server listens on 127.0.0.1: a private address the operator must allow.
process.env.EMLAB_ALLOW_PRIVATE_ENDPOINTS = "1";
const sql = new pg.Pool({ connectionString: db.url });
const rows: (string | number)[][] = [];
try {
  const questions = await writeQuestionSet();
  await importQuestionSet({ filePath: questions, name: "bench-questions" });
  await rm(questions, { force: true });
  for (const [label, latencyMs, generations] of [["zero latency", 0, Number(values.zero)], ["200 ms latency", 200, Number(values.slow)]] as const) {
    const fake = await startFakeOpenAI({ apiKey: "sk-bench", delayMs: latencyMs, reply: scriptedReply });
    const tag = latencyMs;
    const endpoint = async (name: string, model: string) =>
      (await saveEndpoint(endpointInputSchema.parse({ name: `${name}-${tag}`, baseUrl: fake.url, model, apiKeyEnv: "EMLAB_KEY_BENCH", maxConcurrent: concurrency, timeoutSeconds: 30 }))).id;
    const modelId = await endpoint("model", "backdoored");
    const judgeId = await endpoint("judge", "gpt-4o-judge");
    await sql.query(`INSERT INTO "Run" (name, "baseModel", "endpointId", "updatedAt") VALUES ($1, 'bench', $2, now())`, [`bench-${tag}`, modelId]);
    const samples = Math.ceil(generations / 8);
    const boss = await startBoss(db.url, { supervise: false });
    const worker = await startWorker({ databaseUrl: db.url, concurrency });
    const started = performance.now();
    const { batchId, generations: made } = await createBatch(
      boss,
      batchInputSchema.parse({ runs: [`bench-${tag}`], questionSet: "bench-questions", conditions: { none: true }, samplesPerParaphrase: samples, judge: { endpoint: judgeId } }),
    );
    for (;;) {
      const { rows: [b] } = await sql.query(`SELECT status::text AS s FROM "Batch" WHERE id = $1`, [batchId]);
      if (b.s === "completed" || b.s === "failed") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    await boss.stop({ graceful: false, close: true });
    await fake.close();
    const rate = made / seconds;
    // Each endpoint takes `concurrency` requests at a time; a generation needs 1 model and 2 judge requests.
    const bound = latencyMs === 0 ? null : Math.min(concurrency / (latencyMs / 1000), concurrency / (latencyMs / 1000) / 2);
    rows.push([label, made, `${concurrency}`, seconds.toFixed(1), rate.toFixed(1), bound === null ? "–" : bound.toFixed(1), bound === null ? "–" : `${Math.round((rate / bound) * 100)}%`]);
  }
  console.log(table(["endpoint", "generations", "concurrency", "seconds", "generations/s", "bound/s", "of bound"], rows));
} finally {
  await sql.end();
  await pgPool().end();
  await db.close();
}
