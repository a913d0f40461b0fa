import "server-only";
import { countedScoresOf } from "@/lib/db/counted-scores";
import { pgPool } from "@/lib/db/pg-pool";
import type { GenerationFilter } from "./generation-filter";
import { generationSource } from "./generation-source";

export const PAGE_SIZE = 50;
export const COUNT_CAP = 100_000;

export interface GenerationRow {
  id: number;
  runId: number;
  run: string;
  baseModel: string;
  condition: string;
  variant: string;
  question: string;
  sampleIndex: number;
  /** The scores the filter's pass counts, and the pass each came from (0: pass 0, else a re-judge id). */
  aligned: number | null;
  coherent: number | null;
  alignedPass: number;
  coherentPass: number;
  /** Pass 0's scores. */
  aligned0: number | null;
  coherent0: number | null;
  status: string;
  preview: string;
}

export interface GenerationPage {
  rows: GenerationRow[];
  /** Cursors for the neighbouring pages, null at either end. */
  next: string | null;
  previous: string | null;
}

/** The sort key as SQL: nulls sort last in both directions (a sentinel outside 0-100). */
export function sortExpression(filter: Pick<GenerationFilter, "sort" | "dir">): string {
  if (filter.sort === "id") return "g.id";
  return `coalesce(g.${filter.sort}, ${filter.dir === "asc" ? 1000 : -1})`;
}

export function encodeCursor(value: number, id: number): string {
  return `${value}~${id}`;
}

export function decodeCursor(cursor: string | undefined): [number, number] | null {
  if (!cursor) return null;
  const [value, id] = cursor.split("~").map(Number);
  return Number.isFinite(value) && Number.isInteger(id) ? [value, id] : null;
}

/** A row's value of the sort key, as sortExpression computes it. */
export function sortValue(filter: Pick<GenerationFilter, "sort" | "dir">, row: Pick<GenerationRow, "id" | "aligned" | "coherent">): number {
  if (filter.sort === "id") return row.id;
  return row[filter.sort] ?? (filter.dir === "asc" ? 1000 : -1);
}

function cursorOf(row: GenerationRow, filter: GenerationFilter): string {
  return encodeCursor(sortValue(filter, row), row.id);
}

/** One page of the explorer: keyset pagination on (sort key, id), never OFFSET. */
export async function listGenerations(filter: GenerationFilter): Promise<GenerationPage> {
  const source = await generationSource(filter);
  const { params, columns: col } = source;
  const key = sortExpression(filter);
  const after = decodeCursor(filter.after);
  const before = after ? null : decodeCursor(filter.before);
  const forward = filter.dir === "asc";
  // Walking backwards (a "previous" link) reads the mirror order, then flips the page.
  const reading = before ? !forward : forward;
  const cursor = after ?? before;
  let keyset = "";
  if (cursor) {
    params.push(cursor[0], cursor[1]);
    keyset = ` AND (${key}, g.id) ${reading ? ">" : "<"} ($${params.length - 1}, $${params.length})`;
  }
  const order = reading ? "ASC" : "DESC";
  const { rows } = await pgPool().query<GenerationRow>(
    `${source.with}
     SELECT g.id, g."runId", r.name AS run, r."baseModel", c.kind::text AS condition, c.variant, g."questionKey" AS question,
            g."sampleIndex", ${col.aligned} AS aligned, ${col.coherent} AS coherent, ${col.alignedPass} AS "alignedPass", ${col.coherentPass} AS "coherentPass",
            ${source.counted ? "g.aligned0, g.coherent0" : "g.aligned AS aligned0, g.coherent AS coherent0"},
            g.status::text AS status, left(coalesce(g.answer, g.error, ''), 240) AS preview
       FROM ${source.from} g JOIN "Run" r ON r.id = g."runId" JOIN "Condition" c ON c.id = g."conditionId"
      WHERE ${source.where}${keyset}
      ORDER BY ${key} ${order}, g.id ${order}
      LIMIT ${PAGE_SIZE + 1}`,
    params,
  );
  const more = rows.length > PAGE_SIZE;
  const page = rows.slice(0, PAGE_SIZE);
  if (before) page.reverse();
  if (!source.counted && source.passes.length) {
    // The page's order and rows do not depend on the scores: only its 50 rows look theirs up.
    const counted = await countedScoresOf(pgPool(), source.passes, page.map((r) => r.id));
    for (const row of page) Object.assign(row, counted.get(row.id));
  }
  const hasNext = before ? true : more;
  const hasPrevious = before ? more : Boolean(after);
  return {
    rows: page,
    next: hasNext && page.length ? cursorOf(page[page.length - 1], filter) : null,
    previous: hasPrevious && page.length ? cursorOf(page[0], filter) : null,
  };
}

/** How many generations match, counted up to COUNT_CAP (beyond that the page says "more than"). */
export async function countGenerations(filter: GenerationFilter): Promise<{ count: number; capped: boolean }> {
  const source = await generationSource(filter);
  const { rows } = await pgPool().query<{ n: number }>(
    `${source.with} SELECT count(*)::int AS n FROM (SELECT 1 FROM ${source.from} g WHERE ${source.where} LIMIT ${COUNT_CAP + 1}) x`,
    source.params,
  );
  return { count: Math.min(rows[0].n, COUNT_CAP), capped: rows[0].n > COUNT_CAP };
}
