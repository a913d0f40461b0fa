// Import benchmark (issues 3 and 12): a CSV of N rows resampled with a fixed seed from the public
// judged answers, imported through the same importer as the CLI, page and REST route, beside the
// reference measured in the same run: raw COPY of the same file into a bare table of five text
// columns (what `\copy raw FROM file CSV HEADER` does).
// Usage: npm run bench:import [-- --rows 200000,1000000 --repeat 3]
import { createReadStream, createWriteStream, existsSync, readFileSync, statSync } from "node:fs";
import { once } from "node:events";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createRng, randomInt } from "../lib/domain/random";
import { indexImportedAnswers } from "../lib/eval/answer-search-indexer";
import { importJudgedFile } from "../lib/server/imports/import-judged-file";
import { importQuestionSet } from "../lib/server/imports/import-question-set";
import { judgedFiles, questionFiles } from "../test/support/public-data";
import { benchDatabase, table } from "./support";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, repeat: { type: "string", default: "1" } } });

async function buildCsv(target: string, rows: number): Promise<void> {
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

/** Raw COPY of the file into a new bare table: the reference. */
async function rawCopy(url: string, csv: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS raw_csv; CREATE TABLE raw_csv (question text, answer text, question_id text, aligned text, coherent text)`);
    const started = performance.now();
    await pipeline(createReadStream(csv, { highWaterMark: 1 << 20 }), client.query(copyFrom(`COPY raw_csv FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    const seconds = (performance.now() - started) / 1000;
    await client.query(`DROP TABLE raw_csv`);
    return seconds;
  } finally {
    await client.end();
  }
}

/** Each repeat gets a database of its own on one server; the process-wide pools follow DATABASE_URL. */
async function freshDatabase(): Promise<{ url: string; close(): Promise<void> }> {
  const db = await benchDatabase("import");
  process.env.DATABASE_URL = db.url;
  const global = globalThis as { emlabPgPool?: pg.Pool; emlabPrisma?: { $disconnect(): Promise<void> } };
  return {
    url: db.url,
    close: async () => {
      await global.emlabPgPool?.end();
      await global.emlabPrisma?.$disconnect();
      global.emlabPgPool = undefined;
      global.emlabPrisma = undefined;
      await db.close();
    },
  };
}

const server = await benchDatabase("import-server");
process.env.DATABASE_URL = server.url;
const out: (string | number)[][] = [];
try {
  for (const rows of values.rows.split(",").map(Number)) {
    const csv = path.join(tmpdir(), `emlab-bench-${rows}.csv`);
    if (!existsSync(csv)) {
      console.error(`Building ${csv} …`);
      await buildCsv(csv, rows);
    }
    const bytes = statSync(csv).size;
    for (let r = 0; r < Number(values.repeat); r++) {
      const db = await freshDatabase();
      try {
        await importQuestionSet({ filePath: questionFiles[0] });
        const load = loadavg()[0].toFixed(1);
        const copySeconds = await rawCopy(db.url, csv);
        const started = performance.now();
        const summary = await importJudgedFile({ filePath: csv, run: { name: "bench", baseModel: "bench/model" }, maxBytes: Infinity });
        const seconds = (performance.now() - started) / 1000;
        // What a worker then does in the background: copy the answers into the search index.
        const searchStarted = performance.now();
        const pool = new pg.Pool({ connectionString: db.url, max: 1 });
        const cursors = new Map<number, number>();
        while (await indexImportedAnswers(pool, cursors)) {}
        await pool.end();
        const searchSeconds = (performance.now() - searchStarted) / 1000;
        const row = [
          summary.rows.toLocaleString("en-US"), `${(bytes / 1e6).toFixed(0)} MB`, summary.judgments.toLocaleString("en-US"),
          seconds.toFixed(1), Math.round(summary.rows / seconds).toLocaleString("en-US"),
          copySeconds.toFixed(1), Math.round(rows / copySeconds).toLocaleString("en-US"), `${(copySeconds / seconds).toFixed(2)}x`, searchSeconds.toFixed(1), load,
        ];
        out.push(row);
        console.error(row.join("  "));
      } finally {
        await db.close();
      }
    }
  }
  console.log(table(["rows", "file", "judgments", "import s", "rows/s", "raw COPY s", "COPY rows/s", "of COPY", "search copy s (after)", "load 1m"], out));
} finally {
  process.env.DATABASE_URL = server.url;
  await server.close();
}
