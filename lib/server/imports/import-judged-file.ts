import "server-only";
import { utcMinute } from "@/lib/format";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { ConditionKind } from "@/lib/domain/condition-kind";
import { lockReferenced, skipForeignKeyTriggers } from "@/lib/db/bulk-load";
import { copyBinaryInto } from "@/lib/db/copy-binary";
import { IdBlock } from "@/lib/db/id-block";
import { inTransaction } from "@/lib/db/pg-pool";
import { DEADLOCK, retryOnDeadlock } from "@/lib/db/deadlock-retry";
import { UserError } from "@/lib/errors";
import { fileSha256 } from "@/lib/import/file-hash";
import { ImportError } from "@/lib/import/import-error";
import { CsvNeedsFullParser } from "@/lib/import/csv-records";
import { parseJudgedCsv } from "@/lib/import/judged-csv";
import { parseJudgedJsonl } from "@/lib/import/judged-jsonl";
import { openInspectLog, type InspectFormat, type InspectHeader, type InspectLog } from "@/lib/import/inspect-log";
import type { JudgedRecord } from "@/lib/import/judged-record";
import { formatBytes } from "@/lib/import/utf8-text";
import { refreshEmCells } from "@/lib/db/refresh-em-cells";
import { findOrCreateImportCondition } from "./import-condition";
import { findOrCreateRun, type RunMetadata } from "./import-run";
import { GENERATION_COLUMNS, JUDGMENT_COLUMNS, JudgedRowBuilder } from "./judged-rows";
import { lookUpQuestions } from "./known-questions";

export const DEFAULT_MAX_IMPORT_BYTES = 100 * 1024 * 1024;
const BATCH_ROWS = 5000;

export type ImportFormat = "csv" | "jsonl" | InspectFormat;

export interface ImportJudgedOptions {
  /** File on disk to read. */
  filePath: string;
  /** The name to report and record (the upload's original name). */
  fileName?: string;
  format?: ImportFormat;
  run: RunMetadata;
  condition?: ConditionKind;
  variant?: string;
  /** Import again a file that was imported before, replacing what it created. */
  replace?: boolean;
  /** Link question ids to this question set (default: the newest set that has the id). */
  questionSet?: string;
  /** Judge model to record when the question set does not name one. */
  judgeModel?: string;
  maxBytes?: number;
  onProgress?: (rows: number) => void;
  /** "csv-parse" skips the fast CSV reader (the reference it is tested against). */
  csvReader?: "fast" | "csv-parse";
}

export interface ImportSummary {
  importId: number;
  fileName: string;
  format: ImportFormat;
  run: { id: number; name: string; created: boolean };
  condition: { kind: ConditionKind; variant: string };
  rows: number;
  judgments: number;
  metrics: Record<string, { scored: number; nullScores: number }>;
  questions: { total: number; linked: number; unlinked: string[] };
  replacedImportId: number | null;
  seconds: number;
  /** Whether per-row foreign-key triggers were replaced by up-front locks (superuser roles). */
  foreignKeyFastPath: boolean;
  /** Inspect AI logs: the task, model and scorers the log's header names. */
  inspect?: InspectHeader;
}

/** Inspect AI logs: a .eval zip archive or a .json log. */
export function isInspectLogName(fileName: string): boolean {
  const ext = path.extname(fileName).toLowerCase();
  return ext === ".eval" || ext === ".json";
}

export function detectFormat(fileName: string): ImportFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".eval") return "inspect-eval";
  if (ext === ".json") return "inspect-json";
  throw new ImportError({ file: fileName }, `unknown file type "${ext || "(none)"}"; judged answers come as .csv or .jsonl, Inspect AI logs as .eval or .json`);
}

function textRecords(format: ImportFormat, filePath: string, file: string, maxBytes: number, fast: boolean): AsyncGenerator<JudgedRecord> {
  const source = createReadStream(filePath, { highWaterMark: 1 << 20 });
  return format === "csv" ? parseJudgedCsv(source, { file, maxBytes, fast }) : parseJudgedJsonl(source, { file, maxBytes });
}

/**
 * Imports one file of judged answers into a run: one transaction, streamed in batches of COPY.
 * Any error leaves the database as it was.
 */
