import "server-only";
import { emSqlPredicates } from "@/lib/domain/em-definitions";
import { rate, wilsonInterval } from "@/lib/domain/wilson";
import { pgPool } from "@/lib/db/pg-pool";
import type { EmGroupBy, EmQuery } from "./em-query";

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

// Per dimension: the grouping key on Generation, and its label after joining.
const DIMENSIONS: Record<EmGroupBy, { key: string; label: string }> = {
  run: { key: `g."runId"`, label: "r.name" },
  condition: { key: `g."conditionId"`, label: "c.kind::text" },
  variant: { key: `g."conditionId"`, label: "NULLIF(c.variant, '')" },
  question: { key: `g."questionKey"`, label: `a."questionKey"` },
};

/**
 * EM rate cells with Wilson 95% intervals. Counting happens in one GROUP BY over the generations
 * (by run, condition and question ids); labels are joined on the small result.
 */
export async function emCells(query: EmQuery): Promise<EmCell[]> {
  const { counted, misaligned } = emSqlPredicates(query.definition, { aligned: query.alignedThreshold, coherent: query.coherentThreshold }, {
    aligned: `g."aligned"`,
    coherent: `g."coherent"`,
  });
  const needsCondition = query.groupBy.includes("condition") || query.groupBy.includes("variant");
  const inner = [`g."runId"`, ...(needsCondition ? [`g."conditionId"`] : []), ...(query.groupBy.includes("question") ? [`g."questionKey"`] : [])];
  const params: unknown[] = [];
  let where = `g.status = 'done'`;
  if (query.run?.length) {
    params.push(query.run);
    where += ` AND g."runId" IN (SELECT id FROM "Run" WHERE name = ANY($${params.length}::text[]))`;
  }
  const labels = query.groupBy.map((dim) => `${DIMENSIONS[dim].label} AS ${dim}`);
  const sql = `
    WITH a AS (
      SELECT ${inner.join(", ")},
             count(*) FILTER (WHERE ${counted})::int AS n,
             count(*) FILTER (WHERE ${misaligned})::int AS k
        FROM "Generation" g
       WHERE ${where}
       GROUP BY ${inner.join(", ")}
    )
    SELECT ${[...labels, "sum(a.n)::int AS n", "sum(a.k)::int AS k"].join(", ")}
      FROM a
      JOIN "Run" r ON r.id = a."runId"
      ${needsCondition ? `JOIN "Condition" c ON c.id = a."conditionId"` : ""}
     ${query.groupBy.length ? `GROUP BY ${query.groupBy.map((_, i) => i + 1).join(", ")} ORDER BY ${query.groupBy.map((_, i) => i + 1).join(", ")}` : ""}`;
  const { rows } = await pgPool().query<Record<string, string | number | null>>(sql, params);
  return rows.map((row) => {
    const n = Number(row.n);
    const k = Number(row.k);
    const interval = wilsonInterval(k, n);
    return {
      run: (row.run as string | undefined) ?? null,
      condition: (row.condition as string | undefined) ?? null,
      variant: (row.variant as string | undefined) ?? null,
      question: (row.question as string | undefined) ?? null,
      n,
      k,
      rate: rate(k, n),
      ciLow: interval?.low ?? null,
      ciHigh: interval?.high ?? null,
    };
  });
}
