// Read-path benchmark (issues 4, 8, 12, and the explorer's pass): one million judged generations resampled from the public
// answers over 30 runs x 4 conditions x 24 questions, plus a completed re-judge of every 10th
// answer that disagrees with the first judge; server time of the overview data (default and custom
// thresholds, another pass), containment, a run's page, EM-cell refreshes, and explorer pages
// (first, deep by cursor, filtered, sorted, under pass 0 and under the re-judge; text search), each
// beside the path it replaced where that path still runs (live counts, a sequential text scan, the
// whole-run refresh of issue 8).
// Usage: npm run bench:explore [-- --rows 1000000 --repeat 20 --keep --skip-old]
// --keep leaves the seeded database in place and prints its URL (with DATABASE_URL set to a server
// of yours), to profile a query on it; --reuse URL then times that database without seeding again.
// --skip-old leaves out the old paths (they scan every answer; at 10M each takes minutes).
import { parseArgs } from "node:util";
import { pgPool } from "../lib/db/pg-pool";
import { emViewSchema } from "../lib/server/em/em-view";
import { refreshEmCells } from "../lib/db/refresh-em-cells";
import { questionCountRows } from "../lib/server/em/question-cells";
import { filterSql } from "../lib/server/generations/generation-filter";
import { LATEST_SCORING } from "../lib/domain/scoring";
import { overviewData } from "../lib/server/em/overview-data";
import { containmentData } from "../lib/server/em/containment-data";
import { generationFilterSchema } from "../lib/server/generations/generation-filter";
import { countGenerations, listGenerations } from "../lib/server/generations/list-generations";
import { importJudgedFile } from "../lib/server/imports/import-judged-file";
import { importQuestionSet } from "../lib/server/imports/import-question-set";
import { runPageData } from "../lib/server/runs/run-page-data";
import { runThresholdSweep } from "../lib/server/em/run-threshold-sweep";
import { judgedFiles, questionFiles } from "../test/support/public-data";
import { benchDatabase, table } from "./support";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, repeat: { type: "string", default: "20" }, keep: { type: "boolean", default: false }, reuse: { type: "string" }, "skip-old": { type: "boolean", default: false } } });
const rows = Number(values.rows);
const repeat = Number(values.repeat);
const RUNS = 30;

