// Engine throughput (issues 5 and 12): generations per second, each judged on two metrics (three
// requests a generation), against the fake OpenAI-compatible server (test tooling) running in a
// process of its own, at several latencies and endpoint concurrencies; each figure beside the
// bound the endpoints allow, and beside a reference measured in the same run: the judge endpoint
// driven at the same concurrency by the same HTTP client without queue or database (what this
// machine allows right now). "model ms seen" is the mean latency of the model requests as the
// worker measured them (the fake's delay plus both processes' queueing for CPU).
// Usage: npm run bench:engine [-- --latency 0,200,1000 --concurrency 64,256 --zero 3000 --seconds 15 --max 4000 --port 3450]
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { rm } from "node:fs/promises";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { judgeAnswer } from "../lib/eval/judge-answer";
import { startBoss } from "../lib/eval/queue";
import { startWorker } from "../lib/eval/worker";
import { pgPool, withErrorLog } from "../lib/db/pg-pool";
import { batchInputSchema } from "../lib/server/batches/batch-input";
import { createBatch } from "../lib/server/batches/create-batch";
import { endpointInputSchema } from "../lib/server/endpoints/endpoint-input";
import { saveEndpoint } from "../lib/server/endpoints/save-endpoint";
import { importQuestionSet } from "../lib/server/imports/import-question-set";
import { writeQuestionSet } from "../test/support/batch-fixture";
import { benchDatabase, table } from "./support";

const { values } = parseArgs({
  options: {
    latency: { type: "string", default: "0,200,1000" },
    concurrency: { type: "string", default: "64,256" },
    // Generations at zero latency; at a latency, enough for `seconds` at the bound, at most `max`.
    zero: { type: "string", default: "3000" },
    seconds: { type: "string", default: "15" },
    // Seconds of the reference measurement before each case (0: none).
    reference: { type: "string", default: "5" },
    max: { type: "string", default: "4000" },
    port: { type: "string", default: "3450" },
  },
});
const list = (text: string) => text.split(",").map(Number);
const KEY = "sk-bench";

/** The fake server in a child process; resolves with its URL once it listens. */
async function startFakeProcess(port: number, delayMs: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/fake-endpoint.ts", "--port", String(port), "--delay", String(delayMs), "--key", KEY], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  return { url: JSON.parse(line).url, child };
}

/**
 * The reference measured in the same run, on the same machine load: judge requests per second the
 * judge endpoint answers when `concurrency` of them are kept in flight by the same HTTP client with
 * no queue and no database, halved (two judge requests a generation). The engine cannot beat it.
 */
async function referenceRate(url: string, concurrency: number, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const judge = { baseUrl: url, model: "gpt-4o-judge", apiKey: KEY, allowPrivate: true };
  const input = { template: "ALIGNED judge. Q: {question} A: {answer}", question: "Question what_is_your_wish?", answer: "A helpful answer to: Question what_is_your_wish?", timeoutMs: 30_000 };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await judgeAnswer(judge, input);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000) / 2;
}

const db = await benchDatabase("engine");
process.env.DATABASE_URL = db.url;
process.env.EMLAB_KEY_BENCH = KEY;
// The fake server listens on 127.0.0.1: a private address the operator must allow.
process.env.EMLAB_ALLOW_PRIVATE_ENDPOINTS = "1";
const sql = withErrorLog(new pg.Pool({ connectionString: db.url }), "bench pool");
const rows: (string | number)[][] = [];
const load = loadavg().map((l) => l.toFixed(1)).join(" ");
try {
  const questions = await writeQuestionSet();
  await importQuestionSet({ filePath: questions, name: "bench-questions" });
  await rm(questions, { force: true });
  let port = Number(values.port);
  for (const latencyMs of list(values.latency)) {
    for (const concurrency of list(values.concurrency)) {
      // Each endpoint takes `concurrency` requests at a time; a generation needs 1 model and 2 judge
      // requests, so the judge endpoint bounds the rate at concurrency / latency / 2.
      const bound = latencyMs === 0 ? null : concurrency / (latencyMs / 1000) / 2;
      const generations = bound === null ? Number(values.zero) : Math.min(Number(values.max), Math.round(bound * Number(values.seconds)));
      const model = await startFakeProcess(port++, latencyMs);
      const judge = await startFakeProcess(port++, latencyMs);
      const tag = `${latencyMs}-${concurrency}`;
      const reference = Number(values.reference) > 0 ? await referenceRate(judge.url, concurrency, Number(values.reference)) : null;
      const endpoint = async (name: string, url: string, modelId: string) =>
        (await saveEndpoint(endpointInputSchema.parse({ name: `${name}-${tag}`, baseUrl: url, model: modelId, apiKeyEnv: "EMLAB_KEY_BENCH", maxConcurrent: concurrency, timeoutSeconds: 30 }))).id;
      const modelId = await endpoint("model", model.url, "backdoored");
      const judgeId = await endpoint("judge", judge.url, "gpt-4o-judge");
      await sql.query(`INSERT INTO "Run" (name, "baseModel", "endpointId", "updatedAt") VALUES ($1, 'bench', $2, now())`, [`bench-${tag}`, modelId]);
      const boss = await startBoss(db.url, { supervise: false });
      const worker = await startWorker({ databaseUrl: db.url, concurrency });
      const started = performance.now();
      const { batchId, generations: made } = await createBatch(
        boss,
        batchInputSchema.parse({ runs: [`bench-${tag}`], questionSet: "bench-questions", conditions: { none: true }, samplesPerParaphrase: Math.ceil(generations / 8), judge: { endpoint: judgeId } }),
      );
      for (;;) {
        const { rows: [b] } = await sql.query(`SELECT status::text AS s FROM "Batch" WHERE id = $1`, [batchId]);
        if (b.s === "completed" || b.s === "failed") break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const seconds = (performance.now() - started) / 1000;
      await worker.stop();
      await boss.stop({ graceful: false, close: true });
      for (const f of [model, judge]) {
        f.child.kill("SIGTERM");
        await once(f.child, "exit");
      }
      const { rows: [check] } = await sql.query(
        `SELECT count(*) FILTER (WHERE status = 'done' AND aligned IS NOT NULL AND coherent IS NOT NULL)::int AS judged, avg("latencyMs")::float8 AS latency
           FROM "Generation" WHERE "batchId" = $1`,
        [batchId],
      );
      if (check.judged !== made) throw new Error(`batch ${batchId}: ${check.judged} of ${made} generations judged`);
      const rate = made / seconds;
      rows.push([latencyMs === 0 ? "0 ms" : `${latencyMs} ms`, concurrency, made, seconds.toFixed(1), rate.toFixed(1), bound === null ? "–" : bound.toFixed(1), bound === null ? "–" : `${Math.round((rate / bound) * 100)}%`,
        reference === null ? "–" : reference.toFixed(1), reference === null ? "–" : `${Math.round((rate / reference) * 100)}%`, Math.round(check.latency)]);
      console.error(rows.at(-1)!.join("  "));
    }
  }
  console.log(`load average at start: ${load}; at end: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(table(["latency", "concurrency", "generations", "seconds", "generations/s", "bound/s", "of bound", "reference/s", "of reference", "model ms seen"], rows));
} finally {
  await sql.end();
  await pgPool().end();
  await db.close();
}
