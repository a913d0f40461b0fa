// Bounded inputs: expansion, width, depth and length limits refuse a file with its file and line,
// within a memory budget, and leave the database as it was.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { IdBlock } from "@/lib/db/id-block";
import { inTransaction } from "@/lib/db/pg-pool";
import { importJudgedFile } from "@/lib/server/imports/import-judged-file";
import { importQuestionSet } from "@/lib/server/imports/import-question-set";
import { DETAIL_TEXT_CHARS, getGeneration, getGenerationAnswer } from "@/lib/server/generations/get-generation";
import { snapshot } from "../support/db-snapshot";
import { questionFiles } from "../support/public-data";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
const dir = await mkdtemp(path.join(tmpdir(), "emlab-limits-"));
const HEADER = "question,answer,question_id,aligned,coherent";

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

/** Peak RSS growth while `work` runs, in MB (sampled every 5 ms). */
async function peakMemoryMb(work: () => Promise<unknown>): Promise<number> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return (peak - base) / 1024 / 1024;
}

async function expectRefused(attempt: () => Promise<unknown>, message: RegExp): Promise<number> {
  const before = await snapshot(db.sql);
  let error: unknown = null;
  const mb = await peakMemoryMb(() => attempt().catch((e) => (error = e)));
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message.length).toBeLessThan(1000);
  expect(await snapshot(db.sql)).toEqual(before);
  return mb;
}

const judged = (filePath: string) => importJudgedFile({ filePath, run: { name: "limits-run", baseModel: "base/model" } });

