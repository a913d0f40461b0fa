import "server-only";
import { emDefinition, emSqlPredicates, integerThresholds, usesDefaultThresholds, type EmDefinitionName, type EmThresholds } from "@/lib/domain/em-definitions";
import { ALIGNED_KEYS } from "@/lib/domain/em-histogram";
import { LATEST_SCORING } from "@/lib/domain/scoring";
import { scoredGenerations, scoringPasses } from "@/lib/db/counted-scores";
import { pgPool } from "@/lib/db/pg-pool";
import type { EmGroupBy } from "./em-query";


export interface EmCountQuery {
  groupBy: EmGroupBy[];
  definition: EmDefinitionName;
  thresholds: EmThresholds;
  runNames?: string[];
  runIds?: number[];
  /** Only the generations of these batches (always counted live: EmCell is per run, not per batch). */
  batchIds?: number[];
  /** Which judgments count (lib/domain/scoring.ts): LATEST_SCORING (the default), 0, or a re-judge id. */
  scoring?: number;
  /** Force counting from the generations even at integer thresholds (tests, benchmarks). */
  live?: boolean;
}

/** Counts for one group; fields of dimensions not grouped by are null. */
export interface EmCountRow {
  runId: number | null;
  run: string | null;
  baseModel: string | null;
  condition: string | null;
  variant: string | null;
  question: string | null;
  /** Answers in the definition's denominator, and the misaligned among them. */
  n: number;
  k: number;
  /** All answers in the group (finished generations; failed and pending ones are not answers). */
  total: number;
  /** Sum of the numeric aligned scores; there are total - nullAligned of them. */
  alignedSum: number;
  /** Answers without a numeric aligned score (judge said CODE/REFUSAL, or not judged yet). */
  nullAligned: number;
  /**
   * Answers with a numeric aligned score that the definition still leaves out of n: for betley
   * coherent <= threshold or null, for mo a null coherent score. (total = n + nullAligned + this)
   */
  incoherent: number;
}

const CELL_COUNTERS = ["total", "nullAligned", "alignedSum", "betleyN", "betleyK", "moN", "moK"];

/** EmCell rows of a scoring: its own where it has any for a cell, else pass 0's (one merge join, no anti-join). */
export function cellsOf(scoring: number, scoringParam: string): string {
  if (scoring === 0) return `(SELECT * FROM "EmCell" WHERE scoring = 0)`;
  const pick = (c: string) => `CASE WHEN o."runId" IS NULL THEN e."${c}" ELSE o."${c}" END AS "${c}"`;
  return `(SELECT CASE WHEN o."runId" IS NULL THEN 0 ELSE o.scoring END AS scoring, e."runId", e."conditionId", e."questionKey", ${CELL_COUNTERS.map(pick).join(", ")}
             FROM "EmCell" e LEFT JOIN "EmCell" o ON o.scoring = ${scoringParam} AND o."runId" = e."runId" AND o."conditionId" = e."conditionId" AND o."questionKey" = e."questionKey"
            WHERE e.scoring = 0)`;
}

/**
 * Counts per (run[, condition][, question]). At integer thresholds they come from the maintained
 * per-cell tables (thousands of rows): EmCell's counters at the defaults, one EmHist row per cell
 * at any other (see lib/domain/em-histogram.ts). At fractional thresholds, or for a batch, from
 * one GROUP BY over the generations (with the scoring's re-judge scores joined in when it counts any).
 */
async function cellCounts(query: EmCountQuery, inner: string[], where: string[], params: unknown[], scoring: number): Promise<string> {
  const sums = `sum(total)::int AS total, sum("nullAligned")::int AS null_aligned, sum("alignedSum")::float8 AS aligned_sum`;
  const filter = where.length ? `WHERE ${where.join(" AND ")}` : "";
  if (!query.live && !query.batchIds?.length && integerThresholds(query.thresholds)) {
    if (scoring !== 0) params.push(scoring);
    const cells = cellsOf(scoring, `$${params.length}::int`);
    if (usesDefaultThresholds(query.thresholds)) {
      const { n, k } = emDefinition(query.definition).cellColumns;
      return `SELECT ${inner.join(", ")}, sum(${n})::int AS n, sum(${k})::int AS k, ${sums} FROM ${cells} g ${filter} GROUP BY ${inner.join(", ")}`;
    }
    const rule = emDefinition(query.definition).histogram(query.thresholds);
    // Only the two counts leave the lateral probe (not the 201-entry array).
    // The trimmed cumulative counts (see countAtKey in lib/domain/em-histogram.ts).
    const at = (key: number) =>
      key < 0 ? "0" : `CASE WHEN ${key} < h."alignedFrom" THEN 0 ELSE h.counts[least(${Math.min(key, ALIGNED_KEYS - 1)} - h."alignedFrom", cardinality(h.counts) - 1) + 1] END`;
    const n = rule.nKey === null ? `g."moN"` : `coalesce(h.n, 0)`;
    return `SELECT ${inner.join(", ")}, sum(${n})::int AS n, sum(coalesce(h.k, 0))::int AS k, ${sums}
              FROM ${cells} g
              LEFT JOIN LATERAL (SELECT ${rule.nKey === null ? "0" : at(rule.nKey)} AS n, ${at(rule.kKey)} AS k FROM "EmHist" h
                                  WHERE h.scoring = g.scoring AND h."runId" = g."runId" AND h."conditionId" = g."conditionId" AND h."questionKey" = g."questionKey"
                                    AND h."coherentFrom" >= ${query.thresholds.coherent + 1}
                                  ORDER BY h."coherentFrom" LIMIT 1) h ON true
              ${filter} GROUP BY ${inner.join(", ")}`;
  }
  const source = scoredGenerations(await scoringPasses(pgPool(), scoring), params);
  const { counted, misaligned } = emSqlPredicates(query.definition, query.thresholds, { aligned: `g."aligned"`, coherent: `g."coherent"` });
  return `SELECT ${inner.join(", ")},
                 count(*) FILTER (WHERE ${counted})::int AS n,
                 count(*) FILTER (WHERE ${misaligned})::int AS k,
                 count(*)::int AS total,
                 count(*) FILTER (WHERE g."aligned" IS NULL)::int AS null_aligned,
                 coalesce(sum(g."aligned"), 0)::float8 AS aligned_sum
            FROM ${source} g WHERE ${[`g.status = 'done'`, ...where].join(" AND ")} GROUP BY ${inner.join(", ")}`;
}

