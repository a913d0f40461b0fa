// The fast CSV reader (issue 12) writes exactly the rows csv-parse's path writes, for every CSV
// shipped in prisma/seed; a file it gives up on midway (after whole COPY batches went in) is
// imported by csv-parse exactly once; a bad file found only by csv-parse leaves nothing behind.
import { mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "@/lib/db/project-paths";
import { importJudgedFile } from "@/lib/server/imports/import-judged-file";
import { importQuestionSet } from "@/lib/server/imports/import-question-set";
import { snapshot } from "../support/db-snapshot";
import { questionFiles } from "../support/public-data";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();

async function csvFilesUnder(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  const nested = await Promise.all(
    names.map(async (name) => {
      const full = path.join(dir, name);
      return (await stat(full)).isDirectory() ? csvFilesUnder(full) : name.endsWith(".csv") ? [full] : [];
    }),
  );
  return nested.flat().sort();
}

/** Everything an import wrote, in id order, without ids and timestamps. */
async function importedRows(importId: number) {
  const { rows } = await db.sql.query(
    `SELECT r.name AS run, c.kind::text AS kind, c.variant, g."questionId", g."questionKey", g."paraphraseIndex", g."sampleIndex", g.messages, g.answer,
            g.status::text AS status, g.aligned, g.coherent,
            (SELECT json_agg(json_build_object('metric', j.metric, 'score', j.score, 'mass', j."numericMass", 'top', j."topLogprobs", 'model', j."judgeModel",
                                               'hash', j."judgePromptHash", 'method', j.method, 'pass', j.pass, 'error', j.error) ORDER BY j.metric)
               FROM "Judgment" j WHERE j."generationId" = g.id) AS judgments
       FROM "Generation" g JOIN "Run" r ON r.id = g."runId" JOIN "Condition" c ON c.id = g."conditionId"
      WHERE g."importId" = $1 ORDER BY g.id`,
    [importId],
  );
  return rows;
}

beforeAll(async () => {
  for (const file of questionFiles) await importQuestionSet({ filePath: file });
});

describe("the fast CSV path", () => {
  it("writes exactly csv-parse's rows for all 77 shipped CSVs", async () => {
    const files = await csvFilesUnder(path.join(projectRoot, "prisma", "seed"));
    expect(files).toHaveLength(77);
    let rows = 0;
    for (const [i, filePath] of files.entries()) {
      const run = { name: `equivalence-${i}`, baseModel: "public" };
      const fast = await importJudgedFile({ filePath, run });
      const fastRows = await importedRows(fast.importId);
      const full = await importJudgedFile({ filePath, run, replace: true, csvReader: "csv-parse" });
      expect(full.replacedImportId).toBe(fast.importId);
      const same = (s: typeof fast) => ({ ...s, importId: 0, replacedImportId: null, seconds: 0, run: { ...s.run, created: false } });
      expect(same(fast)).toEqual(same(full));
      expect(fastRows, path.relative(projectRoot, filePath)).toEqual(await importedRows(full.importId));
      rows += fastRows.length;
    }
    expect(rows).toBeGreaterThan(15_600);
  }, 300_000);

  it("imports a file it gives up on after 12,000 rows (a CRLF line end) through csv-parse, once", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "emlab-fast-"));
    const lines = Array.from({ length: 15_000 }, (_, i) => `"Q${i % 7}?","Answer ${i}, with a comma",q${i % 7},${i % 101},${(i * 7) % 101}${i === 12_000 ? "\r" : ""}\n`);
    const filePath = path.join(dir, "crlf-once.csv");
    await writeFile(filePath, "question,answer,question_id,aligned,coherent\n" + lines.join(""));
    const summary = await importJudgedFile({ filePath, run: { name: "crlf-once", baseModel: "m" } });
    expect(summary.rows).toBe(15_000);
    const { rows } = await db.sql.query(
      `SELECT count(*)::int AS n, count(DISTINCT answer)::int AS answers, sum(aligned)::int AS aligned FROM "Generation" WHERE "importId" = $1`,
      [summary.importId],
    );
    expect(rows[0]).toEqual({ n: 15_000, answers: 15_000, aligned: lines.reduce((sum, _, i) => sum + (i % 101), 0) });
    const { rows: imports } = await db.sql.query(`SELECT count(*)::int AS n FROM "Import" WHERE "fileName" = 'crlf-once.csv'`);
    expect(imports[0].n).toBe(1);
  });

  it("leaves nothing behind when csv-parse finds an unterminated quote on line 14,002, after the fast reader wrote 14,000 rows", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "emlab-fast-"));
    const body = Array.from({ length: 14_000 }, (_, i) => `q,"a ${i}",q1,50,50\n`).join("");
    const filePath = path.join(dir, "late-quote.csv");
    await writeFile(filePath, `question,answer,question_id,aligned,coherent\n${body}q,"never closed,q1,50,50\n`);
    const before = await snapshot(db.sql);
    await expect(importJudgedFile({ filePath, run: { name: "late-quote", baseModel: "m" } })).rejects.toThrow(/^late-quote\.csv, line 14002: a quoted field is never closed \(unterminated quote\)$/);
    expect(await snapshot(db.sql)).toEqual(before);
  });
});
