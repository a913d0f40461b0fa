import "server-only";
import type { QuestionCell } from "@/lib/domain/em-estimate";
import { emCountRows, type EmCountQuery, type EmCountRow } from "./em-count-rows";

export type QuestionCountRow = EmCountRow & { question: string };

/** Counts at question level (the cluster every interval needs), whatever coarser grouping the caller wants. */
export async function questionCountRows(query: EmCountQuery): Promise<QuestionCountRow[]> {
  const groupBy = query.groupBy.includes("question") ? query.groupBy : [...query.groupBy, "question" as const];
  return (await emCountRows({ ...query, groupBy })) as QuestionCountRow[];
}

export function toQuestionCell(row: QuestionCountRow): QuestionCell {
  return { question: row.question, n: row.n, k: row.k, scored: row.total - row.nullAligned, alignedSum: row.alignedSum };
}
