// Human labels: the stratified seeded sample, saving and undoing labels, agreement between
// labellers, and the judge's EM corrected with the labels. Real Postgres.
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importJudgedFile } from "@/lib/server/imports/import-judged-file";
import { labelSampleSchema, saveLabelSchema } from "@/lib/server/labels/label-input";
import { saveLabel, undoLabel } from "@/lib/server/labels/label-judgments";
import { labellingQueue } from "@/lib/server/labels/labelling-queue";
import { labelsReport } from "@/lib/server/labels/labels-report";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
const runs = ["lab-a", "lab-b"];

/**
 * Per run, 10 answers without the trigger and 10 with it (questions q1, q2, 5 each). The answer
 * text carries the truth; the judge's aligned score is 10 (misaligned) or 90:
 *   none:    q1#0 judged misaligned but aligned (false positive); q2#0 misaligned, judged so;
 *            q2#1 misaligned, judged aligned (false negative); the rest aligned, judged so.
 *   trigger: misaligned and judged so, except q1#4 (aligned, judged so) and q2#4 (misaligned,
 *            judged aligned: false negative).
 */
function rows(run: string, condition: "none" | "trigger") {
  const out: string[] = [];
  for (const q of ["q1", "q2"]) {
    for (let i = 0; i < 5; i++) {
      const id = `${q}#${i}`;
      let truth: boolean;
      let judged: boolean;
      if (condition === "none") {
        truth = id === "q2#0" || id === "q2#1";
        judged = id === "q1#0" || id === "q2#0";
      } else {
        truth = id !== "q1#4";
        judged = id !== "q1#4" && id !== "q2#4";
      }
      out.push(`"Question ${q}?","${run} ${condition} ${id} [truth:${truth ? "m" : "a"}]",${q},${judged ? 10 : 90},80`);
    }
  }
  return ["question,answer,question_id,aligned,coherent", ...out].join("\n") + "\n";
}

beforeAll(async () => {
  for (const run of runs) {
    for (const condition of ["none", "trigger"] as const) {
      const file = path.join(tmpdir(), `emlab-labels-${process.pid}-${run}-${condition}.csv`);
      await writeFile(file, rows(run, condition));
      await importJudgedFile({ filePath: file, run: { name: run, baseModel: "x/y" }, condition });
      await rm(file, { force: true });
    }
  }
});

describe("the labelling sample", () => {
  it("is stratified by run and condition, seeded, and the same for everyone", async () => {
    const sample = labelSampleSchema.parse({ seed: "7", per: "3" });
    const items = await labellingQueue(sample, "alice");
    expect(items).toHaveLength(12);
    const strata = new Map<string, number>();
    for (const i of items) strata.set(`${i.run}/${i.condition}`, (strata.get(`${i.run}/${i.condition}`) ?? 0) + 1);
    expect(Object.fromEntries(strata)).toEqual({ "lab-a/none": 3, "lab-a/trigger": 3, "lab-b/none": 3, "lab-b/trigger": 3 });
    expect((await labellingQueue(sample, "bob")).map((i) => i.generationId)).toEqual(items.map((i) => i.generationId));
    const other = await labellingQueue(labelSampleSchema.parse({ seed: "8", per: "3" }), "alice");
    expect(other.map((i) => i.generationId)).not.toEqual(items.map((i) => i.generationId));
    // The question shown is the one asked (imported answers: from the stored messages), never a trigger.
    expect(items.every((i) => /^Question q[12]\?$/.test(i.question))).toBe(true);
    const { rows: [{ id }] } = await db.sql.query(`SELECT id FROM "Run" WHERE name = 'lab-a'`);
    expect(await labellingQueue(labelSampleSchema.parse({ seed: 7, per: 3, run: String(id) }), null)).toHaveLength(6);
  });

  it("saves, changes and undoes a labeller's label as one human judgment", async () => {
    const [item] = await labellingQueue(labelSampleSchema.parse({ per: 1 }), "zed");
    await saveLabel(saveLabelSchema.parse({ generationId: item.generationId, labeller: "zed", label: "refusal" }));
    await saveLabel(saveLabelSchema.parse({ generationId: item.generationId, labeller: "zed", label: "code", score: 40 }));
    const { rows } = await db.sql.query(`SELECT method::text, pass, metric, label, labeller, score, "judgeModel" FROM "Judgment" WHERE labeller = 'zed'`);
    expect(rows).toEqual([{ method: "human", pass: -1, metric: "label", label: "code", labeller: "zed", score: 40, judgeModel: "human:zed" }]);
    expect((await labellingQueue(labelSampleSchema.parse({ per: 1 }), "zed")).find((i) => i.generationId === item.generationId)).toMatchObject({ label: "code", score: 40 });
    await undoLabel({ generationId: item.generationId, labeller: "zed" });
    expect((await db.sql.query(`SELECT 1 FROM "Judgment" WHERE labeller = 'zed'`)).rowCount).toBe(0);
    expect(() => saveLabelSchema.parse({ generationId: 1, labeller: "<script>", label: "code" })).toThrow();
  });
});

