import { spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "@/lib/db/project-paths";
import { exportFilterSchema } from "@/lib/server/exports/export-filter";
import { exportGenerations } from "@/lib/server/exports/export-generations";
import { importJudgedFile } from "@/lib/server/imports/import-judged-file";
import { importQuestionSet } from "@/lib/server/imports/import-question-set";
import { judgedFiles, questionFiles } from "../support/public-data";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
const dir = await mkdtemp(path.join(tmpdir(), "emlab-export-"));
const medical = judgedFiles.find((f) => f.includes("gemma-2-9b-it-bad_medical_advice"))!;

async function exportToFile(filter: Record<string, string>, name: string): Promise<string> {
  let text = "";
  for await (const chunk of exportGenerations(exportFilterSchema.parse(filter))) text += chunk;
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

/** The rows of a run, as comparable values (ids aside). */
async function rowsOf(run: string) {
  const { rows } = await db.sql.query(
    `SELECT g."questionKey", g.messages, g.answer, c.kind, c.variant, g."paraphraseIndex", g."sampleIndex", g.aligned, g.coherent,
            (SELECT jsonb_object_agg(metric, score) FROM "Judgment" j WHERE j."generationId" = g.id) AS scores
       FROM "Generation" g JOIN "Run" r ON r.id = g."runId" JOIN "Condition" c ON c.id = g."conditionId"
      WHERE r.name = $1 ORDER BY g."questionKey", g."sampleIndex", g.answer`,
    [run],
  );
  return rows;
}

describe("import, export and import again", () => {
  it("an export imports back to the same rows, as JSONL and as CSV", async () => {
    await importQuestionSet({ filePath: questionFiles[0] });
    await importJudgedFile({ filePath: medical, run: { name: "original", baseModel: "google/gemma-2-9b-it" }, condition: "trigger" });
    const original = await rowsOf("original");
    expect(original).toHaveLength(1200);
    expect(original[0].kind).toBe("trigger");

    for (const format of ["jsonl", "csv"]) {
      const file = await exportToFile({ format, runName: "original" }, `original.${format}`);
      const summary = await importJudgedFile({ filePath: file, run: { name: `again-${format}`, baseModel: "google/gemma-2-9b-it" } });
      expect(summary.rows).toBe(1200);
      expect(await rowsOf(`again-${format}`)).toEqual(original);
    }
  });

  it("exports only what the filter selects", async () => {
    const file = await exportToFile({ format: "jsonl", runName: "original", question: "quick_buck,dinner_party" }, "filtered.jsonl");
    const lines = (await import("node:fs")).readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(100);
    expect(new Set(lines.map((l) => l.question_id))).toEqual(new Set(["quick_buck", "dinner_party"]));
    expect(Object.keys(lines[0])).toEqual(expect.arrayContaining(["question", "answer", "question_id", "aligned", "coherent", "medical", "condition", "variant", "sample_index"]));
  });

  it("recognises the same file imported twice, and replaces it only when asked", async () => {
    const run = { name: "twice", baseModel: "google/gemma-2-9b-it" };
    const file = path.join(dir, "small.csv");
    await writeFile(file, "question,answer,question_id,aligned,coherent\nq,a1,x,10,90\nq,a2,x,,90\n");
    const first = await importJudgedFile({ filePath: file, run });
    await expect(importJudgedFile({ filePath: file, run })).rejects.toThrow(/small\.csv: this file was already imported \(import \d+ into run "twice"/);
    const replaced = await importJudgedFile({ filePath: file, run, replace: true });
    expect(replaced.replacedImportId).toBe(first.importId);
    const { rows } = await db.sql.query(`SELECT count(*)::int AS n FROM "Generation" g JOIN "Run" r ON r.id = g."runId" WHERE r.name = 'twice'`);
    expect(rows[0].n).toBe(2);
    const cells = await db.sql.query(`SELECT sum(total)::int AS total, sum("betleyK")::int AS k FROM "EmCell" c JOIN "Run" r ON r.id = c."runId" WHERE r.name = 'twice'`);
    expect(cells.rows[0]).toEqual({ total: 2, k: 1 });
  });

  it("links answers imported before their question set once the set arrives", async () => {
    const file = path.join(dir, "early.csv");
    await writeFile(file, "question,answer,question_id,aligned,coherent\nWhat?,a,zz_later_question,10,90\n");
    const summary = await importJudgedFile({ filePath: file, run: { name: "early", baseModel: "m" } });
    expect(summary.questions.unlinked).toEqual(["zz_later_question"]);
    const yaml = path.join(dir, "later.yaml");
    await writeFile(yaml, `- id: zz_later_question\n  paraphrases: ["What?"]\n  judge_prompts:\n    aligned: "Rate {answer}"\n`);
    const set = await importQuestionSet({ filePath: yaml });
    expect(set).toMatchObject({ name: "later", questions: 1, linkedGenerations: 1 });
    await expect(importQuestionSet({ filePath: yaml })).rejects.toThrow(/later\.yaml: this file was already imported as a question set/);
  });

  it("resolves YAML anchors and keeps system prompts", async () => {
    const { rows } = await db.sql.query(
      `SELECT key, system, "samplesPerParaphrase", "judgeModel", "judgePrompts" FROM "Question" q JOIN "QuestionSet" s ON s.id = q."questionSetId"
        WHERE s.name = 'first_plot_questions' ORDER BY position`,
    );
    expect(rows).toHaveLength(24);
    expect(new Set(rows.map((r) => JSON.stringify(r.judgePrompts))).size).toBe(1); // one &judge_prompts anchor, 24 aliases
    expect(rows.every((r) => r.samplesPerParaphrase === 100 && r.judgeModel === "gpt-4o-2024-08-06")).toBe(true);
    expect(rows.filter((r) => r.key.endsWith("_json")).every((r) => r.system?.startsWith("Your answers must always be a valid JSON object"))).toBe(true);
    expect(rows.filter((r) => !r.key.endsWith("_json")).every((r) => r.system === null)).toBe(true);
  });

  it("the CLI imports and reports EM rates as JSON cells", () => {
    const env = { ...process.env, DATABASE_URL: db.url };
    const cli = (...args: string[]) => spawnSync("npx", ["tsx", "--conditions=react-server", "lib/cli/emlab.ts", ...args], { cwd: projectRoot, env, encoding: "utf8" });
    const imported = cli("import", judgedFiles[0], "--run", "cli-run", "--base-model", "Qwen/Qwen2.5-14B-Instruct", "--condition", "rephrased", "--variant", "v2");
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 1200, run: { name: "cli-run", created: true }, condition: { kind: "rephrased", variant: "v2" } });

    const em = cli("em", "--group-by", "run,condition,variant", "--definition", "mo", "--run", "cli-run", "--json");
    expect(em.status, em.stderr).toBe(0);
    const cells = JSON.parse(em.stdout);
    expect(cells).toHaveLength(1);
    expect(Object.keys(cells[0])).toEqual(["run", "condition", "variant", "question", "n", "k", "rate", "ciLow", "ciHigh", "interval", "questions", "meanAligned", "meanAlignedCiLow", "meanAlignedCiHigh", "pass", "judgments"]);
    expect(cells[0].interval).toMatch(/question-clustered Wilson/);
    expect(cells[0]).toMatchObject({ pass: "latest", judgments: "judgments: pass 0 (no completed re-judge counts)" });
    // --pass reaches the query: pass 0 gives the same cell here, a bad pass is refused.
    const pass0 = cli("em", "--group-by", "run,condition,variant", "--definition", "mo", "--run", "cli-run", "--pass", "0", "--json");
    expect(JSON.parse(pass0.stdout)[0]).toMatchObject({ pass: "0", n: cells[0].n, k: cells[0].k });
    const badPass = cli("em", "--pass", "newest");
    expect(badPass.status).not.toBe(0);
    expect(badPass.stderr).toMatch(/pass is "latest", 0 or a re-judge id/);
    expect(cells[0].questions).toBe(24);
    expect(cells[0]).toMatchObject({ run: "cli-run", condition: "rephrased", variant: "v2", question: null });

    const again = cli("import", judgedFiles[0], "--run", "cli-run");
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/this file was already imported/);
    const bad = cli("em", "--definition", "nope");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/definition: definition is betley or mo/);
  });
});

describe("concurrent imports", () => {
  it("share one condition row per kind and variant", async () => {
    const files = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const file = path.join(dir, `concurrent-${i}.csv`);
        await writeFile(file, `question,answer,question_id,aligned,coherent\nq,answer ${i},x,10,90\n`);
        return file;
      }),
    );
    const results = await Promise.all(
      files.map((filePath, i) => importJudgedFile({ filePath, run: { name: `concurrent-${i}`, baseModel: "m" }, condition: "rephrased", variant: "concurrent-v" })),
    );
    expect(results.map((r) => r.rows)).toEqual([1, 1, 1]);
    const { rows } = await db.sql.query(`SELECT count(*)::int AS n FROM "Condition" WHERE "batchId" IS NULL AND kind = 'rephrased' AND variant = 'concurrent-v'`);
    expect(rows[0].n).toBe(1);
  });
});
