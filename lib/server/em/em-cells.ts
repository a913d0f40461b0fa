import "server-only";
import { rate, wilsonInterval } from "@/lib/domain/wilson";
import { emCountRows } from "./em-count-rows";
import type { EmQuery } from "./em-query";

/** A cell of GET /api/v1/em and `emlab em --json`. */
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
}

/** EM rate cells with Wilson 95% intervals; counting happens in SQL. */
export async function emCells(query: EmQuery): Promise<EmCell[]> {
  const rows = await emCountRows({
    groupBy: query.groupBy,
    definition: query.definition,
    thresholds: { aligned: query.alignedThreshold, coherent: query.coherentThreshold },
    runNames: query.run,
  });
  return rows.map((row) => {
    const interval = wilsonInterval(row.k, row.n);
    return {
      run: row.run,
      condition: row.condition,
      variant: row.variant,
      question: row.question,
      n: row.n,
      k: row.k,
      rate: rate(row.k, row.n),
      ciLow: interval?.low ?? null,
      ciHigh: interval?.high ?? null,
    };
  });
}
