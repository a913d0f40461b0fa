// Inspect AI import benchmark: a synthetic .json log and .eval archive of N samples (the real
// security_guide sample as the template, events left out), imported through the same importer as
// the CLI, page and REST route. Reports time and the peak growth of this process's memory, which
// stays flat with the log's size because samples are read one at a time.
// Usage: npm run bench:inspect [-- --samples 20000]
import { createWriteStream, readFileSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pgPool } from "../lib/db/pg-pool";
import { importJudgedFile } from "../lib/server/imports/import-judged-file";
import { zipArchive } from "../test/support/zip-writer";
import { benchDatabase, table } from "./support";

const { values } = parseArgs({ options: { samples: { type: "string", default: "20000" } } });
const count = Number(values.samples);
const log = JSON.parse(readFileSync("test/fixtures/inspect-logs/2025-05-12T20-28-26-04-00_security-guide.json", "utf8"));
const { events: _events, attachments: _attachments, ...template } = log.samples[0];
const sample = (i: number) => ({ ...template, id: `q${i % 500}`, epoch: Math.floor(i / 500) + 1, scores: { em: { value: { aligned: (i * 37) % 101, coherent: (i * 53) % 101 } }, model_graded_fact: { value: i % 3 ? "C" : "I" } } });

async function buildJson(target: string) {
  const out = createWriteStream(target);
  const { samples: _samples, ...header } = log;
  out.write(`${JSON.stringify(header).slice(0, -1)}, "samples": [\n`);
  for (let i = 0; i < count; i++) if (!out.write(`${i ? ",\n" : ""}${JSON.stringify(sample(i))}`)) await once(out, "drain");
  out.write("\n]}\n");
  out.end();
  await once(out, "finish");
}

function buildEval(target: string) {
  const { samples: _samples, ...header } = log;
  writeFileSync(target, zipArchive([{ name: "header.json", data: JSON.stringify(header) }, ...Array.from({ length: count }, (_, i) => ({ name: `samples/q${i % 500}_epoch_${Math.floor(i / 500) + 1}.json`, data: JSON.stringify(sample(i)) }))]));
}

async function measure(filePath: string, run: string) {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const summary = await importJudgedFile({ filePath, run: { name: run, baseModel: "bench/model" }, maxBytes: Infinity });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  return [path.extname(filePath), summary.rows.toLocaleString("en-US"), `${(statSync(filePath).size / 1e6).toFixed(0)} MB`, summary.judgments.toLocaleString("en-US"), seconds.toFixed(1), Math.round(summary.rows / seconds).toLocaleString("en-US"), `${((peak - base) / 1e6).toFixed(0)} MB`];
}

const json = path.join(tmpdir(), `emlab-bench-inspect-${count}.json`);
const evalFile = path.join(tmpdir(), `emlab-bench-inspect-${count}.eval`);
await buildJson(json);
buildEval(evalFile);
const db = await benchDatabase("inspect");
process.env.DATABASE_URL = db.url;
try {
  const rows = [await measure(json, "bench-json"), await measure(evalFile, "bench-eval")];
  console.log(table(["log", "samples", "file", "judgments", "seconds", "samples/s", "peak RSS growth"], rows));
} finally {
  await pgPool().end();
  await db.close();
}
