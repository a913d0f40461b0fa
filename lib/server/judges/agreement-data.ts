import "server-only";
import type { EmDefinitionName } from "@/lib/domain/em-definitions";
import { agreementScatter, judgeAgreement, largestDisagreements, questionCellsBySide } from "@/lib/domain/judge-agreement";
import { rateInterval } from "@/lib/domain/rate-interval";
import { pairedScores } from "./paired-scores";

export const SCATTER_POINTS = 3000;
export const DISAGREEMENTS = 50;

/**
 * Everything the agreement page shows for two passes over the same answers. EM rates per pass are
 * pooled k/n with the app's default question-clustered interval (lib/domain/rate-interval.ts;
 * there is no function named emRateInterval).
 */
export async function agreementData(passA: number, passB: number, definition: EmDefinitionName, runId?: number) {
  const rows = await pairedScores(passA, passB, runId);
  const summaries = judgeAgreement(rows, definition);
  const cellsA = questionCellsBySide(rows, "a", definition);
  const cellsB = questionCellsBySide(rows, "b", definition);
  const interval = (cells: { question: string; n: number; k: number }[] | undefined) => {
    const result = cells ? rateInterval(cells) : null;
    return result && { estimate: result.rate, low: result.ciLow, high: result.ciHigh, questions: result.questions, note: result.note ?? null };
  };
  return {
    answers: rows.length,
    summaries: summaries.map((s) => ({ ...s, intervalA: interval(cellsA.get(s.condition)), intervalB: interval(cellsB.get(s.condition)) })),
    scatter: agreementScatter(rows, SCATTER_POINTS),
    disagreements: largestDisagreements(rows, definition, DISAGREEMENTS),
  };
}

export type AgreementData = Awaited<ReturnType<typeof agreementData>>;
