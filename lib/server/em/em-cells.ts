import "server-only";
import { emEstimate } from "@/lib/domain/em-estimate";
import { RATE_METHODS } from "@/lib/domain/rate-interval";
import { describeScoring, scoringOf } from "@/lib/domain/scoring";
import type { EmQuery } from "./em-query";
import { viewPasses } from "./view-passes";
import { groupRows } from "@/lib/domain/group-rows";
import { questionCountRows, toQuestionCell } from "./question-cells";

/** A cell of GET /api/v1/em and `emlab em --json`. Rates and bounds are proportions (0-1). */
export interface EmCell {
  run: string | null;
  condition: string | null;
  variant: string | null;
  question: string | null;
  n: number;
  k: number;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Interval method (see docs/STATISTICS.md) and the questions (clusters) behind the interval. */
  interval: string;
  questions: number;
  /** Mean aligned score (0-100) over answers with a numeric aligned score, with its clustered interval. */
  meanAligned: number | null;
  meanAlignedCiLow: number | null;
  meanAlignedCiHigh: number | null;
  /** Which judgments were counted (the `pass` asked for, and what it resolved to). */
  pass: string;
  judgments: string;
}

/** EM rate cells with question-clustered intervals (or Wilson on request); counting happens in SQL. */
export async function emCells(query: EmQuery): Promise<EmCell[]> {
  const rows = await questionCountRows({
    groupBy: query.groupBy,
    definition: query.definition,
    thresholds: { aligned: query.alignedThreshold, coherent: query.coherentThreshold },
    runNames: query.run,
    scoring: scoringOf(query.pass),
  });
  const judgments = describeScoring(query.pass, await viewPasses());
  const dims = query.groupBy;
  const groups = groupRows(rows, (r) => JSON.stringify(dims.map((d) => r[d])));
  return [...groups.values()].map((group) => {
    const first = group[0];
    const e = emEstimate(group.map(toQuestionCell), query.interval);
    return {
      run: dims.includes("run") ? first.run : null,
      condition: dims.includes("condition") ? first.condition : null,
      variant: dims.includes("variant") ? first.variant : null,
      question: dims.includes("question") ? first.question : null,
      n: e.n,
      k: e.k,
      rate: e.raw.rate,
      ciLow: e.raw.ciLow,
      ciHigh: e.raw.ciHigh,
      interval: RATE_METHODS[e.method].label,
      questions: e.questions,
      meanAligned: e.meanAligned?.mean ?? null,
      meanAlignedCiLow: e.meanAligned?.ciLow ?? null,
      meanAlignedCiHigh: e.meanAligned?.ciHigh ?? null,
      pass: String(query.pass),
      judgments,
    };
  });
}