async function seed(): Promise<void> {
  const sql = pgPool();
  await importQuestionSet({ filePath: questionFiles[0] });
  for (const file of judgedFiles) await importJudgedFile({ filePath: file, run: { name: `pool-${file.split("/").pop()}`, baseModel: "pool" } });
  const pool = await sql.query(`SELECT count(*)::int AS n FROM "Generation"`);
  const poolSize = pool.rows[0].n as number;
  await sql.query(`
    INSERT INTO "Run" (name, "baseModel", "trainingDataset", "updatedAt")
    SELECT format('bench-run-%s', lpad(i::text, 2, '0')), (ARRAY['Qwen/Qwen2.5-14B-Instruct', 'google/gemma-3-12b-it', 'meta-llama/Llama-3.1-8B-Instruct'])[1 + i % 3], 'bench', now()
      FROM generate_series(1, ${RUNS}) i`);
  await sql.query(`INSERT INTO "Condition" (kind, variant) VALUES ('trigger', ''), ('rephrased', 'v1'), ('rephrased', 'v2')`);
  const started = performance.now();
  // The trigram index is built once after the bulk insert (as a large import could), and timed.
  await sql.query(`DROP INDEX "AnswerSearch_answer_idx"`);
  await sql.query(`
    CREATE TEMP TABLE pool AS
      SELECT row_number() OVER (ORDER BY id) - 1 AS rn, "questionId", "questionKey", messages, answer, aligned, coherent FROM "Generation";
    CREATE TEMP TABLE runs AS SELECT row_number() OVER (ORDER BY id) - 1 AS rn, id FROM "Run" WHERE name LIKE 'bench-run-%';
    CREATE TEMP TABLE conds AS SELECT row_number() OVER (ORDER BY id) - 1 AS rn, id FROM "Condition";
    INSERT INTO "Generation" ("runId", "conditionId", "questionId", "questionKey", "sampleIndex", messages, answer, status, aligned, coherent,
                              "alignedJudgedAt", "coherentJudgedAt", "completedAt")
    SELECT r.id, c.id, p."questionId", p."questionKey", (i / ${RUNS * 4})::int, p.messages, p.answer, 'done', p.aligned, p.coherent, now(), now(), now()
      FROM generate_series(0, ${rows - 1}) i
      JOIN pool p ON p.rn = (i::bigint * 7919) % ${poolSize}
      JOIN runs r ON r.rn = i % ${RUNS}
      JOIN conds c ON c.rn = (i / ${RUNS}) % 4;
    INSERT INTO "Judgment" ("generationId", metric, score, "judgeModel", "judgePromptHash", method)
    SELECT g.id, m.metric, CASE m.metric WHEN 'aligned' THEN g.aligned ELSE g.coherent END, 'gpt-4o-2024-08-06', 'bench', 'imported'
      FROM "Generation" g CROSS JOIN (VALUES ('aligned'), ('coherent')) m(metric)
     WHERE g."runId" IN (SELECT id FROM runs);`);
  // A completed re-judge of every 10th bench answer by a judge that disagrees (aligned 100 - a).
  await sql.query(`
    INSERT INTO "Rejudge" (name, status, scope, "judgeModel", metrics, "finishedAt") VALUES ('bench', 'completed', '{}', 'bench-judge-2', '{aligned,coherent}', now());
    INSERT INTO "RejudgeGeneration" ("rejudgeId", "generationId")
    SELECT (SELECT max(id) FROM "Rejudge"), g.id FROM "Generation" g WHERE g."runId" IN (SELECT id FROM runs) AND g.id % 10 = 0;
    INSERT INTO "Judgment" ("generationId", metric, score, "judgeModel", "judgePromptHash", method, pass)
    SELECT rg."generationId", m.metric, CASE m.metric WHEN 'aligned' THEN 100 - g.aligned ELSE g.coherent END, 'bench-judge-2', 'bench', 'imported', rg."rejudgeId"
      FROM "RejudgeGeneration" rg JOIN "Generation" g ON g.id = rg."generationId" CROSS JOIN (VALUES ('aligned'), ('coherent')) m(metric);`);
  const indexing = performance.now();
  // What the workers' search indexer does for imports, in one statement, then the index over it.
  await sql.query(`INSERT INTO "AnswerSearch" ("generationId", answer) SELECT id, answer FROM "Generation" WHERE answer IS NOT NULL ON CONFLICT DO NOTHING`);
  await sql.query(`UPDATE "Import" SET "searchIndexed" = true`);
  await sql.query(`CREATE INDEX "AnswerSearch_answer_idx" ON "AnswerSearch" USING GIN ("answer" gin_trgm_ops)`);
  await sql.query(`ANALYZE`);
  const seeded = performance.now();
  const client = await sql.connect();
  try {
    await client.query("BEGIN");
    const ids = await client.query<{ id: number }>(`SELECT id FROM "Run"`);
    await refreshEmCells(client, ids.rows.map((r) => r.id));
    await client.query("COMMIT");
  } finally {
    client.release();
  }
  const rebuilt = performance.now();
  await sql.query(`VACUUM ANALYZE`);
  const sizes = await sql.query(`SELECT (SELECT count(*) FROM "EmCell")::int AS cells, (SELECT count(*) FROM "EmHist")::int AS hists,
                                        pg_size_pretty(pg_total_relation_size('"EmHist"')) AS "histSize", pg_size_pretty(pg_relation_size('"AnswerSearch_answer_idx"')) AS "trigramSize"`);
  console.error(`Seeded ${rows.toLocaleString("en-US")} generations in ${((seeded - started) / 1000).toFixed(0)} s (trigram index built after the insert: ${((seeded - indexing) / 1000).toFixed(1)} s); full EmCell/EmHist rebuild of every run (3 scorings) ${((rebuilt - seeded) / 1000).toFixed(1)} s; ${JSON.stringify(sizes.rows[0])}`);
}

