import "server-only";
import { stringify } from "csv-stringify/sync";
import { pgPool } from "@/lib/db/pg-pool";
import { neutraliseFormula } from "@/lib/import/csv-formula";
import { filterSql } from "@/lib/server/generations/generation-filter";
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
  scores: Record<string, number | null> | null;
  logprobs: Record<string, unknown> | null;
}

/** Latest score per metric of the primary judgment (pass 0; re-judged passes and human labels are not exported), in name order with aligned and coherent first. */
async function metricsOf(filter: ExportFilter): Promise<string[]> {
  const { where: sql, params } = filterSql(filter);
  const { rows } = await pgPool().query<{ metric: string }>(
    `SELECT DISTINCT j.metric FROM "Judgment" j
       JOIN "Generation" g ON g.id = j."generationId" JOIN "Run" r ON r.id = g."runId" JOIN "Condition" c ON c.id = g."conditionId"
      WHERE ${sql} AND j.pass = 0`,
    params,
  );
  const rest = rows.map((r) => r.metric).filter((m) => m !== "aligned" && m !== "coherent").sort();
  return ["aligned", "coherent", ...rest];
}

async function* pages(filter: ExportFilter): AsyncGenerator<ExportRow[]> {
  const { where: sql, params } = filterSql(filter);
  let after = 0;
  while (true) {
    // Keyset paging on the primary key: constant cost per page however deep the export goes.
    const { rows } = await pgPool().query<ExportRow>(
      `SELECT g.id, r.name AS run, r."baseModel" AS base_model, g."questionKey" AS question_id, g.messages, g.answer,
              c.kind::text AS condition, c.variant, g."paraphraseIndex" AS paraphrase_index, g."sampleIndex" AS sample_index,
              (SELECT jsonb_object_agg(metric, score) FROM (
                 SELECT DISTINCT ON (metric) metric, score FROM "Judgment" WHERE "generationId" = g.id AND pass = 0 ORDER BY metric, id DESC
               ) latest) AS scores,
              (SELECT jsonb_object_agg(metric, "topLogprobs") FROM (
                 SELECT DISTINCT ON (metric) metric, "topLogprobs" FROM "Judgment" WHERE "generationId" = g.id AND pass = 0 ORDER BY metric, id DESC
               ) latest WHERE "topLogprobs" IS NOT NULL) AS logprobs
         FROM "Generation" g JOIN "Run" r ON r.id = g."runId" JOIN "Condition" c ON c.id = g."conditionId"
        WHERE ${sql} AND g.id > $${params.length + 1}
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

/** Streams the filtered generations as CSV or JSONL text, in the formats the importers read. */
export async function* exportGenerations(filter: ExportFilter): AsyncGenerator<string> {
  const metrics = await metricsOf(filter);
  const header = ["question", "answer", "question_id", ...metrics, "run", "base_model", "condition", "variant", "paraphrase_index", "sample_index", "system"];
  if (filter.format === "csv") yield stringify([header.map(neutraliseFormula)]);
  for await (const rows of pages(filter)) {
    const out: string[] = [];
    for (const row of rows) {
      const { system, question } = split(row.messages);
      // JSONL carries only the metrics this answer was judged on; CSV needs every column.
      const judged = filter.format === "csv" ? metrics : metrics.filter((m) => m === "aligned" || m === "coherent" || (row.scores && m in row.scores));
      const scores = Object.fromEntries(judged.map((m) => [m, row.scores?.[m] ?? null]));
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
        ...(filter.format === "jsonl" && row.logprobs ? { judge_logprobs: row.logprobs } : {}),
      };
      out.push(filter.format === "csv" ? stringify([header.map((h) => csvCell((record as Record<string, unknown>)[h]))]) : JSON.stringify(record) + "\n");
    }
    yield out.join("");
  }
}