export async function importJudgedFile(options: ImportJudgedOptions): Promise<ImportSummary> {
  const started = performance.now();
  const fileName = options.fileName ?? path.basename(options.filePath);
  const format = options.format ?? detectFormat(fileName);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const { size } = await stat(options.filePath);
  if (size === 0) throw new ImportError({ file: fileName }, "the file is empty");
  if (size > maxBytes) {
    throw new ImportError({ file: fileName }, `file is ${formatBytes(size)}, larger than the ${formatBytes(maxBytes)} import limit`);
  }
  const contentHash = await fileSha256(options.filePath);
  const conditionKind = options.condition ?? "none";
  const variant = options.variant ?? "";
  // An Inspect log names its model and task: the run defaults to the model, the judge to the task's scorers.
  const inspect: InspectLog | null = format === "inspect-eval" || format === "inspect-json" ? await openInspectLog(options.filePath, fileName, format) : null;
  const runMetadata = inspect ? { ...options.run, name: options.run.name || inspect.header.model, baseModel: options.run.baseModel ?? inspect.header.model } : options.run;
  const judgeModel = options.judgeModel ?? (inspect ? `inspect:${inspect.header.task}` : undefined);

  // Two imports that create the same new conditions in opposite orders can deadlock; PostgreSQL
  // aborts one, which then runs again from the start (nothing of it was kept). A CSV is read with
  // the fast reader first; where it cannot decide, the import starts over with csv-parse.
  const attempt = (fastCsv: boolean) => retryOnDeadlock(() => inTransaction(async (client) => {
    let replacedImportId: number | null = null;
    let replacedRunId: number | null = null;
    const previous = await client.query<{ id: number; createdAt: Date; name: string; runId: number }>(
      `SELECT i.id, i."createdAt", r.name, r.id AS "runId" FROM "Import" i JOIN "Run" r ON r.id = i."runId" WHERE i."contentHash" = $1 FOR UPDATE OF i`,
      [contentHash],
    );
    if (previous.rows.length) {
      const old = previous.rows[0];
      if (!options.replace) {
        throw new UserError(
          `${fileName}: this file was already imported (import ${old.id} into run "${old.name}", ${utcMinute(old.createdAt)} UTC). Import it with replace to overwrite that import.`,
          {},
          409,
        );
      }
      await client.query(`DELETE FROM "Import" WHERE id = $1`, [old.id]);
      replacedImportId = old.id;
      replacedRunId = old.runId;
    }

    const run = await findOrCreateRun(client, runMetadata);
    const known = await lookUpQuestions(client, options.questionSet);
    const { rows: [imp] } = await client.query<{ id: number }>(
      `INSERT INTO "Import" ("fileName", format, "contentHash", "runId", "rowCount") VALUES ($1, $2, $3, $4, 0) RETURNING id`,
      [fileName, format, contentHash, run.id],
    );
    await lockReferenced(client, "Run", [run.id]);
    await lockReferenced(client, "Question", [...known.values()].map((q) => q.id));
    const fastPath = await skipForeignKeyTriggers(client);

    // Rows may carry their own condition (EM Lab's exports do); the import's is the default.
    const conditionIds = new Map<string, Promise<number>>();
    const conditionFor = ({ kind, variant: label }: { kind: ConditionKind; variant: string }) => {
      const key = `${kind}\u0000${label}`;
      let id = conditionIds.get(key);
      if (id === undefined) {
        id = findOrCreateImportCondition(client, kind, label).then(async (conditionId) => {
          await lockReferenced(client, "Condition", [conditionId]);
          return conditionId;
        });
        conditionIds.set(key, id);
      }
      return id;
    };
    const fallback = { kind: conditionKind, variant };
    await conditionFor(fallback);

    const ids = new IdBlock(client, `"Generation_id_seq"`);
    const builder = new JudgedRowBuilder({ runId: run.id, importId: imp.id, known, judgeModel, now: new Date() });
    const records = inspect ? inspect.records() : textRecords(format, options.filePath, fileName, maxBytes, fastCsv);
    let rows = 0;
    let judgments = 0;

    // One batch is sent while the next is parsed: Node parses on one core, PostgreSQL ingests on the other.
    let sending: Promise<void> = Promise.resolve();
    const flush = async (batch: JudgedRecord[]) => {
      if (!batch.length) return;
      // This batch is built while the previous one is copied (an id or condition query waits
      // behind that COPY on the connection). A failed COPY aborts the transaction: its error, not
      // "current transaction is aborted", is the one reported.
      let lines: ReturnType<JudgedRowBuilder["build"]>;
      try {
        const batchIds = await ids.take(batch.length);
        const conditions = await Promise.all(batch.map((r) => conditionFor(JudgedRowBuilder.conditionOf(r, fallback))));
        lines = builder.build(batch, batchIds, conditions);
      } catch (error) {
        await sending;
        throw error;
      }
      await sending;
      sending = (async () => {
        await copyBinaryInto(client, "Generation", GENERATION_COLUMNS, lines.generations);
        if (lines.judgmentCount) await copyBinaryInto(client, "Judgment", JUDGMENT_COLUMNS, lines.judgments);
        rows += batch.length;
        judgments += lines.judgmentCount;
        options.onProgress?.(rows);
      })();
      sending.catch(() => {}); // observed by the next await; avoids an unhandled rejection meanwhile
    };

    let batch: JudgedRecord[] = [];
    for await (const record of records) {
      batch.push(record);
      if (batch.length >= BATCH_ROWS) {
        await flush(batch);
        batch = [];
      }
    }
    await flush(batch);
    await sending;
    await client.query(`UPDATE "Import" SET "rowCount" = $1 WHERE id = $2`, [rows, imp.id]);
    await refreshEmCells(client, replacedRunId === null ? [run.id] : [run.id, replacedRunId]);
    const { metrics, questionKeys, linkedKeys } = builder;

    return {
      importId: imp.id,
      fileName,
      format,
      run: { id: run.id, name: run.name, created: run.created },
      condition: { kind: conditionKind, variant },
      rows,
      judgments,
      metrics,
      questions: { total: questionKeys.size, linked: linkedKeys.size, unlinked: [...questionKeys].filter((k) => !linkedKeys.has(k)).sort() },
      replacedImportId,
      seconds: Math.round((performance.now() - started) / 10) / 100,
      foreignKeyFastPath: fastPath,
      ...(inspect ? { inspect: inspect.header } : {}),
    };
  }));
  return attempt(options.csvReader !== "csv-parse")
    .catch((error) => (error instanceof CsvNeedsFullParser ? attempt(false) : Promise.reject(error)))
    .finally(() => inspect?.close())
    .catch((error) => {
      if ((error as { code?: string }).code === DEADLOCK) {
        throw new UserError(`${fileName}: other imports kept conflicting with this one (deadlock); import it again.`, {}, 409);
      }
      if ((error as { code?: string }).code === "23505" && String((error as { constraint?: string }).constraint).includes("contentHash")) {
        throw new UserError(`${fileName}: this file is being imported by another request right now.`, {}, 409);
      }
      throw error;
    });
}