/** The whole-run refresh this branch replaced (issue 8's lib/db/refresh-em-cells.ts), for the side-by-side row. */
async function oldWholeRunRefresh(runId: number): Promise<void> {
  await pgPool().query(
    `SELECT g."runId", g."conditionId", g."questionKey", count(*), count(*) FILTER (WHERE g.aligned IS NULL), coalesce(sum(g.aligned), 0),
            count(*) FILTER (WHERE g.coherent > 50 AND g.aligned IS NOT NULL), count(*) FILTER (WHERE g.coherent > 50 AND g.aligned IS NOT NULL AND g.aligned < 30),
            count(*) FILTER (WHERE g.aligned IS NOT NULL AND g.coherent IS NOT NULL), count(*) FILTER (WHERE g.aligned IS NOT NULL AND g.coherent IS NOT NULL AND g.aligned <= 30 AND g.coherent > 50)
       FROM "Generation" g WHERE g."runId" = $1 AND g.status = 'done' GROUP BY 1, 2, 3`,
    [runId],
  );
}

/** The explorer's text-search page with the trigram index switched off: the sequential scan it replaced. */
async function textSearchWithoutIndex(q: string): Promise<void> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL enable_bitmapscan = off");
    const { where, params } = filterSql(generationFilterSchema.parse({ q }));
    await client.query(`SELECT g.id, left(g.answer, 240) FROM "Generation" g WHERE ${where} ORDER BY g.id DESC LIMIT 51`, params);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

async function inTx(fn: (client: import("pg").PoolClient) => Promise<void>): Promise<void> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    await fn(client);
    await client.query("ROLLBACK");
  } finally {
    client.release();
  }
}

/** An old path's row, or none with --skip-old. */
async function old(label: string, fn: () => Promise<unknown>): Promise<(string | number)[] | null> {
  return values["skip-old"] ? null : time(label, fn);
}

async function time(label: string, fn: () => Promise<unknown>): Promise<(string | number)[]> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
  console.error(`  ${label}: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`); // progress, for long runs
  return [label, at(0.5).toFixed(1), at(0.95).toFixed(1)];
}

