import "server-only";
import { countedScoresOf, scoringPasses } from "@/lib/db/counted-scores";
import { pgPool } from "@/lib/db/pg-pool";
import { scoringOf, type PassChoice } from "@/lib/domain/scoring";
import type { GenerationFilter } from "./generation-filter";
import { generationSource } from "./generation-source";
import { sortExpression, sortValue, type GenerationRow } from "./list-generations";

export interface JudgmentDetail {
  id: number;
  metric: string;
  score: number | null;
  numericMass: number | null;
  method: string;
  judgeModel: string;
  judgePromptHash: string;
  topLogprobs: { token: string; logprob: number }[] | null;
  createdAt: Date;
  /** 0 primary, n > 0 re-judge n, -1 human labels. */
  pass: number;
  label: string | null;
  labeller: string | null;
  /** The judge call failed for good (no score); such a judgment never counts. */
  failed: boolean;
}

/** Characters of an answer or message the detail page shows; the rest is a download away. */
export const DETAIL_TEXT_CHARS = 100_000;

export interface GenerationDetail extends Omit<GenerationRow, "preview"> {
  /** Full length of the answer, when it is longer than the shown DETAIL_TEXT_CHARS. */
  answerLength: number;
  /** Whether any message was cut to DETAIL_TEXT_CHARS. */
  messagesTruncated: boolean;
  placement: string | null;
  paraphraseIndex: number;
  messages: { role: string; content: string }[];
  answer: string | null;
  error: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number | null;
  finishReason: string | null;
  importFile: string | null;
  batchId: number | null;
  createdAt: Date;
  judgments: JudgmentDetail[];
}

/**
 * A generation for its detail page: long answers and messages cut to DETAIL_TEXT_CHARS (in SQL
 * for the answer); aligned and coherent are the scores `pass` counts.
 */
export async function getGeneration(id: number, pass: PassChoice = "latest"): Promise<GenerationDetail | null> {
  const { rows } = await pgPool().query<Omit<GenerationDetail, "judgments" | "messagesTruncated" | "alignedPass" | "coherentPass" | "aligned0" | "coherent0">>(
    `SELECT g.id, g."runId", r.name AS run, r."baseModel", c.kind::text AS condition, c.variant, c.placement::text AS placement,
            g."questionKey" AS question, g."paraphraseIndex", g."sampleIndex", g.messages, left(g.answer, ${DETAIL_TEXT_CHARS}) AS answer,
            coalesce(length(g.answer), 0) AS "answerLength", g.status::text AS status, left(g.error, 2000) AS error,
            g."promptTokens", g."completionTokens", g."latencyMs", g."finishReason", g.aligned, g.coherent,
            i."fileName" AS "importFile", g."batchId", g."createdAt"
       FROM "Generation" g JOIN "Run" r ON r.id = g."runId" JOIN "Condition" c ON c.id = g."conditionId"
       LEFT JOIN "Import" i ON i.id = g."importId"
      WHERE g.id = $1`,
    [id],
  );
  if (!rows.length) return null;
  let messagesTruncated = false;
  const messages = rows[0].messages.map((m) => {
    if (typeof m.content !== "string" || m.content.length <= DETAIL_TEXT_CHARS) return m;
    messagesTruncated = true;
    return { ...m, content: m.content.slice(0, DETAIL_TEXT_CHARS) };
  });
  const judgments = await pgPool().query<JudgmentDetail>(
    `SELECT id, left(metric, 200) AS metric, score, "numericMass", method::text AS method, left("judgeModel", 200) AS "judgeModel", "judgePromptHash",
            CASE WHEN jsonb_typeof("topLogprobs") = 'array' THEN jsonb_path_query_array("topLogprobs", '$[0 to 19]') END AS "topLogprobs", "createdAt",
            pass, label, left(labeller, 200) AS labeller, error IS NOT NULL AS failed
       FROM "Judgment" WHERE "generationId" = $1 ORDER BY pass, metric, id LIMIT 500`,
    [id],
  );
  const g = rows[0];
  const counted = (await countedScoresOf(pgPool(), await scoringPasses(pgPool(), scoringOf(pass)), [id])).get(id);
  return {
    ...g,
    ...(counted ?? { alignedPass: 0, coherentPass: 0 }),
    aligned0: g.aligned,
    coherent0: g.coherent,
    messages,
    messagesTruncated,
    judgments: judgments.rows,
  };
}

/** The whole answer, for the download link of a truncated one. */
export async function getGenerationAnswer(id: number): Promise<string | null> {
  const { rows } = await pgPool().query<{ answer: string | null }>(`SELECT answer FROM "Generation" WHERE id = $1`, [id]);
  return rows.length ? (rows[0].answer ?? "") : null;
}

/** The generations just before and after `id` in the explorer's current filter, order and pass. */
export async function neighbourGenerations(id: number, filter: GenerationFilter): Promise<{ previous: number | null; next: number | null }> {
  const source = await generationSource(filter);
  const key = sortExpression(filter);
  // This answer's own key under the counted scores (it need not match the filter itself).
  const current = source.counted
    ? (await countedScoresOf(pgPool(), source.passes, [id])).get(id)
    : (await pgPool().query<GenerationRow>(`SELECT g.id, g.aligned, g.coherent FROM "Generation" g WHERE g.id = $1`, [id])).rows[0];
  if (!current) return { previous: null, next: null };
  const value = sortValue(filter, { ...current, id });
  const asc = filter.dir === "asc";
  const step = async (forward: boolean) => {
    const order = forward === asc ? "ASC" : "DESC";
    const cmp = forward === asc ? ">" : "<";
    const n = source.params.length;
    const { rows } = await pgPool().query<{ id: number }>(
      `${source.with} SELECT g.id FROM ${source.from} g WHERE ${source.where} AND (${key}, g.id) ${cmp} ($${n + 1}, $${n + 2})
        ORDER BY ${key} ${order}, g.id ${order} LIMIT 1`,
      [...source.params, value, id],
    );
    return rows[0]?.id ?? null;
  };
  const [previous, next] = await Promise.all([step(false), step(true)]);
  return { previous, next };
}
