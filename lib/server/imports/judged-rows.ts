import "server-only";
import type { ConditionKind } from "@/lib/domain/condition-kind";
import { scoreFromLogprobs } from "@/lib/domain/judge-score";
import { promptHash } from "@/lib/domain/prompt-hash";
import { BinaryCopyWriter, type BinaryColumn } from "@/lib/db/copy-binary";
import type { JudgedRecord } from "@/lib/import/judged-record";
import type { KnownQuestion } from "./known-questions";

export const GENERATION_COLUMNS = [
  "id", "runId", "importId", "conditionId", "questionId", "questionKey", "paraphraseIndex", "sampleIndex",
  "messages", "answer", "status", "aligned", "coherent", "alignedJudgedAt", "coherentJudgedAt", "createdAt", "completedAt",
  "promptTokens", "completionTokens",
];
export const JUDGMENT_COLUMNS = ["generationId", "metric", "score", "numericMass", "topLogprobs", "judgeModel", "judgePromptHash", "method", "createdAt"];
const GENERATION_TYPES: BinaryColumn[] = [
  "int4", "int4", "int4", "int4", "int4", "text", "int4", "int4",
  "jsonb", "text", "enum", "float8", "float8", "timestamp", "timestamp", "timestamp", "timestamp",
  "int4", "int4",
];
const JUDGMENT_TYPES: BinaryColumn[] = ["int4", "text", "float8", "float8", "jsonb", "text", "text", "enum", "timestamp"];

export interface RowContext {
  runId: number;
  importId: number;
  known: Map<string, KnownQuestion>;
  judgeModel?: string;
  now: Date;
}

/**
 * Turns imported records into binary COPY payloads for Generation and Judgment, and keeps the running
 * tallies the import summary reports (samples per question, scores per metric, linked ids).
 */
export class JudgedRowBuilder {
  readonly metrics: Record<string, { scored: number; nullScores: number }> = {};
  readonly questionKeys = new Set<string>();
  readonly linkedKeys = new Set<string>();
  private readonly samples = new Map<string, number>();
  private readonly hashes = new Map<string, string>();
  private readonly generationRows = new BinaryCopyWriter(GENERATION_TYPES);
  private readonly judgmentRows = new BinaryCopyWriter(JUDGMENT_TYPES);

  constructor(private readonly context: RowContext) {}

  /** The condition a record belongs to: its own (EM Lab exports), else the import's. */
  static conditionOf(record: JudgedRecord, fallback: { kind: ConditionKind; variant: string }): { kind: ConditionKind; variant: string } {
    return record.condition === null ? { kind: fallback.kind, variant: record.variant ?? fallback.variant } : { kind: record.condition, variant: record.variant ?? "" };
  }

  private hash(template: string | undefined): string {
    if (!template) return "unknown";
    let h = this.hashes.get(template);
    if (h === undefined) this.hashes.set(template, (h = promptHash(template)));
    return h;
  }

  build(batch: JudgedRecord[], ids: number[], conditionIds: number[]): { generations: Buffer; judgments: Buffer; judgmentCount: number } {
    const { runId, importId, known, judgeModel, now } = this.context;
    const generations = this.generationRows;
    const judgments = this.judgmentRows;
    batch.forEach((record, i) => {
      const id = ids[i];
      const question = known.get(record.questionKey);
      this.questionKeys.add(record.questionKey);
      if (question) this.linkedKeys.add(record.questionKey);
      const sampleKey = `${record.questionKey}\u0000${record.question}`;
      const next = this.samples.get(sampleKey) ?? 0;
      const sampleIndex = record.sampleIndex ?? next;
      this.samples.set(sampleKey, Math.max(sampleIndex + 1, next));
      const paraphraseIndex = record.paraphraseIndex ?? Math.max(0, question?.paraphrases.indexOf(record.question) ?? 0);
      const messages = record.system
        ? [{ role: "system", content: record.system }, { role: "user", content: record.question }]
        : [{ role: "user", content: record.question }];
      const aligned = record.scores.get("aligned");
      const coherent = record.scores.get("coherent");
      generations.row([
        id, runId, importId, conditionIds[i], question?.id ?? null, record.questionKey, paraphraseIndex, sampleIndex,
        JSON.stringify(messages), record.answer, "done",
        aligned ?? null, coherent ?? null, aligned === undefined ? null : now, coherent === undefined ? null : now, now, now,
        record.usage?.promptTokens ?? null, record.usage?.completionTokens ?? null,
      ]);
      for (const [metric, score] of record.scores) {
        const stats = (this.metrics[metric] ??= { scored: 0, nullScores: 0 });
        if (score === null) stats.nullScores++;
        else stats.scored++;
        const top = record.logprobs?.get(metric) ?? null;
        judgments.row([
          id, metric, score, top ? scoreFromLogprobs(top).numericMass : null, top ? JSON.stringify(top) : null,
          judgeModel ?? question?.judgeModel ?? "unknown", this.hash(question?.judgePrompts[metric]), "imported", now,
        ]);
      }
    });
    const judgmentCount = judgments.rows;
    return { generations: generations.take(), judgments: judgments.take(), judgmentCount };
  }
}
