// Import benchmark: a CSV of N rows (default 1,000,000) resampled with a fixed seed from the
// public judged answers, imported through the same importer as the CLI, page and REST route.
// Usage: npm run bench:import [-- --rows 1000000]
import { createWriteStream, existsSync, readFileSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { createRng, randomInt } from "../lib/domain/random";
import { pgPool } from "../lib/db/pg-pool";
import { importJudgedFile } from "../lib/server/imports/import-judged-file";
import { importQuestionSet } from "../lib/server/imports/import-question-set";
import { judgedFiles, questionFiles } from "../test/support/public-data";
import { benchDatabase, table } from "./support";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" } } });
const rows = Number(values.rows);

async function buildCsv(target: string): Promise<void> {
  const pool: string[][] = [];
  for (const file of judgedFiles) {
    const records = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
    for (const r of records) pool.push([r.question, r.answer, r.question_id, r.aligned, r.coherent]);
  }
  const rng = createRng(20261127);
  const out = createWriteStream(target);
  out.write("question,answer,question_id,aligned,coherent\n");
  for (let i = 0; i < rows; i += 1000) {
    const chunk: string[][] = [];
    for (let j = i; j < Math.min(rows, i + 1000); j++) chunk.push(pool[randomInt(rng, pool.length)]);
    if (!out.write(stringify(chunk))) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

const csv = path.join(tmpdir(), `emlab-bench-${rows}.csv`);
if (!existsSync(csv)) {
  console.error(`Building ${csv} …`);
  await buildCsv(csv);
}
const bytes = statSync(csv).size;
const db = await benchDatabase("import");
process.env.DATABASE_URL = db.url;
try {
  await importQuestionSet({ filePath: questionFiles[0] });
  const started = performance.now();
  const summary = await importJudgedFile({ filePath: csv, run: { name: "bench", baseModel: "bench/model" }, maxBytes: Infinity });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    table(
      ["rows", "file", "judgments", "seconds", "rows/s", "MB/s"],
      [[summary.rows.toLocaleString("en-US"), `${(bytes / 1e6).toFixed(0)} MB`, summary.judgments.toLocaleString("en-US"), seconds.toFixed(1), Math.round(summary.rows / seconds).toLocaleString("en-US"), (bytes / 1e6 / seconds).toFixed(1)]],
    ),
  );
} finally {
  await pgPool().end();
  await db.close();
}
