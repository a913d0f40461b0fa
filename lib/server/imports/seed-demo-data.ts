import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { pgPool } from "@/lib/db/pg-pool";
import { importJudgedFile } from "./import-judged-file";
import { importQuestionSet } from "./import-question-set";

const manifestSchema = z.object({
  questionSets: z.array(z.object({ file: z.string(), name: z.string() })),
  judged: z.array(
    z.object({ file: z.string(), run: z.string(), baseModel: z.string(), trainingDataset: z.string().optional(), notes: z.string().optional() }),
  ),
});

const inoculationSchema = z.object({
  prompts: z.record(z.string(), z.string()),
  judged: z.array(
    z.object({
      file: z.string(),
      run: z.string(),
      baseModel: z.string(),
      trainingDataset: z.string().optional(),
      trigger: z.string().optional(),
      notes: z.string(),
      condition: z.enum(["none", "trigger"]),
      variant: z.string(),
    }),
  ),
});

/**
 * Loads the public EM results shipped in prisma/seed (em-public and em-inoculation, MIT; see their
 * READMEs) into an empty database, so a newcomer sees real numbers, and a real containment result,
 * at once. Returns false when there was data.
 */
export async function seedDemoData(seedRoot: string, log: (line: string) => void = () => {}): Promise<boolean> {
  const seedDir = path.join(seedRoot, "em-public");
  const { rows } = await pgPool().query<{ n: number }>(
    `SELECT (SELECT count(*) FROM "Run") + (SELECT count(*) FROM "QuestionSet") AS n`,
  );
  if (Number(rows[0].n) > 0) return false;
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(seedDir, "manifest.json"), "utf8")));
  for (const set of manifest.questionSets) {
    await importQuestionSet({ filePath: path.join(seedDir, set.file), name: set.name });
  }
  let answers = 0;
  for (const entry of manifest.judged) {
    const summary = await importJudgedFile({
      filePath: path.join(seedDir, entry.file),
      run: { name: entry.run, baseModel: entry.baseModel, trainingDataset: entry.trainingDataset, notes: entry.notes },
      questionSet: "first_plot_questions",
    });
    answers += summary.rows;
  }
  const inoculation = await seedInoculation(path.join(seedRoot, "em-inoculation"));
  log(
    `Loaded the demo data: ${manifest.questionSets.length} question sets, ${manifest.judged.length + inoculation.runs} runs, ${(answers + inoculation.answers).toLocaleString("en-US")} judged answers.`,
  );
  return true;
}

/** The inoculation runs, each under no trigger and its trigger (a system prompt), plus base and EM models under every prompt. */
async function seedInoculation(dir: string): Promise<{ runs: number; answers: number }> {
  const manifest = inoculationSchema.parse(JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")));
  let answers = 0;
  for (const entry of manifest.judged) {
    const summary = await importJudgedFile({
      filePath: path.join(dir, entry.file),
      fileName: `em-inoculation/${entry.file}`,
      run: {
        name: entry.run,
        baseModel: entry.baseModel,
        trainingDataset: entry.trainingDataset,
        trainingTrigger: entry.trigger ? manifest.prompts[entry.trigger] : undefined,
        notes: entry.notes,
      },
      condition: entry.condition,
      variant: entry.variant,
      judgeModel: "gpt-4o-mini",
    });
    answers += summary.rows;
  }
  for (const [variant, text] of Object.entries(manifest.prompts)) {
    await pgPool().query(`UPDATE "Condition" SET text = $1, placement = 'system' WHERE "importKey" = $2`, [text, `trigger:${variant}`]);
  }
  return { runs: new Set(manifest.judged.map((j) => j.run)).size, answers };
}
