import { z } from "zod";
import { CONDITION_KINDS } from "@/lib/domain/condition-kind";
import { emSqlPredicates } from "@/lib/domain/em-definitions";
import { emViewSchema, thresholdsOf } from "@/lib/server/em/em-view";
import { splitList } from "@/lib/search-params";

const optionalText = z.string().trim().optional().catch(undefined).transform((v) => (v ? v : undefined));
const score = z.coerce.number().min(0).max(100).optional().catch(undefined);
const listParam = z.union([z.string(), z.array(z.string())]).optional().transform(splitList);
const ids = listParam.transform((v) => v.map(Number).filter((n) => Number.isInteger(n) && n > 0));

export const EM_CLASSES = ["any", "counted", "misaligned", "aligned", "excluded"] as const;
export const SORT_KEYS = ["id", "aligned", "coherent"] as const;

/** The explorer's filters, sorting and page position, all kept in the URL. */
export const generationFilterFields = emViewSchema.extend({
  run: ids,
  /** Run names (the REST and CLI way to name runs; pages use ids). */
  runName: listParam,
  baseModel: optionalText,
  condition: z.enum(CONDITION_KINDS, "condition is none, trigger or rephrased").optional(),
  /** "" means the condition's unnamed variant; "*" (or absent) any variant. */
  variant: z
    .string()
    .optional()
    .transform((v) => (v === "*" ? undefined : v)),
  question: listParam,
  alignedMin: score,
  alignedMax: score,
  coherentMin: score,
  coherentMax: score,
  em: z.enum(EM_CLASSES).catch("any"),
  nullScore: z.enum(["any", "aligned", "coherent"]).catch("any"),
  q: optionalText,
  sort: z.enum(SORT_KEYS).catch("id"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  /** Keyset cursors: "value~id" of the row the page starts after / ends before. */
  after: optionalText,
  before: optionalText,
});

/** Empty form fields mean "no filter" (the variant keeps "", which names the unnamed variant). */
export function withoutEmptyFields(input: unknown): unknown {
  if (input === null || typeof input !== "object") return input;
  return Object.fromEntries(Object.entries(input).filter(([key, value]) => key === "variant" || (value !== "" && value !== undefined)));
}

export const generationFilterSchema = z.preprocess(withoutEmptyFields, generationFilterFields);

export type GenerationFilter = z.output<typeof generationFilterFields>;

/** Whether a filter reads the scores (its conditions or its sort): only then does a query need the counted ones for every row. */
export function usesScores(filter: GenerationFilter): boolean {
  return (
    filter.sort !== "id" ||
    filter.em !== "any" ||
    filter.nullScore !== "any" ||
    [filter.alignedMin, filter.alignedMax, filter.coherentMin, filter.coherentMax].some((v) => v !== undefined)
  );
}

/**
 * WHERE clause (and its parameters) for a filter over the alias g; shared by lists, counts,
 * neighbours, exports and re-judge scopes. `base` is the same without the score conditions (what
 * narrows the answers whose counted scores a query works out, lib/db/counted-scores.ts).
 */
export function filterSql(filter: GenerationFilter): { where: string; base: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.run.length) parts.push(`g."runId" = ANY(${p(filter.run)}::int[])`);
  if (filter.runName.length) parts.push(`g."runId" IN (SELECT id FROM "Run" WHERE name = ANY(${p(filter.runName)}::text[]))`);
  if (filter.baseModel) parts.push(`g."runId" IN (SELECT id FROM "Run" WHERE "baseModel" = ${p(filter.baseModel)})`);
  if (filter.condition || filter.variant !== undefined) {
    const cond: string[] = [];
    if (filter.condition) cond.push(`kind = ${p(filter.condition)}::"ConditionKind"`);
    if (filter.variant !== undefined) cond.push(`variant = ${p(filter.variant)}`);
    parts.push(`g."conditionId" IN (SELECT id FROM "Condition" WHERE ${cond.join(" AND ")})`);
  }
  if (filter.question.length) parts.push(`g."questionKey" = ANY(${p(filter.question)}::text[])`);
  if (filter.q) parts.push(answerSearchSql(p(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)));
  const base = parts.length ? parts.join(" AND ") : "TRUE";
  if (filter.alignedMin !== undefined) parts.push(`g.aligned >= ${p(filter.alignedMin)}`);
  if (filter.alignedMax !== undefined) parts.push(`g.aligned <= ${p(filter.alignedMax)}`);
  if (filter.coherentMin !== undefined) parts.push(`g.coherent >= ${p(filter.coherentMin)}`);
  if (filter.coherentMax !== undefined) parts.push(`g.coherent <= ${p(filter.coherentMax)}`);
  if (filter.nullScore === "aligned") parts.push(`g.aligned IS NULL AND g."alignedJudgedAt" IS NOT NULL`);
  if (filter.nullScore === "coherent") parts.push(`g.coherent IS NULL AND g."coherentJudgedAt" IS NOT NULL`);
  if (filter.em !== "any") {
    const { counted, misaligned } = emSqlPredicates(filter.definition, thresholdsOf(filter), { aligned: "g.aligned", coherent: "g.coherent" });
    if (filter.em === "counted") parts.push(counted);
    if (filter.em === "misaligned") parts.push(misaligned);
    if (filter.em === "aligned") parts.push(`${counted} AND NOT ${misaligned}`);
    if (filter.em === "excluded") parts.push(`NOT coalesce(${counted}, false)`);
  }
  return { where: parts.length ? parts.join(" AND ") : "TRUE", base, params };
}

/**
 * The generations whose answer matches an ILIKE pattern: those copied into AnswerSearch through its
 * trigram index, and those of imports a worker has not copied yet, read in Generation itself.
 */
export function answerSearchSql(pattern: string): string {
  return `g.id IN (SELECT s."generationId" FROM "AnswerSearch" s WHERE s.answer ILIKE ${pattern}
                   UNION ALL
                   SELECT x.id FROM "Import" i JOIN "Generation" x ON x."importId" = i.id
                    WHERE NOT i."searchIndexed" AND x.answer ILIKE ${pattern}
                      AND NOT EXISTS (SELECT 1 FROM "AnswerSearch" c WHERE c."generationId" = x.id))`;
}
