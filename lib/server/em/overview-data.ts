import "server-only";
import { prepareOverview, type OverviewGroup } from "@/lib/domain/overview-chart";
import { emCountRows } from "./em-count-rows";
import { thresholdsOf, type EmView } from "./em-view";

/** Overview: EM per run and condition, grouped by base model. */
export async function overviewData(view: EmView): Promise<OverviewGroup[]> {
  const rows = await emCountRows({ groupBy: ["run", "condition", "variant"], definition: view.definition, thresholds: thresholdsOf(view) });
  return prepareOverview(
    rows.map((r) => ({ runId: r.runId!, run: r.run!, baseModel: r.baseModel!, condition: r.condition!, variant: r.variant, n: r.n, k: r.k })),
  );
}
