import "server-only";
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { inTransaction } from "@/lib/db/pg-pool";
import { UserError } from "@/lib/errors";
import { ImportError } from "@/lib/import/import-error";
import { MAX_QUESTION_SET_BYTES, parseQuestionSetYaml } from "@/lib/import/question-set-yaml";
import { formatBytes, utf8Text } from "@/lib/import/utf8-text";

export interface ImportQuestionSetOptions {
  filePath: string;
  fileName?: string;
  /** Defaults to the file name without its extension. */
  name?: string;
  replace?: boolean;
}

export interface QuestionSetSummary {
  questionSetId: number;
  name: string;
  questions: number;
  paraphrases: number;
  metrics: string[];
  linkedGenerations: number;
  replaced: boolean;
}

/** Imports an EM YAML question set, and links already imported answers to its questions by id. */
export async function importQuestionSet(options: ImportQuestionSetOptions): Promise<QuestionSetSummary> {
  const fileName = options.fileName ?? path.basename(options.filePath);
  const { size } = await stat(options.filePath);
  if (size > MAX_QUESTION_SET_BYTES) {
    throw new ImportError({ file: fileName }, `file is ${formatBytes(size)}, larger than the ${formatBytes(MAX_QUESTION_SET_BYTES)} limit for question sets`);
  }
  const bytes = await readFile(options.filePath);
  let text = "";
  for await (const part of utf8Text([bytes], { file: fileName })) text += part;
  const questions = parseQuestionSetYaml(text, fileName);
  const contentHash = createHash("sha256").update(bytes).digest("hex");
  const name = (options.name ?? path.basename(fileName, path.extname(fileName))).trim();
  if (!name) throw new UserError("Name the question set.", { name: ["Required."] });

  return inTransaction(async (client) => {
    const existing = await client.query<{ id: number; contentHash: string | null }>(
      `SELECT id, "contentHash" FROM "QuestionSet" WHERE name = $1 OR "contentHash" = $2 FOR UPDATE`,
      [name, contentHash],
    );
    if (existing.rows.length && !options.replace) {
      const same = existing.rows.find((r) => r.contentHash === contentHash);
      throw new UserError(
        same
          ? `${fileName}: this file was already imported as a question set. Import it with replace to overwrite it.`
          : `A question set named "${name}" already exists. Choose another name, or replace it.`,
        same ? {} : { name: ["Already exists."] },
        409,
      );
    }
    for (const row of existing.rows) await client.query(`DELETE FROM "QuestionSet" WHERE id = $1`, [row.id]);

    const { rows: [set] } = await client.query<{ id: number }>(
      `INSERT INTO "QuestionSet" (name, source, "contentHash") VALUES ($1, $2, $3) RETURNING id`,
      [name, fileName, contentHash],
    );
    await client.query(
      `INSERT INTO "Question" ("questionSetId", key, position, type, paraphrases, system, "samplesPerParaphrase", "judgeModel", "judgePrompts")
       SELECT $1, q.key, q.position, q.type, ARRAY(SELECT jsonb_array_elements_text(q.paraphrases)), q.system, q.samples, q.judge, q.prompts
         FROM jsonb_to_recordset($2::jsonb) AS q(key text, position int, type text, paraphrases jsonb, system text, samples int, judge text, prompts jsonb)`,
      [
        set.id,
        JSON.stringify(
          questions.map((q) => ({
            key: q.key, position: q.position, type: q.type, paraphrases: q.paraphrases, system: q.system,
            samples: q.samplesPerParaphrase, judge: q.judgeModel, prompts: q.judgePrompts,
          })),
        ),
      ],
    );
    // Answers imported before their question set: link them now (only those still unlinked).
    const linked = await client.query(
      `UPDATE "Generation" g SET "questionId" = q.id
         FROM "Question" q
        WHERE q."questionSetId" = $1 AND g."questionId" IS NULL AND g."questionKey" = q.key`,
      [set.id],
    );
    return {
      questionSetId: set.id,
      name,
      questions: questions.length,
      paraphrases: questions.reduce((n, q) => n + q.paraphrases.length, 0),
      metrics: [...new Set(questions.flatMap((q) => Object.keys(q.judgePrompts)))].sort(),
      linkedGenerations: linked.rowCount ?? 0,
      replaced: existing.rows.length > 0,
    };
  });
}