describe("bounded imports", () => {
  beforeAll(async () => {
    await importQuestionSet({ filePath: questionFiles[0] });
    await judged(await file("good.csv", `${HEADER}\nQ?,A,q1,80,90\n`));
  });

  it("refuses a YAML alias bomb (a 4 MB text aliased 999 times) within a memory budget", async () => {
    const big = "x".repeat(4 * 1024 * 1024);
    const aliases = Array.from({ length: 999 }, () => "    - *big").join("\n");
    const yamlPath = await file("bomb.yaml", `- id: bomb\n  paraphrases:\n    - &big "${big}"\n${aliases}\n  judge_prompts: {aligned: "{answer}"}\n`);
    const mb = await expectRefused(() => importQuestionSet({ filePath: yamlPath }), /bomb\.yaml, line 1: entry 1: with its aliases \(\*name\) expanded, the question set holds more than 10 MB/);
    console.log(`YAML alias bomb refused with ${mb.toFixed(0)} MB peak RSS growth`);
    expect(mb).toBeLessThan(300);
  });

  it("refuses deeply nested YAML at once, with the line", async () => {
    const yamlPath = await file("deep.yaml", `- id: a\n  paraphrases: ${"[".repeat(1_000_000)}x${"]".repeat(1_000_000)}\n  judge_prompts: {aligned: "{answer}"}\n`);
    const started = performance.now();
    await expectRefused(() => importQuestionSet({ filePath: yamlPath }), /^deep\.yaml, line 2: \[ and \{ nest more than 64 levels deep$/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("refuses a CSV header with 1,000,000 metric columns within a memory budget", async () => {
    const columns = Array.from({ length: 1_000_000 }, (_, i) => `m${i}`).join(",");
    const filePath = await file("wide.csv", `${HEADER},${columns}\n`);
    const mb = await expectRefused(() => judged(filePath), /wide\.csv, line 1: the header line is longer than 64 KB; at most 64 judge metric columns/);
    console.log(`1M-column header refused with ${mb.toFixed(0)} MB peak RSS growth`);
    expect(mb).toBeLessThan(400);
  });

  it("allows 64 metric columns and refuses 65, in CSV and in JSONL", async () => {
    const metrics = (n: number) => Array.from({ length: n - 2 }, (_, i) => `m${i}`);
    await judged(await file("w64.csv", `${[HEADER, ...metrics(64)].join(",")}\nQ?,A,q1,80,90${",1".repeat(62)}\n`));
    await expectRefused(async () => judged(await file("w65.csv", `${[HEADER, ...metrics(65)].join(",")}\nQ?,A,q1,80,90${",1".repeat(63)}\n`)), /w65\.csv, line 1: more than 64 judge metrics/);
    const record = (n: number) => JSON.stringify({ question: "Q?", answer: "A", question_id: "q1", aligned: 80, coherent: 90, ...Object.fromEntries(metrics(n).map((m) => [m, 1])) });
    await expectRefused(async () => judged(await file("w65.jsonl", `${record(65)}\n`)), /w65\.jsonl, line 1: more than 64 judge metrics/);
    // 64 per record, but more than 64 different ones across the file.
    const other = JSON.stringify({ question: "Q?", answer: "A", question_id: "q1", aligned: 80, coherent: 90, extra: 1 });
    await expectRefused(async () => judged(await file("w65b.jsonl", `${record(64)}\n${other}\n`)), /w65b\.jsonl, line 2: more than 64 judge metrics/);
  });

  it("refuses deep JSON, huge values and long lines with file, line and field, quoting at most 200 characters", async () => {
    const base = { question: "Q?", answer: "A", question_id: "q1", aligned: 80, coherent: 90 };
    const deep = `{"question":"Q?","answer":"A","question_id":"q1","aligned":80,"coherent":90,"medical":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    await expectRefused(async () => judged(await file("deep.jsonl", `${JSON.stringify(base)}\n${deep}\n`)), /deep\.jsonl, line 2, column "medical": expected a score 0-100 or empty, found a list$/);
    const huge = "Z".repeat(10 * 1024 * 1024);
    await expectRefused(async () => judged(await file("cond.jsonl", `${JSON.stringify({ ...base, condition: huge })}\n`)), /cond\.jsonl, line 1, field "condition": the text is 10,485,760 characters long; the limit is 8,388,608/);
    await expectRefused(async () => judged(await file("cond2.jsonl", `${JSON.stringify({ ...base, condition: "Z".repeat(5000) })}\n`)), /not "Z{200}…"$/);
    await expectRefused(async () => judged(await file("long.jsonl", `${JSON.stringify(base)}\n${JSON.stringify({ ...base, answer: "a".repeat(17 * 1024 * 1024) })}\n`)), /long\.jsonl, line 2: the line is longer than 16 MB/);
    await expectRefused(async () => judged(await file("bad.jsonl", `${JSON.stringify(base)}\n{"question": "${"s".repeat(10_000)}\n`)), /bad\.jsonl, line 2: not valid JSON/);
    // A 10 MB non-score text in a metric is a null score, never echoed back.
    const summary = await judged(await file("note.jsonl", `${JSON.stringify({ ...base, medical: "N".repeat(10 * 1024 * 1024 - 1000) })}\n`));
    expect(summary.metrics.medical).toEqual({ scored: 0, nullScores: 1 });
  });
});

describe("imports that deadlock", () => {
  it("are retried: opposite orders of new rephrased variants both succeed", async () => {
    const lines = (run: string, variants: string[]) =>
      variants.map((v, i) => JSON.stringify({ question: "Q?", answer: `A ${run} ${i}`, question_id: "q1", aligned: 80, coherent: 90, condition: "rephrased", variant: v })).join("\n") + "\n";
    for (let round = 0; round < 4; round++) {
      const variants = Array.from({ length: 8 }, (_, i) => `r${round}-v${i}`);
      const a = await file(`a${round}.jsonl`, lines(`a${round}`, variants));
      const b = await file(`b${round}.jsonl`, lines(`b${round}`, [...variants].reverse()));
      const [ra, rb] = await Promise.all([
        importJudgedFile({ filePath: a, run: { name: `dl-a${round}`, baseModel: "m" } }),
        importJudgedFile({ filePath: b, run: { name: `dl-b${round}`, baseModel: "m" } }),
      ]);
      expect(ra.rows + rb.rows).toBe(16);
      const { rows } = await db.sql.query(`SELECT count(*)::int AS n FROM "Condition" WHERE variant LIKE $1`, [`r${round}-%`]);
      expect(rows[0].n).toBe(8);
    }
  }, 120_000);
});

describe("ids for large batches", () => {
  it("come in one block of 500,000 without overflowing the stack", async () => {
    const ids = await inTransaction((client) => new IdBlock(client, `"Generation_id_seq"`).take(500_000));
    expect(ids).toHaveLength(500_000);
    expect(ids[499_999] - ids[0]).toBe(499_999);
  });
});

describe("the generation detail page", () => {
  it("gets the start of a huge answer and its length; the download has it all", async () => {
    const answer = "B".repeat(3 * 1024 * 1024);
    const summary = await judged(await file("bigans.jsonl", `${JSON.stringify({ question: "Q?", answer, question_id: "q1", aligned: 80, coherent: 90 })}\n`));
    const { rows } = await db.sql.query(`SELECT id FROM "Generation" WHERE "importId" = $1`, [summary.importId]);
    const detail = await getGeneration(rows[0].id);
    expect(detail!.answer!.length).toBe(DETAIL_TEXT_CHARS);
    expect(detail!.answerLength).toBe(answer.length);
    expect(JSON.stringify(detail).length).toBeLessThan(2 * DETAIL_TEXT_CHARS);
    expect(await getGenerationAnswer(rows[0].id)).toBe(answer);
  });
});