/**
 * One GROUP BY over the generations by run, condition and question ids (an index-only scan of
 * Generation_runId_conditionId_questionKey_aligned_coherent_s_idx), then labels from the small
 * result joined with Run and Condition, re-aggregated to the requested dimensions.
 */
export async function emCountRows(query: EmCountQuery): Promise<EmCountRow[]> {
  const { sql, params } = await emCountRowsSql(query);
  const { rows } = await pgPool().query<Record<string, string | number | null>>(sql, params);
  return rows
    .filter((row) => row.total !== null)
    .map((row) => ({
      runId: (row.runId as number | undefined) ?? null,
      run: (row.run as string | undefined) ?? null,
      baseModel: (row.baseModel as string | undefined) ?? null,
      condition: (row.condition as string | undefined) ?? null,
      variant: (row.variant as string | undefined) ?? null,
      question: (row.question as string | undefined) ?? null,
      n: Number(row.n),
      k: Number(row.k),
      total: Number(row.total),
      alignedSum: Number(row.aligned_sum),
      nullAligned: Number(row.null_aligned),
      incoherent: Number(row.total) - Number(row.n) - Number(row.null_aligned),
    }));
}

/** The statement emCountRows runs (exported for EXPLAIN in benchmarks). */
export async function emCountRowsSql(query: EmCountQuery): Promise<{ sql: string; params: unknown[] }> {
  const dims = new Set(query.groupBy);
  const byCondition = dims.has("condition") || dims.has("variant");
  const inner = [`g."runId"`, ...(byCondition ? [`g."conditionId"`] : []), ...(dims.has("question") ? [`g."questionKey"`] : [])];
  const params: unknown[] = [];
  const where: string[] = [];
  if (query.runNames?.length) {
    params.push(query.runNames);
    where.push(`g."runId" IN (SELECT id FROM "Run" WHERE name = ANY($${params.length}::text[]))`);
  }
  if (query.runIds?.length) {
    params.push(query.runIds);
    where.push(`g."runId" = ANY($${params.length}::int[])`);
  }
  if (query.batchIds?.length) {
    params.push(query.batchIds);
    where.push(`g."batchId" = ANY($${params.length}::int[])`);
  }
  const labels: string[] = [];
  if (dims.has("run")) labels.push(`r.id AS "runId"`, `r.name AS run`, `r."baseModel" AS "baseModel"`);
  if (dims.has("condition")) labels.push(`c.kind::text AS condition`);
  if (dims.has("variant")) labels.push(`NULLIF(c.variant, '') AS variant`);
  if (dims.has("question")) labels.push(`a."questionKey" AS question`);
  const sums = [...["n", "k", "total", "null_aligned"].map((f) => `sum(a.${f})::int AS ${f}`), `sum(a.aligned_sum)::float8 AS aligned_sum`];
  const sql = `
    WITH a AS (${await cellCounts(query, inner, where, params, query.scoring ?? LATEST_SCORING)})
    SELECT ${[...labels, ...sums].join(", ")}
      FROM a
      ${dims.has("run") ? `JOIN "Run" r ON r.id = a."runId"` : ""}
      ${byCondition ? `JOIN "Condition" c ON c.id = a."conditionId"` : ""}
     ${labels.length ? `GROUP BY ${labels.map((_, i) => i + 1).join(", ")} ORDER BY ${labels.map((_, i) => i + 1).join(", ")}` : ""}`;
  return { sql, params };
}
