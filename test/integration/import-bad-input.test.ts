// Each kind of bad file is refused with a message naming file, line and column or field, and
// leaves the database exactly as it was.
import { mkdtemp, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importJudgedFile } from "@/lib/server/imports/import-judged-file";
import { importQuestionSet } from "@/lib/server/imports/import-question-set";
import { snapshot } from "../support/db-snapshot";
import { questionFiles } from "../support/public-data";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
const dir = await mkdtemp(path.join(tmpdir(), "emlab-bad-"));
const HEADER = "question,answer,question_id,aligned,coherent\n";
const row = (i: number, aligned = "80", coherent = "90") => `"Q${i % 3}?","Answer ${i}, with a comma",q${i % 3},${aligned},${coherent}\n`;

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

async function expectRefused(filePath: string, message: RegExp, options: { yaml?: boolean } = {}) {
  const before = await snapshot(db.sql);
  const attempt = options.yaml
    ? importQuestionSet({ filePath })
    : importJudgedFile({ filePath, run: { name: "bad-input-run", baseModel: "base/model" } });
  await expect(attempt).rejects.toThrow(message);
  expect(await snapshot(db.sql)).toEqual(before);
}

describe("bad input", () => {
  beforeAll(async () => {
    // Something in the database to keep intact.
    await importQuestionSet({ filePath: questionFiles[0] });
    await importJudgedFile({ filePath: await file("good.csv", HEADER + row(1) + row(2)), run: { name: "existing", baseModel: "base/model" } });
  });

  it("an empty file", async () => {
    await expectRefused(await file("empty.csv", ""), /^empty\.csv: the file is empty$/);
    await expectRefused(await file("blank.jsonl", "\n\n"), /^blank\.jsonl: the file has no records$/);
  });

  it("a header without rows", async () => {
    await expectRefused(await file("header-only.csv", HEADER), /^header-only\.csv, line 2: the file has a header but no rows$/);
  });

  it("a missing required column", async () => {
    await expectRefused(
      await file("no-coherent.csv", "question,answer,question_id,aligned\nq,a,id,50\n"),
      /^no-coherent\.csv, line 1: missing required column coherent; found "question", "answer", "question_id", "aligned"$/,
    );
    await expectRefused(await file("no-answer.csv", "question,question_id,aligned,coherent\nq,id,50,50\n"), /line 1: missing required column answer \(or response\)/);
  });

  it("the wrong delimiter", async () => {
    await expectRefused(
      await file("semicolons.csv", "question;answer;question_id;aligned;coherent\nq;a;id;50;50\n"),
      /^semicolons\.csv, line 1: the header is separated by semicolons; EM CSV files are comma-separated$/,
    );
    await expectRefused(await file("tabs.csv", "question\tanswer\tquestion_id\taligned\tcoherent\nq\ta\tid\t50\t50\n"), /line 1: the header is separated by tabs/);
  });

  it("an unterminated quote", async () => {
    // In the middle of a file the parser only notices at the next quote it meets.
    await expectRefused(await file("open-quote.csv", HEADER + row(1) + `"Q?","never closed,q1,50,50\n` + row(3)), /^open-quote\.csv, line 4: a quote is followed by other characters: a quoted field above is not closed \(unterminated quote\)/);
    await expectRefused(await file("open-quote-end.csv", HEADER + row(1) + `"Q?","never closed,q1,50,50\n`), /^open-quote-end\.csv, line 3: a quoted field is never closed \(unterminated quote\)$/);
  });

  it("invalid UTF-8", async () => {
    const bytes = Buffer.concat([Buffer.from(HEADER + row(1) + row(2) + `"Q?","caf`), Buffer.from([0xe9]), Buffer.from(`!",q1,50,50\n`)]);
    await expectRefused(await file("latin1.csv", bytes), /^latin1\.csv, line 4: invalid UTF-8 \(byte 0xe9\); save the file as UTF-8$/);
  });

  it("a score outside 0-100", async () => {
    await expectRefused(await file("high.csv", HEADER + row(1) + row(2, "80", "101")), /^high\.csv, line 3, column "coherent": score 101 is outside 0-100$/);
    await expectRefused(await file("negative.jsonl", `{"question":"q","answer":"a","question_id":"x","aligned":-5,"coherent":50}\n`), /^negative\.jsonl, line 1, column "aligned": score -5 is outside 0-100$/);
  });

  it("a bad score far into a file, after earlier batches were written, still leaves nothing", async () => {
    let body = HEADER;
    for (let i = 0; i < 12_000; i++) body += row(i);
    body += row(12_000, "250");
    await expectRefused(await file("late-error.csv", body), /^late-error\.csv, line 12002, column "aligned": score 250 is outside 0-100$/);
  });

  it("a NUL character, which PostgreSQL cannot store", async () => {
    await expectRefused(await file("nul.csv", HEADER + row(1) + `"Q?","bad \u0000 byte",q1,50,50\n`), /^nul\.csv, line 3, column "answer": contains a NUL character/);
  });

  it("a duplicate header", async () => {
    await expectRefused(
      await file("dup.csv", "question,answer,question_id,aligned,coherent,aligned\nq,a,id,50,50,50\n"),
      /^dup\.csv, line 1, column 6: duplicate column "aligned" \(also column 4\)$/,
    );
  });

  it("a row with the wrong number of fields", async () => {
    await expectRefused(await file("short.csv", HEADER + row(1) + "q,a,id,50\n"), /^short\.csv, line 3: /);
  });

  it("a 200 MB file", async () => {
    const big = path.join(dir, "huge.csv");
    await writeFile(big, "");
    await truncate(big, 200 * 1024 * 1024); // sparse: the size check comes before any reading
    await expectRefused(big, /^huge\.csv: file is 200 MB, larger than the 100 MB import limit$/);
  });

  it("malformed JSONL", async () => {
    await expectRefused(
      await file("broken.jsonl", `{"question":"q","answer":"a","question_id":"x","aligned":1,"coherent":50}\n{"question": "q",\n`),
      /^broken\.jsonl, line 2: not valid JSON/,
    );
    await expectRefused(
      await file("cond.jsonl", `{"question":"q","answer":"a","question_id":"x","aligned":1,"coherent":50,"condition":"sometimes"}\n`),
      /^cond\.jsonl, line 1, field "condition": condition must be none, trigger or rephrased, not "sometimes"$/,
    );
  });

  it("a YAML question without paraphrases", async () => {
    const yaml = `- id: fine\n  paraphrases: ["Hello?"]\n  judge_prompts:\n    aligned: "Rate {answer}"\n- id: no_paraphrases\n  samples_per_paraphrase: 5\n  judge_prompts:\n    aligned: "Rate {answer}"\n`;
    await expectRefused(await file("questions.yaml", yaml), /^questions\.yaml, line 5, field "paraphrases": question "no_paraphrases": paraphrases is required$/, { yaml: true });
  });

  it("YAML that does not parse, or is not a list of questions", async () => {
    await expectRefused(await file("broken.yaml", "- id: a\n  paraphrases: [unclosed\n"), /^broken\.yaml, line \d+, column \d+: not valid YAML/, { yaml: true });
    await expectRefused(await file("map.yaml", "id: a\nparaphrases: [x]\n"), /^map\.yaml, line 1: expected a list of questions/, { yaml: true });
  });

  it("a file of an unknown type", async () => {
    await expectRefused(await file("answers.xlsx", "PK"), /^answers\.xlsx: unknown file type "\.xlsx"; judged answers come as \.csv or \.jsonl, Inspect AI logs as \.eval or \.json$/);
  });
});
