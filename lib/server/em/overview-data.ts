import "server-only";
import { z } from "zod";
import { prepareOverview, type Overview } from "@/lib/domain/overview-chart";
import { replicateGroups, type RunRecipe } from "@/lib/domain/replicates";
import { pgPool } from "@/lib/db/pg-pool";
import { scoringOfView, thresholdsOf, type EmView } from "./em-view";
import { questionCountRows, toQuestionCell } from "./question-cells";

const optionalText = z.string().trim().max(500).optional().catch(undefined).transform((v) => (v ? v : undefined));

/** Which runs the overview shows: a subset by base model, training dataset or trigger. */
export const runSubsetSchema = z.object({
  baseModel: optionalText,
  dataset: optionalText,
  triggered: z.enum(["any", "yes", "no"]).catch("any"),
});
export type RunSubset = z.output<typeof runSubsetSchema>;

export async function runRecipes(): Promise<RunRecipe[]> {
  const { rows } = await pgPool().query<RunRecipe>(
    `SELECT id AS "runId", name AS run, "baseModel", "trainingDataset", "trainingTrigger", "benignShare", checkpoint, seed FROM "Run" ORDER BY name`,
  );
  return rows;
}

function inSubset(recipe: RunRecipe | undefined, subset: RunSubset): boolean {
  if (!recipe) return false;
  if (subset.baseModel && recipe.baseModel !== subset.baseModel) return false;
  if (subset.dataset && (recipe.trainingDataset ?? "") !== subset.dataset) return false;
  if (subset.triggered === "yes" && !recipe.trainingTrigger) return false;
  if (subset.triggered === "no" && recipe.trainingTrigger) return false;
  return true;
}

/** Overview: EM per run and condition, grouped by base model, on one scale; a subset of runs on request. */
export async function overviewData(view: EmView, subset: RunSubset = { baseModel: undefined, dataset: undefined, triggered: "any" }): Promise<Overview & { recipes: RunRecipe[] }> {
  const [rows, recipes] = await Promise.all([
    questionCountRows({ groupBy: ["run", "condition", "variant"], definition: view.definition, thresholds: thresholdsOf(view), scoring: scoringOfView(view) }),
    runRecipes(),
  ]);
  const byId = new Map(recipes.map((r) => [r.runId, r]));
  const overview = prepareOverview(
    rows
      .filter((r) => inSubset(byId.get(r.runId!), subset))
      .map((r) => ({ ...toQuestionCell(r), runId: r.runId!, run: r.run!, baseModel: r.baseModel!, condition: r.condition!, variant: r.variant })),
    view.interval,
    view.metric,
    view.replicates === "pool" ? replicateGroups(recipes) : new Map(),
  );
  return { ...overview, recipes };
}