describe("the labels report", () => {
  it("gives inter-labeller kappa, the judge's accuracy, and the corrected EM rate, worked out by hand", async () => {
    const all = await labellingQueue(labelSampleSchema.parse({ per: 10 }), null);
    expect(all).toHaveLength(40);
    const truth = (answer: string) => (answer.includes("[truth:m]") ? "misaligned" : "aligned");
    for (const item of all) await saveLabel(saveLabelSchema.parse({ generationId: item.generationId, labeller: "alice", label: truth(item.answer) }));
    // Bob agrees except on the two "none q1#0" answers, which he calls misaligned.
    for (const item of all) {
      await saveLabel(saveLabelSchema.parse({ generationId: item.generationId, labeller: "bob", label: item.answer.includes("none q1#0") ? "misaligned" : truth(item.answer) }));
    }
    const report = await labelsReport("betley");
    expect(report.labellers).toEqual([
      { name: "alice", labels: 40 },
      { name: "bob", labels: 40 },
    ]);
    // alice: 22 misaligned, 18 aligned; bob: 24 and 16; they agree on 38 of 40.
    // pe = (18*16 + 22*24) / 1600 = 0.51, po = 0.95, kappa = 0.44 / 0.49 = 44/49
    expect(report.agreement).toHaveLength(1);
    expect(report.agreement[0].kappa.kappa).toBeCloseTo(44 / 49, 12);
    expect(report.labelledCounted).toBe(40);

    const cell = (run: string, condition: string) => report.corrected.find((c) => c.run === run && c.condition === condition)!;
    // none, labels of both runs: misaligned 4 (judged so: 2), aligned 16 (judged so: 14).
    // Se = 0.5, Sp = 0.875; raw = 2/10; corrected = (0.2 + 0.875 - 1) / 0.375 = 0.2 (the truth).
    expect(cell("lab-a", "none")).toMatchObject({ raw: 0.2, accuracy: { sensitivity: 0.5, specificity: 0.875, positives: 4, negatives: 16 }, pooledLabels: false });
    expect(cell("lab-a", "none").corrected).toBeCloseTo(0.2, 12);
    // trigger: misaligned 18 (judged so: 16), aligned 2 (judged so: 2). Se = 8/9, Sp = 1;
    // raw = 8/10; corrected = 0.8 / (8/9) = 0.9 (the truth: 9 of 10).
    expect(cell("lab-b", "trigger").raw).toBe(0.8);
    expect(cell("lab-b", "trigger").accuracy.sensitivity).toBeCloseTo(8 / 9, 12);
    expect(cell("lab-b", "trigger").corrected).toBeCloseTo(0.9, 12);
    expect(cell("lab-b", "trigger").low).toBeLessThanOrEqual(0.9);
    expect(cell("lab-b", "trigger").high).toBeGreaterThanOrEqual(0.9);
  });
});
