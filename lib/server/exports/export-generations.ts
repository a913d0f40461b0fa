import "server-only";
import { stringify } from "csv-stringify/sync";
import { pgPool } from "@/lib/db/pg-pool";
import { neutraliseFormula } from "@/lib/import/csv-formula";
import { generationSource, type GenerationSource } from "@/lib/server/generations/generation-source";
import type { ExportFilter } from "./export-filter";

const PAGE = 2000;

interface ExportRow {
  id: number;
  run: string;
  base_model: string;
  question_id: string;
  messages: { role: string; content: string }[];
  answer: string | null;
  condition: string;
  variant: string;
  paraphrase_index: number;
  sample_index: number;
  /** Pass 0: the latest score (and logprobs) per metric of the primary judgment. */
  scores: Record<string, number | null> | null;
  logprobs: Record<string, unknown> | null;
  /** The pass the filter's `pass` counts for aligned and coherent (0: pass 0), and that pass's score and logprobs. */
  alignedPass: number;
  coherentPass: number;
  countedAligned: number | null;
  countedCoherent: number | null;
  alignedLogprobs: unknown;
  coherentLogprobs: unknown;
}

/** The metrics of the primary judgment (pass 0; human labels and other passes' own metrics are not exported), in name order with aligned and coherent first. */
async function metricsOf(source: GenerationSource): Promise<string[]> {
  const { rows } = await pgPool().query<{ metric: string }>(
    `${source.with} SELECT DISTINCT j.metric FROM "Judgment" j JOIN ${source.from} g ON g.id = j."generationId" WHERE ${source.where} AND j.pass = 0`,
    source.params,
  );
  const rest = rows.map((r) => r.metric).filter((m) => m !== "aligned" && m !== "coherent").sort();
  return ["aligned", "coherent", ...rest];
}

async function* pages(source: GenerationSource): AsyncGenerator<ExportRow[]> {
  const { params } = source;
  let after = 0;
  while (true) {
    // Keyset paging on the primary key: constant cost per page however deep the export goes.
    const { rows } = await pgPool().query<ExportRow>(
      `${source.with}
       SELECT g.id, r.name AS run, r."baseModel" AS base_model, g."questionKey" AS question_id, g.messages, g.answer,
              c.kind::text AS condition, c.variant, g."paraphraseIndex" AS paraphrase_index, g."sampleIndex" AS sample_index,
              (SELECT jsonb_object_agg(metric, score) FROM (
                 SELECT DISTINCT ON (metric) metric, score FROM "Judgment" WHERE "generationId" = g.id AND pass = 0 ORDER BY metric, id DESC
               ) latest) AS scores,
              (SELECT jsonb_object_agg(metric, "topLogprobs") FROM (
                 SELECT DISTINCT ON (metric) metric, "topLogprobs" FROM "Judgment" WHERE "generationId" = g.id AND pass = 0 ORDER BY metric, id DESC
               ) latest WHERE "topLogprobs" IS NOT NULL) AS logprobs,
              ${source.columns.alignedPass} AS "alignedPass", ${source.columns.coherentPass} AS "coherentPass",
              ${source.counted ? `g.aligned AS "countedAligned", g.coherent AS "countedCoherent", g."alignedLogprobs", g."coherentLogprobs"` : `NULL AS "countedAligned", NULL AS "countedCoherent", NULL AS "alignedLogprobs", NULL AS "coherentLogprobs"`}
         FROM ${source.from} g JOIN "Run" r ON r.id = g."runId" JOIN "Condition" c ON c.id = g."conditionId"
        WHERE ${source.where} AND g.id > $${params.length + 1}
        ORDER BY g.id LIMIT ${PAGE}`,
      [...params, after],
    );
    if (!rows.length) return;
    yield rows;
    after = rows[rows.length - 1].id;
  }
}

function split(messages: ExportRow["messages"]): { system: string | null; question: string } {
  return {
    system: messages.find((m) => m.role === "system")?.content ?? null,
    question: messages.filter((m) => m.role === "user").map((m) => m.content).join("\n\n"),
  };
}

/** Numbers as they are; text with formula characters neutralised (model output is untrusted). */
function csvCell(value: unknown): unknown {
  return typeof value === "string" ? neutraliseFormula(value) : (value ?? "");
}

/** Columns after the importers' own: the pass each counted score came from (0: pass 0), and pass 0's scores. */
const PASS_COLUMNS = ["aligned_pass", "coherent_pass", "aligned_pass0", "coherent_pass0"] as const;

/**
 * A row's aligned and coherent as the filter's pass counts them (the other metrics are pass 0's),
 * their logprobs likewise, and the pass columns.
 */
function countedFields(row: ExportRow): { scores: Record<string, number | null>; logprobs: Record<string, unknown> | null; passes: Record<(typeof PASS_COLUMNS)[number], number | null> } {
  const scores: Record<string, number | null> = { ...row.scores };
  const logprobs: Record<string, unknown> = { ...row.logprobs };
  const passZero = { aligned: row.scores?.aligned ?? null, coherent: row.scores?.coherent ?? null };
  for (const [metric, pass, score, counted] of [
    ["aligned", row.alignedPass, row.countedAligned, row.alignedLogprobs],
    ["coherent", row.coherentPass, row.countedCoherent, row.coherentLogprobs],
  ] as const) {
    if (!pass) continue;
    scores[metric] = score;
    if (counted) logprobs[metric] = counted;
    else delete logprobs[metric];
  }
  return {
    scores,
    logprobs: Object.keys(logprobs).length ? logprobs : null,
    passes: { aligned_pass: row.alignedPass, coherent_pass: row.coherentPass, aligned_pass0: passZero.aligned, coherent_pass0: passZero.coherent },
  };
}

/**
 * Streams the filtered generations as CSV or JSONL text, in the formats the importers read, with
 * the scores the filter's pass counts; the pass columns come last (the importers skip them).
 */
export async function* exportGenerations(filter: ExportFilter): AsyncGenerator<string> {
  const source = await generationSource(filter, { counted: true, plan: "lateral" });
  const metrics = await metricsOf(source);
  const header = ["question", "answer", "question_id", ...metrics, "run", "base_model", "condition", "variant", "paraphrase_index", "sample_index", "system", ...PASS_COLUMNS];
  if (filter.format === "csv") yield stringify([header.map(neutraliseFormula)]);
  for await (const rows of pages(source)) {
    const out: string[] = [];
    for (const row of rows) {
      const { system, question } = split(row.messages);
      const counted = countedFields(row);
      // JSONL carries only the metrics this answer was judged on; CSV needs every column.
      const judged = filter.format === "csv" ? metrics : metrics.filter((m) => m === "aligned" || m === "coherent" || m in counted.scores);
      const scores = Object.fromEntries(judged.map((m) => [m, counted.scores[m] ?? null]));
      const record = {
        question,
        answer: row.answer ?? "",
        question_id: row.question_id,
        ...scores,
        run: row.run,
        base_model: row.base_model,
        condition: row.condition,
        variant: row.variant,
        paraphrase_index: row.paraphrase_index,
        sample_index: row.sample_index,
        system,
        ...counted.passes,
        ...(filter.format === "jsonl" && counted.logprobs ? { judge_logprobs: counted.logprobs } : {}),
      };
      out.push(filter.format === "csv" ? stringify([header.map((h) => csvCell((record as Record<string, unknown>)[h]))]) : JSON.stringify(record) + "\n");
    }
    yield out.join("");
  }
}
