import "server-only";
import type pg from "pg";
import { countedGenerations, PRIMARY_COLUMNS, scoringPasses, type CountedColumns, type CountedPass } from "@/lib/db/counted-scores";
import { pgPool } from "@/lib/db/pg-pool";
import { scoringOf } from "@/lib/domain/scoring";
import { filterSql, usesScores, type GenerationFilter } from "./generation-filter";

/** Where a query over the explorer's filter reads its generations: `${with} SELECT ... FROM ${from} g WHERE ${where}`. */
export interface GenerationSource {
  with: string;
  from: string;
  where: string;
  params: unknown[];
  /** The scores the rows of `from` carry, and the pass each came from. */
  columns: CountedColumns;
  /** The passes the filter's `pass` counts over pass 0 (none: pass 0 everywhere). */
  passes: CountedPass[];
  /** Whether `from` carries the counted scores; when not, rows carry pass 0's (countedScoresOf looks a page's up). */
  counted: boolean;
}

/**
 * The filter's generations under the judgments its `pass` counts. On pass 0, and whenever no
 * re-judge counts, plain "Generation" g as ever. With counted re-judges, a filter that reads no
 * score (nor sorts by one) still reads plain "Generation" (its rows and count do not depend on the
 * scores), unless `counted` asks for the counted scores on every row (an export).
 */
export async function generationSource(
  filter: GenerationFilter,
  options: { counted?: boolean; plan?: "overrides" | "lateral"; db?: pg.Pool | pg.ClientBase } = {},
): Promise<GenerationSource> {
  const passes = await scoringPasses(options.db ?? pgPool(), scoringOf(filter.pass));
  const { where, base, params } = filterSql(filter);
  if (!passes.length || !(options.counted || usesScores(filter))) {
    return { with: "", from: `"Generation"`, where, params, columns: PRIMARY_COLUMNS, passes, counted: false };
  }
  // Runs are what an index narrows cheaply; other conditions need no narrowing of the passes' judgments.
  const byRun = filter.run.length > 0 || filter.runName.length > 0;
  const counted = countedGenerations(passes, params, { plan: options.plan ?? "overrides", narrow: byRun ? base : undefined });
  return { with: counted.with, from: counted.relation, where, params, columns: counted.columns, passes, counted: true };
}
