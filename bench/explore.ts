// Read-path benchmark (issue 4): one million judged generations resampled from the public answers
// over 30 runs x 4 conditions x 24 questions; server time of the overview data, a run's
// per-question grid, and explorer pages (first, deep by cursor, filtered, text search).
// Usage: npm run bench:explore [-- --rows 1000000 --repeat 20]
import { parseArgs } from "node:util";
import { pgPool } from "../lib/db/pg-pool";
import { emViewSchema } from "../lib/server/em/em-view";
import { refreshEmCells } from "../lib/db/refresh-em-cells";
import { overviewData } from "../lib/server/em/overview-data";
import { containmentData } from "../lib/server/em/containment-data";
import { generationFilterSchema } from "../lib/server/generations/generation-filter";
import { countGenerations, listGenerations } from "../lib/server/generations/list-generations";
import { importJudgedFile } from "../lib/server/imports/import-judged-file";
import { importQuestionSet } from "../lib/server/imports/import-question-set";
import { runPageData } from "../lib/server/runs/run-page-data";
import { judgedFiles, questionFiles } from "../test/support/public-data";
import { benchDatabase, table } from "./support";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, repeat: { type: "string", default: "20" } } });
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
  const client = await sql.connect();
  try {
    await client.query("BEGIN");
    const ids = await client.query<{ id: number }>(`SELECT id FROM "Run"`);
    await refreshEmCells(client, ids.rows.map((r) => r.id));
    await client.query("COMMIT");
  } finally {
    client.release();
  }
  await sql.query(`VACUUM ANALYZE`);
  console.error(`Seeded ${rows.toLocaleString("en-US")} generations in ${((performance.now() - started) / 1000).toFixed(0)} s`);
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
  return [label, at(0.5).toFixed(1), at(0.95).toFixed(1)];
}

const db = await benchDatabase("explore");
process.env.DATABASE_URL = db.url;
try {
  await seed();
  const view = emViewSchema.parse({});
  const { rows: [run] } = await pgPool().query(`SELECT id FROM "Run" WHERE name = 'bench-run-07'`);
  const { rows: [deep] } = await pgPool().query(`SELECT id FROM "Generation" ORDER BY id DESC OFFSET 5000 LIMIT 1`);
  const explorer = (params: Record<string, string>) => generationFilterSchema.parse(params);
  const results = [
    await time("overview (EM per run x condition)", () => overviewData(view)),
    await time("overview, Wilson instead of clustered", () => overviewData(emViewSchema.parse({ interval: "wilson" }))),
    await time("overview, custom thresholds (live count)", () => overviewData(emViewSchema.parse({ aligned: "25", coherent: "60" }))),
    await time("containment (cells + contrasts, sign-flip p)", () => containmentData(view)),
    await time("refresh EmCell for one run (33k answers)", async () => {
      const client = await pgPool().connect();
      try {
        await client.query("BEGIN");
        await refreshEmCells(client, [run.id]);
        await client.query("COMMIT");
      } finally {
        client.release();
      }
    }),
    await time("run page (conditions, question grid, sweep)", () => runPageData(run.id, view)),
    await time("explorer: first page + count", () => Promise.all([listGenerations(explorer({})), countGenerations(explorer({}))])),
    await time("explorer: deep page by cursor", () => listGenerations(explorer({ after: `${deep.id}~${deep.id}` }))),
    await time("explorer: filtered (run, trigger, misaligned) + count", () => {
      const f = explorer({ run: String(run.id), condition: "trigger", em: "misaligned" });
      return Promise.all([listGenerations(f), countGenerations(f)]);
    }),
    await time("explorer: sorted by aligned, one run", () => listGenerations(explorer({ run: String(run.id), sort: "aligned", dir: "asc" }))),
    await time("explorer: text search in answers", () => listGenerations(explorer({ q: "world domination" }))),
  ];
  console.log(table(["query", "median ms", "p95 ms"], results));
} finally {
  await pgPool().end();
  await db.close();
}
