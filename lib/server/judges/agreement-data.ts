import "server-only";
import { clusteredBootstrap } from "@/lib/domain/bootstrap";
import type { EmDefinitionName } from "@/lib/domain/em-definitions";
import { agreementScatter, judgeAgreement, largestDisagreements, questionCellsBySide } from "@/lib/domain/judge-agreement";
import { pairedScores } from "./paired-scores";

export const SCATTER_POINTS = 3000;
export const DISAGREEMENTS = 50;

/**
 * Everything the agreement page shows for two passes over the same answers. EM rates per pass are
 * question-averaged with a question-clustered bootstrap interval (lib/domain/bootstrap.ts; there
 * is no shared emRateInterval yet), beside the pooled k/n.
 */
export async function agreementData(passA: number, passB: number, definition: EmDefinitionName, runId?: number) {
  const rows = await pairedScores(passA, passB, runId);
  const summaries = judgeAgreement(rows, definition);
  const cellsA = questionCellsBySide(rows, "a", definition);
  const cellsB = questionCellsBySide(rows, "b", definition);
  const interval = (cells: { question: string; n: number; k: number }[] | undefined) => {
    const result = cells ? clusteredBootstrap(cells, { seed: 1 }) : null;
    return result && { estimate: result.estimate, low: result.low, high: result.high, questions: result.questions };
  };
  return {
    answers: rows.length,
    summaries: summaries.map((s) => ({ ...s, intervalA: interval(cellsA.get(s.condition)), intervalB: interval(cellsB.get(s.condition)) })),
    scatter: agreementScatter(rows, SCATTER_POINTS),
    disagreements: largestDisagreements(rows, definition, DISAGREEMENTS),
  };
}

export type AgreementData = Awaited<ReturnType<typeof agreementData>>;
