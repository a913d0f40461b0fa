import "server-only";
import path from "node:path";
import { recordAudit } from "@/lib/auth/audit-log";
import { UserError } from "@/lib/errors";
import type { UploadedFile } from "@/lib/guard";
import type { ImportFields } from "./import-fields";
import { DEFAULT_MAX_IMPORT_BYTES, importJudgedFile, isInspectLogName, type ImportSummary } from "./import-judged-file";
import { importQuestionSet, type QuestionSetSummary } from "./import-question-set";

export type UploadResult = { kind: "judged"; summary: ImportSummary } | { kind: "question-set"; summary: QuestionSetSummary };

export function maxUploadBytes(): number {
  const mb = Number(process.env.EMLAB_MAX_IMPORT_MB);
  return Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : DEFAULT_MAX_IMPORT_BYTES;
}

/** POST /api/v1/imports and the Import page: a judged CSV/JSONL, an Inspect AI log or an EM YAML question set. */
export async function importUpload(file: UploadedFile, fields: ImportFields): Promise<UploadResult> {
  const ext = path.extname(file.fileName).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") {
    const summary = await importQuestionSet({ filePath: file.filePath, fileName: file.fileName, name: fields.name, replace: fields.replace });
    await recordAudit("import.create", { type: "QuestionSet", id: summary.questionSetId }, { file: file.fileName, questions: summary.questions });
    return { kind: "question-set", summary };
  }
  if (!fields.run && !isInspectLogName(file.fileName)) throw new UserError("Name the run these answers belong to.", { run: ["Required."] });
  const summary = await importJudgedFile({
    filePath: file.filePath,
    fileName: file.fileName,
    run: { name: fields.run ?? "", baseModel: fields.baseModel, trainingDataset: fields.trainingDataset },
    condition: fields.condition,
    variant: fields.variant,
    questionSet: fields.questionSet,
    judgeModel: fields.judgeModel,
    replace: fields.replace,
    maxBytes: maxUploadBytes(),
  });
  await recordAudit("import.create", { type: "Import", id: summary.importId }, { file: file.fileName, run: summary.run.name, rows: summary.rows, replaced: summary.replacedImportId !== null });
  return { kind: "judged", summary };
}
