import "server-only";
import { pgPool } from "@/lib/db/pg-pool";
import { spendSummary, type Spend, type SpendSummary } from "@/lib/domain/cost";

export { spendSummary, type SpendSummary };

export interface SpendRow {
  requests: number;
  promptTokens: string | null;
  completionTokens: string | null;
  usd: number | null;
  uncosted: number;
}

/** Aggregate columns over Generation or Judgment rows (`alias` with its dot, or ""). */
export const SPEND_COLUMNS = (alias: string) =>
  `count(*)::int AS requests, sum(${alias}"promptTokens")::text AS "promptTokens", sum(${alias}"completionTokens")::text AS "completionTokens",
   sum(${alias}"costUsd")::float8 AS usd, count(*) FILTER (WHERE ${alias}"costUsd" IS NULL)::int AS uncosted`;

export function sumSpend(rows: SpendRow[]): Spend {
  const out: Spend = { requests: 0, promptTokens: 0, completionTokens: 0, usd: null, uncosted: 0 };
  for (const r of rows) {
    out.requests += r.requests;
    out.promptTokens += Number(r.promptTokens ?? 0);
    out.completionTokens += Number(r.completionTokens ?? 0);
    if (r.usd !== null) out.usd = (out.usd ?? 0) + r.usd;
    out.uncosted += r.uncosted;
  }
  return out;
}

/**
 * What a run's answers cost: the generations EM Lab sampled for it (imported answers cost
 * nothing here) and every judge call on its answers, re-judges included (human labels are free).
 */
export async function runSpend(runId: number): Promise<SpendSummary> {
  const sql = pgPool();
  const [generation, judge] = await Promise.all([
    sql.query<SpendRow>(`SELECT ${SPEND_COLUMNS("")} FROM "Generation" WHERE "runId" = $1 AND "batchId" IS NOT NULL AND status = 'done'`, [runId]),
    sql.query<SpendRow>(
      `SELECT ${SPEND_COLUMNS("j.")} FROM "Judgment" j JOIN "Generation" g ON g.id = j."generationId"
        WHERE g."runId" = $1 AND j.method IN ('logprobs', 'text') AND j.error IS NULL`,
      [runId],
    ),
  ]);
  return spendSummary(sumSpend(generation.rows), sumSpend(judge.rows));
}

/** Tokens that imported logs (Inspect's output.usage) reported for a run's answers; no price is claimed. */
export async function importedUsage(runId: number): Promise<{ answers: number; promptTokens: number; completionTokens: number }> {
  const { rows: [r] } = await pgPool().query<{ answers: number; promptTokens: string | null; completionTokens: string | null }>(
    `SELECT count(*)::int AS answers, sum("promptTokens")::text AS "promptTokens", sum("completionTokens")::text AS "completionTokens"
       FROM "Generation" WHERE "runId" = $1 AND "batchId" IS NULL AND "promptTokens" IS NOT NULL`,
    [runId],
  );
  return { answers: r.answers, promptTokens: Number(r.promptTokens ?? 0), completionTokens: Number(r.completionTokens ?? 0) };
}