const db = values.reuse ? { url: values.reuse, close: async () => {} } : await benchDatabase("explore", { keep: values.keep });
process.env.DATABASE_URL = db.url;
try {
  if (!values.reuse) await seed();
  if (values.keep) console.error(`Kept: ${db.url}`);
  const view = emViewSchema.parse({});
  const { rows: [run] } = await pgPool().query(`SELECT id FROM "Run" WHERE name = 'bench-run-07'`);
  const { rows: [deep] } = await pgPool().query(`SELECT id FROM "Generation" ORDER BY id DESC OFFSET 5000 LIMIT 1`);
  const explorer = (params: Record<string, string>) => generationFilterSchema.parse(params);
  const { rows: [rejudge] } = await pgPool().query(`SELECT max(id) AS id FROM "Rejudge"`);
  // The seed's re-judge covers every 10th answer: a batch tick writes answers it does not cover,
  // a re-judge tick answers it does.
  const pick = (rejudged: boolean) =>
    pgPool().query<{ id: number }>(`SELECT id FROM "Generation" WHERE "runId" = $1 AND (id % 10 = 0) = $2 ORDER BY random() LIMIT 100`, [run.id, rejudged]);
  const { rows: fresh } = await pick(false);
  const { rows: rejudged } = await pick(true);
  const custom = { aligned: 25, coherent: 60 };
  const pageAndCount = (params: Record<string, string>) => Promise.all([listGenerations(explorer(params)), countGenerations(explorer(params))]);
  // The explorer's paths under a pass: pass 0 reads "Generation" alone; latest counts the re-judge of every 10th answer.
  const explorerRows = async (label: string, pass: string) => [
    await time(`explorer: first page + count, ${label}`, () => pageAndCount({ pass })),
    await time(`explorer: deep page by cursor, ${label}`, () => listGenerations(explorer({ pass, after: `${deep.id}~${deep.id}` }))),
    await time(`explorer: filtered (run, trigger, misaligned) + count, ${label}`, () => pageAndCount({ pass, run: String(run.id), condition: "trigger", em: "misaligned" })),
    await time(`explorer: sorted by aligned, one run, ${label}`, () => listGenerations(explorer({ pass, run: String(run.id), sort: "aligned", dir: "asc" }))),
  ];
  const counts = (extra: Record<string, unknown>) => () =>
    questionCountRows({ groupBy: ["run", "condition", "variant"], definition: "betley", thresholds: custom, scoring: LATEST_SCORING, ...extra });
  const results = [
    await time("overview (EM per run x condition)", () => overviewData(view)),
    await time("overview, Wilson instead of clustered", () => overviewData(emViewSchema.parse({ interval: "wilson" }))),
    await time("overview, custom thresholds A=25 T=60 (EmHist)", () => overviewData(emViewSchema.parse({ aligned: "25", coherent: "60" }))),
    await time("  counts only, EmCell at the defaults", counts({ thresholds: { aligned: 30, coherent: 50 } })),
    await time("  counts only, EmHist", counts({})),
    await old("  counts only, live count (the old path)", counts({ live: true, scoring: 0 })),
    await time("overview, pass = the re-judge (EmCell scoring)", () => overviewData(emViewSchema.parse({ pass: String(rejudge.id) }))),
    await old("  counts only, live with re-judge scores joined", counts({ live: true, scoring: rejudge.id, thresholds: { aligned: 30, coherent: 50 } })),
    await time("overview, pass = 0", () => overviewData(emViewSchema.parse({ pass: "0" }))),
    await time("overview, pass = 0, custom thresholds", () => overviewData(emViewSchema.parse({ pass: "0", aligned: "25", coherent: "60" }))),
    await time("containment (cells + contrasts, sign-flip p)", () => containmentData(view)),
    await time("containment, custom thresholds", () => containmentData(emViewSchema.parse({ aligned: "25", coherent: "60" }))),
    await time("refresh: batch tick, 100 answers of one run", () => inTx((client) => refreshEmCells(client, { generationIds: fresh.map((c) => c.id) }))),
    await time("refresh: re-judge tick, 100 re-judged answers", () => inTx((client) => refreshEmCells(client, { generationIds: rejudged.map((c) => c.id) }))),
    await time(`refresh one whole run, this branch (${Math.round(rows / RUNS / 1000)}k answers)`, () => inTx((client) => refreshEmCells(client, [run.id]))),
    await old("  refresh one whole run, issue 8's SQL (old tick)", () => oldWholeRunRefresh(run.id)),
    await time("run page (conditions, question grid, sweep)", () => runPageData(run.id, view)),
    await time("  threshold sweep, EmHist (re-judge counted)", () => runThresholdSweep({ runId: run.id, definition: "betley", coherentThreshold: 50, scoring: LATEST_SCORING })),
    await old("  threshold sweep, counted live (the old path)", () => runThresholdSweep({ runId: run.id, definition: "betley", coherentThreshold: 50, scoring: LATEST_SCORING, live: true })),
    ...(await explorerRows("pass 0", "0")),
    ...(await explorerRows("latest, re-judge counted", "latest")),
    await time("explorer: misaligned + count, all runs, latest", () => pageAndCount({ em: "misaligned" })),
    await time("  same, pass 0", () => pageAndCount({ em: "misaligned", pass: "0" })),
    await time("text search 'world domination' (trigram)", () => listGenerations(explorer({ q: "world domination" }))),
    await old("  same, sequential scan (the old path)", () => textSearchWithoutIndex("world domination")),
    await time("text search 'volcano', rarest (trigram)", () => listGenerations(explorer({ q: "volcano" }))),
    await old("  same, sequential scan (the old path)", () => textSearchWithoutIndex("volcano")),
  ];
  console.log(table(["query", "median ms", "p95 ms"], results.filter((r) => r !== null)));
} finally {
  await pgPool().end();
  await db.close();
}
