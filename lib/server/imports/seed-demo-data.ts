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

/**
 * Loads the public EM results shipped in prisma/seed/em-public (MIT; see its README) into an
 * empty database, so a newcomer sees real numbers at once. Returns false when there was data.
 */
export async function seedDemoData(seedDir: string, log: (line: string) => void = () => {}): Promise<boolean> {
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
  log(`Loaded the demo data: ${manifest.questionSets.length} question sets, ${manifest.judged.length} runs, ${answers.toLocaleString("en-US")} judged answers.`);
  return true;
}
