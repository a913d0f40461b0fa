import "server-only";
import { prepareOverview, type Overview } from "@/lib/domain/overview-chart";
import { thresholdsOf, type EmView } from "./em-view";
import { questionCountRows, toQuestionCell } from "./question-cells";
import { replicateGroups, type RunRecipe } from "@/lib/domain/replicates";
import { pgPool } from "@/lib/db/pg-pool";

async function runRecipes(): Promise<RunRecipe[]> {
  const { rows } = await pgPool().query<RunRecipe>(
    `SELECT id AS "runId", name AS run, "baseModel", "trainingDataset", "trainingTrigger", "benignShare", checkpoint, seed FROM "Run"`,
  );
  return rows;
}

/** Overview: EM per run and condition, grouped by base model, on one scale. */
export async function overviewData(view: EmView): Promise<Overview> {
  const [rows, recipes] = await Promise.all([
    questionCountRows({ groupBy: ["run", "condition", "variant"], definition: view.definition, thresholds: thresholdsOf(view) }),
    view.replicates === "pool" ? runRecipes() : Promise.resolve([]),
  ]);
  return prepareOverview(
    rows.map((r) => ({ ...toQuestionCell(r), runId: r.runId!, run: r.run!, baseModel: r.baseModel!, condition: r.condition!, variant: r.variant })),
    view.interval,
    view.metric,
    replicateGroups(recipes),
  );
}
